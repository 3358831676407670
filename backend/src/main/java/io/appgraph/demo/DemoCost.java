package io.appgraph.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.appgraph.cost.CostLedger;
import io.appgraph.cost.CostLedger.ContainerSamples;
import io.appgraph.cost.CostLedger.PlatformFigures;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;

/**
 * The demo estate's platform and cost history, written through the cost feature's own
 * writers: days of usage per app ({@code appgraph.demo.cost-days}, 30 by default; fewer
 * on a large estate) in prod (every app), non-prod (three in four) and dev (one in two,
 * its Prometheus stale for two hours), a few apps live for 5 days only, with requests
 * that are often far above usage (so right-sizing has something to say), log volume per
 * level, unattributed cost (pods without an app label, an app missing from the catalog),
 * and a day of live figures per environment for the dashboard's sparklines. Three stories
 * are told by the numbers: payments' squad doubled {@code payments-api}'s replicas six
 * days ago (cost up week on week), three apps turned debug logging off at a release about
 * three weeks ago (logging cost around that release falls), and one app logged five times
 * its usual yesterday (a logging spike).
 */
final class DemoCost {

    /** The most app-days of history a demo load writes per environment. */
    static final int MAX_APP_DAYS = 40_000;

    static final String SCALED_UP = "payments-api";

    /**
     * Days of history of the few apps that went live lately: too few for a confident
     * right-sizing.
     */
    static final int NEWCOMER_DAYS = 5;

    private static final double MIB = 1024.0 * 1024;

    private static final double GIB = 1024 * MIB;

    private static final double[] CPU_REQUESTS = { 0.1, 0.25, 0.5, 1.0, 2.0 };

    private static final double[] MEMORY_REQUESTS = { 128 * MIB, 256 * MIB, 512 * MIB, GIB, 2 * GIB, 4 * GIB };

    private static final String LAST_RELEASE_BEFORE = """
            MATCH (r:Release)-[:OF]->(app:App {name: $app})
            WHERE r.status = 'SUCCEEDED' AND r.finishedAt < $before
            RETURN r.finishedAt AS at ORDER BY r.finishedAt DESC LIMIT 1
            """;

    // Each label through its (environment, day) index.
    private static final List<String> MARK_DAY = List.of(
            "MATCH (n:UsageDay {environment: $environment, day: $day}) SET n:DemoData",
            "MATCH (n:LogVolumeDay {environment: $environment, day: $day}) SET n:DemoData",
            "MATCH (n:UnattributedCostDay {environment: $environment, day: $day}) SET n:DemoData",
            "MATCH (n:UsageRollup {environment: $environment, day: $day}) SET n:DemoData");

    private static final List<String> MARK_REST = List.of("MATCH (n:RightSizing) SET n:DemoData",
            "MATCH (n:PlatformSample) SET n:DemoData", "MATCH (n:PlatformEnvironment) SET n:DemoData",
            "MATCH (n:CostAlert) SET n:DemoData",
            "MATCH (n:OutboxMessage) WHERE n.key STARTS WITH 'cost-alert:' SET n:DemoData");

    private DemoCost() {
    }

    /** Writes the cost history of {@code estate}'s apps, dated up to {@code now}. */
    static int write(Driver driver, CostLedger ledger, DemoEstate estate, long seed, Instant now, int prodDays) {
        int apps = Math.max(1, estate.apps().size());
        int longest = Math.min(prodDays, Math.max(1, MAX_APP_DAYS / apps));
        if (prodDays == 0) {
            return 0;
        }
        Map<String, Integer> days = new LinkedHashMap<>();
        days.put("prod", longest);
        days.put("non-prod", longest);
        days.put("dev", longest);
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        List<Profile> profiles = new ArrayList<>();
        for (DemoEstate.App app : estate.apps()) {
            profiles.add(Profile.of(app, seed));
        }
        Map<String, LocalDate> debugOff = new HashMap<>();
        try (Session session = driver.session()) {
            for (Profile profile : profiles.subList(0, Math.min(profiles.size(), 60))) {
                if (debugOff.size() == 3 || !profile.debug) {
                    continue;
                }
                session
                    .executeRead(tx -> tx.run(LAST_RELEASE_BEFORE,
                            Map.of("app", profile.name, "before",
                                    now.minus(Duration.ofDays(18)).atOffset(ZoneOffset.UTC)))
                        .list())
                    .forEach(r -> debugOff.put(profile.name,
                            r.get("at").asZonedDateTime().withZoneSameInstant(ZoneOffset.UTC).toLocalDate()));
            }
        }
        String spiking = profiles.stream()
            .skip(7)
            .map(Profile::name)
            .filter(name -> !name.equals(SCALED_UP))
            .findFirst()
            .orElse(null);
        int written = 0;
        try (Session session = driver.session()) {
            for (Map.Entry<String, Integer> environment : days.entrySet()) {
                String env = environment.getKey();
                List<Profile> running = running(env, profiles);
                for (int back = environment.getValue(); back >= 1; back--) {
                    LocalDate day = today.minusDays(back);
                    int ago = back;
                    session.executeWriteWithoutResult(tx -> {
                        writeDay(tx, ledger, env, day, ago, running, debugOff, spiking, seed);
                        for (String mark : MARK_DAY) {
                            tx.run(mark, Map.of("environment", env, "day", day)).consume();
                        }
                    });
                    written++;
                }
                LocalDate yesterday = today.minusDays(1);
                session.executeWriteWithoutResult(tx -> ledger.rightSize(tx, env, yesterday,
                        running.stream().map(p -> Map.of("app", p.name, "container", p.name)).toList()));
                session.executeWriteWithoutResult(tx -> platform(tx, ledger, env, running, now));
            }
            ledger.raiseAlerts();
            session.executeWriteWithoutResult(tx -> MARK_REST.forEach(mark -> tx.run(mark).consume()));
        }
        return written;
    }

    /** Every app runs in prod; three in four in non-prod, one in two in dev. */
    private static List<Profile> running(String env, List<Profile> profiles) {
        int count = switch (env) {
            case "non-prod" -> profiles.size() * 3 / 4;
            case "dev" -> profiles.size() / 2;
            default -> profiles.size();
        };
        return profiles.subList(0, Math.max(1, count));
    }

    private static void writeDay(TransactionContext tx, CostLedger ledger, String env, LocalDate day, int ago,
            List<Profile> profiles, Map<String, LocalDate> debugOff, String spiking, long seed) {
        Random random = new Random(seed ^ day.toEpochDay() * 31 ^ env.hashCode());
        boolean weekend = day.getDayOfWeek().getValue() >= 6;
        double scale = env.equals("prod") ? 1 : env.equals("non-prod") ? 0.35 : 0.2;
        List<ContainerSamples> containers = new ArrayList<>();
        Map<String, Map<String, Double>> logs = new TreeMap<>();
        for (Profile p : profiles) {
            if (p.newcomer && ago > NEWCOMER_DAYS) {
                continue;
            }
            int replicas = env.equals("prod") ? p.replicas : 1;
            if (env.equals("prod") && p.name.equals(SCALED_UP) && ago <= 6) {
                replicas *= 2;
            }
            double[] cpu = new double[24];
            double[] memory = new double[24];
            for (int hour = 0; hour < 24; hour++) {
                double business = (hour >= 8 && hour <= 18) ? 1.3 : 0.6;
                double load = p.cpuRatio * business * (weekend ? 0.6 : 1) * (0.85 + 0.3 * random.nextDouble())
                        * (1 + p.growth * (90 - ago) / 90.0);
                cpu[hour] = p.cpuRequest * Math.min(load, 1.6);
                memory[hour] = p.memoryRequest * Math.min(p.memoryRatio * (0.9 + 0.15 * random.nextDouble()), 1.2);
            }
            containers.add(new ContainerSamples(p.name, p.name, p.cpuRequest, p.memoryRequest, replicas, cpu, memory));
            double bytes = p.logBytes * scale * (weekend ? 0.7 : 1) * (0.9 + 0.2 * random.nextDouble());
            Map<String, Double> levels = new TreeMap<>();
            boolean debug = p.debug && !(debugOff.containsKey(p.name) && day.isAfter(debugOff.get(p.name)));
            levels.put("info", bytes * 0.6);
            levels.put("warn", bytes * 0.1);
            levels.put("error", bytes * 0.03);
            if (debug) {
                levels.put("debug", bytes * 1.2);
            }
            if (p.name.equals(spiking) && ago == 1 && env.equals("prod")) {
                levels.put("error", bytes * 6);
            }
            logs.put(p.name, levels);
        }
        Map<String, Double> unattributed = new LinkedHashMap<>();
        Map<String, Double> unattributedLogs = new LinkedHashMap<>();
        if (env.equals("prod")) {
            unattributed.put("no app label and no owning Deployment, StatefulSet or DaemonSet",
                    2 + random.nextDouble());
            unattributed.put("app '" + DemoAlerts.UNMATCHED_APP + "' is not in the catalog", 1.5 + (90 - ago) * 0.02);
            unattributedLogs.put("log stream without an app, app_kubernetes_io_name or service_name label",
                    3 * GIB * (0.8 + 0.4 * random.nextDouble()));
        }
        ledger.usageDay(tx, env, day, containers, unattributed);
        ledger.logVolumeDay(tx, env, day, logs, unattributedLogs);
    }

    private static void platform(TransactionContext tx, CostLedger ledger, String env, List<Profile> profiles,
            Instant now) {
        boolean prod = env.equals("prod");
        double cpuRequested = 0;
        double cpuUsed = 0;
        double memoryRequested = 0;
        double memoryUsed = 0;
        int pods = 0;
        for (Profile p : profiles) {
            int replicas = prod ? p.replicas : 1;
            pods += replicas;
            cpuRequested += p.cpuRequest * replicas;
            cpuUsed += p.cpuRequest * p.cpuRatio * replicas;
            memoryRequested += p.memoryRequest * replicas;
            memoryUsed += p.memoryRequest * p.memoryRatio * replicas;
        }
        int apps = profiles.size();
        // The dev cluster's Prometheus stopped answering two hours ago: its figures are
        // stale.
        boolean stale = env.equals("dev");
        Instant last = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            .minus(stale ? Duration.ofHours(2) : Duration.ZERO);
        Random random = new Random(env.hashCode());
        java.util.SortedMap<Instant, PlatformFigures> samples = new java.util.TreeMap<>();
        for (int i = 143; i >= 0; i--) {
            Instant at = last.minus(Duration.ofMinutes(10L * i));
            int hour = at.atOffset(ZoneOffset.UTC).getHour();
            double business = (hour >= 8 && hour <= 18) ? 1.25 : 0.7;
            double noise = 0.92 + 0.16 * random.nextDouble();
            int unattributedPods = prod ? 6 : 1;
            samples.put(at,
                    new PlatformFigures(apps, pods + unattributedPods, pods + unattributedPods, cpuRequested,
                            cpuUsed * business * noise, Math.ceil(cpuRequested * 1.4), memoryRequested,
                            memoryUsed * (0.95 + 0.1 * random.nextDouble()),
                            Math.ceil(memoryRequested * 1.5 / GIB) * GIB, unattributedPods));
        }
        ledger.platformSamples(tx, env, samples);
        if (stale) {
            ledger.platformPullFailed(tx, env, now,
                    "Prometheus at http://prometheus.dev.example.com:9090 could not be reached: connect timed out");
        }
    }

    /** How one app runs: what it requests, what share it uses, how much it logs. */
    private record Profile(String name, int replicas, double cpuRequest, double cpuRatio, double memoryRequest,
            double memoryRatio, double growth, double logBytes, boolean debug, boolean newcomer) {

        static Profile of(DemoEstate.App app, long seed) {
            Random random = new Random(seed * 7919 + app.name().hashCode());
            int replicas = switch (app.tier()) {
                case "TIER_1" -> 3 + random.nextInt(4);
                case "TIER_2" -> 2 + random.nextInt(3);
                default -> 1 + random.nextInt(2);
            };
            // A third of the apps ask for far more than they use.
            double cpuRatio = (random.nextDouble() < 0.35) ? 0.04 + 0.12 * random.nextDouble()
                    : 0.3 + 0.5 * random.nextDouble();
            double memoryRatio = (random.nextDouble() < 0.3) ? 0.15 + 0.15 * random.nextDouble()
                    : 0.5 + 0.4 * random.nextDouble();
            return new Profile(app.name(), replicas, CPU_REQUESTS[random.nextInt(CPU_REQUESTS.length)], cpuRatio,
                    MEMORY_REQUESTS[random.nextInt(MEMORY_REQUESTS.length)], memoryRatio,
                    (random.nextDouble() < 0.2) ? 0.3 * random.nextDouble() : 0,
                    (0.1 + 4 * random.nextDouble() * random.nextDouble()) * GIB, random.nextDouble() < 0.3,
                    random.nextDouble() < 0.03);
        }

    }

}
