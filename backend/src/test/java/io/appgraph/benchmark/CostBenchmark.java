package io.appgraph.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.appgraph.benchmark.MeasuredRows.Row;
import io.appgraph.cost.CostLedger;
import io.micrometer.core.instrument.MeterRegistry;
import org.neo4j.driver.Driver;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cost at the scale of the brief's estate: a day of usage rollups and log volume for
 * every app in three environments pushed through {@code /api/import/usage} and
 * {@code /api/import/log-volume}, as a cluster that appgraph cannot reach pushes them;
 * then the portal's squad cost page over 90 days of history, and the estate's cost by
 * week. Each environment's day is one post of Prometheus range answers (every app one pod
 * with one container) and one of log volume (every app, three levels). Prints wall times,
 * body sizes, rows stored, the heap during each post, and the reads' latencies; judges
 * nothing.
 */
public final class CostBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> ENVIRONMENTS = List.of("prod", "non-prod", "dev");

    private static final double MIB = 1024.0 * 1024;

    private static final double GIB = 1024 * MIB;

    // The limit an import body has unless appgraph.http.max-import-size says otherwise.
    private static final long IMPORT_LIMIT = 64L * 1024 * 1024;

    private static final String APPS = """
            query($after: String) { apps(first: 100, after: $after) {
              pageInfo { hasNextPage endCursor } edges { node { name squad { name } } } } }""";

    // The squad cost page's four reads, asked for in one request.
    private static final Map<String, String> PAGE_READS = Map.of("costSummary", """
            costSummary(squad: $squad, from: $from, to: $to) {
              from to compute logging total previousTotal change trend }""", "costs", """
            costs(squad: $squad, from: $from, to: $to, interval: DAY) {
              start compute logging total apps { app { name } total } }""", "rightSizing", """
            rightSizing(squad: $squad) { app { name } environment container replicas days
              cpu { requestedCores recommendedCores lowerBoundCores upperBoundCores }
              memory { requestedBytes recommendedBytes lowerBoundBytes upperBoundBytes }
              confidence monthlySaving manifestUrl change }""", "costAlerts", """
            costAlerts(squad: $squad) { id kind message status }""");

    private static final List<String> PAGE_ORDER = List.of("costSummary", "costs", "rightSizing", "costAlerts");

    private static final String SQUAD_PAGE = page(PAGE_ORDER);

    private static final String ESTATE_WEEKS = """
            query($from: DateTime!, $to: DateTime!) { costs(from: $from, to: $to, interval: WEEK) {
              start compute logging total change apps { app { name } total }
              unattributed { environment compute logging reason } } }""";

    private static final String STORED = """
            MATCH (u:UsageDay {day: $day}) WITH count(u) AS usage
            MATCH (l:LogVolumeDay {day: $day}) WITH usage, count(l) AS logs
            RETURN usage, logs, COUNT { (r:RightSizing) } AS rightSizing
            """;

    private static final String ALERTS = """
            MATCH (c:CostAlert) RETURN c.kind AS kind, count(*) AS alerts ORDER BY kind
            """;

    private final BenchmarkSettings settings;

    private final BenchmarkApp app;

    private final GraphQlClient graphQl;

    private final Driver driver;

    private final HttpClient http = BenchmarkApp.httpClient();

    private final Duration step;

    // The step as the knob gives it, such as 1h: the import's step parameter.
    private final String stepText;

    private final int samples;

    // The squads with 90 days of history: only their apps may log heavily.
    private Set<String> historySquads = Set.of();

    private CostBenchmark(BenchmarkSettings settings, BenchmarkApp app, String stepText) {
        this.settings = settings;
        this.app = app;
        this.graphQl = new GraphQlClient(app.uri("/graphql"));
        this.driver = app.driver();
        this.stepText = stepText;
        this.step = DurationStyle.detectAndParse(stepText);
        this.samples = (int) (86_400 / step.toSeconds());
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        String step = System.getProperty("benchmark.cost-step", "1h").strip();
        long started = System.nanoTime();
        try (BenchmarkApp app = BenchmarkApp.start("cost benchmark", settings, "--appgraph.demo.releases-per-app=0",
                "--appgraph.platform.jobs-enabled=false", "--appgraph.outbox.enabled=false",
                "--appgraph.ownership.sweep-enabled=false",
                // Each post is printed here: no log line of its own.
                "--logging.level.io.appgraph.cost.CostImportController=WARN")) {
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            new CostBenchmark(settings, app, step).run(startup);
        }
    }

    private void run(Duration startup) throws Exception {
        List<EstateApp> apps = apps();
        int squadCount = Integer.getInteger("benchmark.cost-squads", 20);
        Map<String, List<EstateApp>> bySquad = new TreeMap<>();
        apps.stream()
            .filter(a -> a.squad() != null)
            .forEach(a -> bySquad.computeIfAbsent(a.squad(), s -> new ArrayList<>()).add(a));
        List<String> squads = bySquad.keySet().stream().limit(squadCount).toList();
        List<EstateApp> squadApps = squads.stream().flatMap(s -> bySquad.get(s).stream()).toList();
        this.historySquads = Set.copyOf(squads);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        System.out.printf(Locale.ROOT,
                "%ncost benchmark: %,d apps, %,d squads; %d cores, max heap %,d MiB, page cache %s; start-up to ready, "
                        + "estate generated and loaded: %,d ms%n",
                apps.size(), bySquad.size(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, this.settings.pageCache(), startup.toMillis());
        System.out.printf(Locale.ROOT,
                "usage at a step of %s (%d samples a series): each environment's day is one post, which replaces that "
                        + "day, so it must hold every app; at 1h a 10,000-app day stays under the shipped %d MiB "
                        + "import limit (appgraph.http.max-import-size), so the server runs as configured. The pulls' "
                        + "own 5m step would make a ~400 MiB body. Posts are sent one after another, by one client.%n",
                this.stepText, this.samples, IMPORT_LIMIT >> 20);

        // 90 days of prod history for the squads the page is read for: one small post of
        // their apps a day, each day once (a post replaces the environment's day).
        LocalDate measuredDay = today.minusDays(1);
        LocalDate warmupDay = today.minusDays(2);
        int historyDays = 88;
        System.out.printf(Locale.ROOT,
                "%nhistory: %d days (%s to %s) of prod usage and log volume for %d squads' %,d apps, a post of each a day%n",
                historyDays, today.minusDays(historyDays + 2), today.minusDays(3), squads.size(), squadApps.size());
        long[] historyUsage = new long[historyDays];
        long[] historyLogs = new long[historyDays];
        long historyStarted = System.nanoTime();
        for (int d = 0; d < historyDays; d++) {
            LocalDate day = today.minusDays(historyDays + 2 - d);
            historyUsage[d] = post("/api/import/usage?environment=prod&date=" + day + "&step=" + this.stepText,
                    usage(squadApps, "prod", day))
                .nanos();
            historyLogs[d] = post("/api/import/log-volume?environment=prod&date=" + day, logs(squadApps, "prod", day))
                .nanos();
        }
        Arrays.sort(historyUsage);
        Arrays.sort(historyLogs);
        System.out.printf(Locale.ROOT,
                "history loaded in %.1f s (bodies generated included): usage posts p50 %.0f ms, max %.0f ms; "
                        + "log volume posts p50 %.0f ms, max %.0f ms%n",
                (System.nanoTime() - historyStarted) / 1e9, historyUsage[historyDays / 2] / 1e6,
                historyUsage[historyDays - 1] / 1e6, historyLogs[historyDays / 2] / 1e6,
                historyLogs[historyDays - 1] / 1e6);

        // A day of every app in every environment: a warm-up day, then the measured day.
        ingestDay(apps, warmupDay, "warm-up day, JVM cold");
        ingestDay(apps, measuredDay, "measured day");
        byte[] rehearsal = usage(apps, "prod", measuredDay);
        post("/api/import/usage?environment=prod&date=" + measuredDay + "&step=" + this.stepText + "&dryRun=true",
                rehearsal)
            .print("usage prod, dry run", rehearsal.length, answer -> "the same day again, as a dry run: read, "
                    + "rolled up and written in a transaction rolled back, without the alert sweep");
        printAlerts();
        long sweepStarted = System.nanoTime();
        this.app.context().getBean(CostLedger.class).raiseAlerts();
        System.out.printf(Locale.ROOT,
                "one cost alert sweep alone (every post ends with one), over the estate as it now stands: %,d ms%n",
                (System.nanoTime() - sweepStarted) / 1_000_000);

        new ServerActivity(this.app.context().getBean(MeterRegistry.class)).awaitIdle(Duration.ofMinutes(1));
        ZonedDateTime to = today.atStartOfDay(ZoneOffset.UTC);
        String from = to.minusDays(90).toString();
        List<ClosedLoop.Call> pages = new ArrayList<>();
        for (String squad : squads) {
            pages.add(this.graphQl.query(SQUAD_PAGE, Map.of("squad", squad, "from", from, "to", to.toString())));
        }
        JsonNode sample = this.graphQl.data(SQUAD_PAGE,
                Map.of("squad", squads.get(0), "from", from, "to", to.toString()));
        System.out.printf(Locale.ROOT,
                "%nsquad cost page of %s (%d apps): 90 days %s to %s, %d daily buckets, %d containers to right-size, "
                        + "%d open cost alerts, 90-day total %.2f, trend %s%n",
                squads.get(0), bySquad.get(squads.get(0)).size(), from, to, sample.path("costs").size(),
                sample.path("rightSizing").size(), sample.path("costAlerts").size(),
                sample.path("costSummary").path("total").asDouble(),
                sample.path("costSummary").path("trend").asString());
        System.out.printf(Locale.ROOT,
                "each run: at most its planned calls and %s s, after a warm-up of as many calls and at most %s s; "
                        + "the squad page goes round the %d squads%n",
                this.settings.budget().toMillis() / 1000.0, this.settings.warmup().toMillis() / 1000.0, squads.size());
        List<Row> rows = new ArrayList<>();
        rows.addAll(MeasuredRows.measure(this.settings, "Squad cost page (90 days)", 300, 1000, roundRobin(pages)));
        // Each of the page's four reads alone, 1 client: where the page's time goes.
        for (String field : PAGE_ORDER) {
            List<ClosedLoop.Call> alone = new ArrayList<>();
            for (String squad : squads) {
                alone.add(this.graphQl.query(page(List.of(field)), pageVariables(field, squad, from, to.toString())));
            }
            ClosedLoop.run(roundRobin(alone), 1, this.settings.planned(100), this.settings.warmup());
            rows.add(new Row("  " + field + " alone",
                    ClosedLoop.run(roundRobin(alone), 1, this.settings.planned(100), this.settings.budget())));
        }
        // Every app's days of 30 days: one client, as a portal page would ask for it.
        ClosedLoop.Call estate = this.graphQl.query(ESTATE_WEEKS,
                Map.of("from", to.minusDays(30).toString(), "to", to.toString()));
        ClosedLoop.run(estate, 1, this.settings.planned(10), this.settings.warmup());
        rows.add(new Row("Estate costs 30d by WEEK",
                ClosedLoop.run(estate, 1, this.settings.planned(30), this.settings.budget())));

        MeasuredRows.print(rows);
        System.gc();
        System.out.printf(Locale.ROOT,
                "%nheap used after the run (after GC): %,d MiB; peak resident memory of the process: %s. c = concurrent "
                        + "clients; per s = requests per second. The estate's costs read every app's days of the "
                        + "range (%,d apps x 3 environments x 2 days here, usage and log volume). Client and server "
                        + "share this JVM and its cores.%n",
                HeapSampler.heapUsed() >> 20, HeapSampler.peakResidentMemory(), apps.size());
        MeasuredRows.printErrors(rows);
    }

    /**
     * A request for these of the squad page's reads, declaring the variables they use.
     */
    private static String page(List<String> reads) {
        String selection = String.join("\n", reads.stream().map(PAGE_READS::get).toList());
        boolean range = selection.contains("$from");
        return "query($squad: String!" + (range ? ", $from: DateTime!, $to: DateTime!" : "") + ") {\n" + selection
                + " }";
    }

    private static Map<String, Object> pageVariables(String read, String squad, String from, String to) {
        return PAGE_READS.get(read).contains("$from") ? Map.of("squad", squad, "from", from, "to", to)
                : Map.of("squad", squad);
    }

    /** Every app with its squad, through the app directory's pages. */
    private List<EstateApp> apps() throws Exception {
        List<EstateApp> apps = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("after", after);
            JsonNode page = this.graphQl.data(APPS, variables).path("apps");
            for (JsonNode edge : page.path("edges")) {
                JsonNode squad = edge.path("node").path("squad");
                apps.add(new EstateApp(apps.size(), edge.path("node").path("name").asString(),
                        squad.isObject() ? squad.path("name").asString() : null));
            }
            after = page.path("pageInfo").path("hasNextPage").asBoolean()
                    ? page.path("pageInfo").path("endCursor").asString() : null;
        }
        while (after != null);
        return apps;
    }

    /**
     * Every environment's day of every app, usage then log volume, one post after
     * another; prints each post and the day's sums.
     */
    private void ingestDay(List<EstateApp> apps, LocalDate day, String what) throws Exception {
        System.out.printf(Locale.ROOT, "%n%s %s: %,d apps in %d environments%n", what, day, apps.size(),
                ENVIRONMENTS.size());
        double usageSeconds = 0;
        double logSeconds = 0;
        long bytes = 0;
        for (String environment : ENVIRONMENTS) {
            byte[] usage = usage(apps, environment, day);
            Posted posted = post(
                    "/api/import/usage?environment=" + environment + "&date=" + day + "&step=" + this.stepText, usage);
            usageSeconds += posted.nanos() / 1e9;
            bytes += usage.length;
            posted.print("usage " + environment, usage.length,
                    answer -> "%s apps, %s containers".formatted(answer.path("apps"), answer.path("containers")));
            byte[] logs = logs(apps, environment, day);
            posted = post("/api/import/log-volume?environment=" + environment + "&date=" + day, logs);
            logSeconds += posted.nanos() / 1e9;
            bytes += logs.length;
            posted.print("log volume " + environment, logs.length,
                    answer -> "%s series, %s apps".formatted(answer.path("series"), answer.path("apps")));
        }
        var stored = this.driver.executableQuery(STORED).withParameters(Map.of("day", day)).execute().records().get(0);
        System.out.printf(Locale.ROOT,
                "%s %s: %.1f s of posts for %d environments (usage %.1f s, log volume %.1f s), %,.1f MiB of bodies; "
                        + "stored that day: %,d UsageDays, %,d LogVolumeDays; %,d RightSizings in all%n",
                what, day, usageSeconds + logSeconds, ENVIRONMENTS.size(), usageSeconds, logSeconds, bytes / MIB,
                stored.get("usage").asLong(), stored.get("logs").asLong(), stored.get("rightSizing").asLong());
    }

    private void printAlerts() {
        Map<String, Long> alerts = new LinkedHashMap<>();
        this.driver.executableQuery(ALERTS)
            .execute()
            .records()
            .forEach(r -> alerts.put(r.get("kind").asString(), r.get("alerts").asLong()));
        System.out.printf(Locale.ROOT, "cost alerts raised by the sweeps after the posts: %s%n", alerts);
    }

    // Sends the body, timing it and sampling the heap meanwhile.
    private Posted post(String path, byte[] body) throws Exception {
        System.gc();
        long before = HeapSampler.heapUsed();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(this.app.uri(path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - started;
        long peak = sampler.finish();
        if (response.statusCode() != 200) {
            System.out.printf(Locale.ROOT, "POST %s: %d %s%n", path, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Posted(response, nanos, before, peak);
    }

    private static ClosedLoop.Call roundRobin(List<ClosedLoop.Call> calls) {
        AtomicInteger next = new AtomicInteger();
        return () -> calls.get(Math.floorMod(next.getAndIncrement(), calls.size())).send();
    }

    /**
     * A day's usage of {@code apps} in {@code environment} as Prometheus answers the
     * rollup's range queries: one pod and one container per app, labelled with its name.
     */
    private byte[] usage(List<EstateApp> apps, String environment, LocalDate day) {
        long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long seconds = this.step.toSeconds();
        int dayIndex = (int) day.toEpochDay();
        StringBuilder json = new StringBuilder(apps.size() * this.samples * 5 * 30);
        json.append('{');
        String[] names = { "podLabels", "cpuUsage", "cpuRequests", "memoryWorkingSet", "memoryRequests" };
        for (int kind = 0; kind < names.length; kind++) {
            json.append(kind == 0 ? "" : ",")
                .append('"')
                .append(names[kind])
                .append("\":{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
            for (int a = 0; a < apps.size(); a++) {
                EstateApp app = apps.get(a);
                Profile profile = Profile.of(app, environment, dayIndex, hasHistory(app));
                json.append(a == 0 ? "" : ",").append("{\"metric\":{\"namespace\":\"").append(app.namespace());
                json.append("\",\"pod\":\"").append(app.pod(environment)).append('"');
                if (kind == 0) {
                    json.append(",\"label_app_kubernetes_io_name\":\"").append(app.name()).append('"');
                }
                else {
                    json.append(",\"container\":\"").append(app.name()).append('"');
                }
                json.append("},\"values\":[");
                for (int i = 0; i < this.samples; i++) {
                    json.append(i == 0 ? "[" : ",[").append(start + i * seconds).append(",\"");
                    double hour = (i * seconds) / 3600.0;
                    switch (kind) {
                        case 0 -> json.append('1');
                        case 1 -> json.append(Math.round(profile.cpuUsage(hour, i) * 1e6) / 1e6);
                        case 2 -> json.append(profile.cpuRequest());
                        case 3 -> json.append(Math.round(profile.memoryUsage(hour, i)));
                        default -> json.append(Math.round(profile.memoryRequest()));
                    }
                    json.append("\"]");
                }
                json.append("]}");
            }
            json.append("]}}");
        }
        json.append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A day's log volume of {@code apps} in {@code environment}: bytes per level. */
    private byte[] logs(List<EstateApp> apps, String environment, LocalDate day) {
        long at = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        int dayIndex = (int) day.toEpochDay();
        StringBuilder json = new StringBuilder(apps.size() * 3 * 120);
        json.append("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        String[] levels = { "info", "debug", "error" };
        double[] shares = { 0.75, 0.2, 0.05 };
        boolean first = true;
        for (EstateApp app : apps) {
            double bytes = Profile.of(app, environment, dayIndex, hasHistory(app)).logBytes();
            for (int l = 0; l < levels.length; l++) {
                json.append(first ? "" : ",")
                    .append("{\"metric\":{\"app\":\"")
                    .append(app.name())
                    .append("\",\"level\":\"")
                    .append(levels[l])
                    .append("\"},\"value\":[")
                    .append(at)
                    .append(",\"")
                    .append(Math.round(bytes * shares[l]))
                    .append("\"]}");
                first = false;
            }
        }
        json.append("]}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private boolean hasHistory(EstateApp app) {
        return app.squad() != null && this.historySquads.contains(app.squad());
    }

    /** An app of the estate, its squad (or null) and its place in the directory. */
    private record EstateApp(int index, String name, String squad) {

        String namespace() {
            return (this.squad != null) ? this.squad : "default";
        }

        String pod(String environment) {
            return String.format(Locale.ROOT, "%s-%08x-x7k2p", this.name,
                    (this.index * 2654435761L + environment.length()) & 0xffffffffL);
        }

    }

    /**
     * What one app asks for and uses in one environment on one day: requests from a few
     * usual sizes, usage a share of them with a daily swing, smaller outside prod; one
     * app in five asks for 4 cores and uses a fifth of one (over-provisioned); logs of 20
     * to 500 MiB a day in prod, so that no app without history looks like a logging
     * spike, but 2 GiB for one in fifty of the apps of the squads with history. Fixed by
     * the app's place, so every post says the same of a day.
     */
    private record Profile(double cpuRequest, double cpuShare, double memoryRequest, double memoryShare,
            double logBytes, int seed) {

        private static final double[] CORES = { 0.1, 0.25, 0.5, 1.0, 2.0 };

        private static final double[] MEMORY = { 256 * MIB, 512 * MIB, 1 * GIB, 2 * GIB, 4 * GIB };

        static Profile of(EstateApp app, String environment, int day, boolean history) {
            int i = app.index();
            double scale = switch (environment) {
                case "prod" -> 1.0;
                case "non-prod" -> 0.5;
                default -> 0.25;
            };
            boolean over = i % 5 == 0;
            double cpuRequest = over ? 4.0 : CORES[(i / 5) % CORES.length];
            double cpuShare = over ? 0.05 : 0.2 + 0.6 * ((i * 37) % 100) / 100.0;
            double memoryRequest = MEMORY[(i / 3) % MEMORY.length] * Math.max(0.5, scale);
            double memoryShare = 0.4 + 0.55 * ((i * 53) % 100) / 100.0;
            // 20 to ~500 MiB a day in prod, under the logging spike's 1 GiB minimum in
            // all
            // three environments together; a squad's app now and then logs 2 GiB.
            double logs = (20 + (i * 7919L) % 480) * MIB * scale * (1 + 0.1 * Math.sin(day + i));
            if (history && i % 50 == 0) {
                logs = 2 * GIB * scale;
            }
            return new Profile(cpuRequest * (over ? 1 : scale), cpuShare, memoryRequest, memoryShare, logs,
                    i * 31 + day);
        }

        /** Cores used at {@code hour} of the day: busiest mid-afternoon. */
        double cpuUsage(double hour, int sample) {
            double swing = 0.7 + 0.6 * (0.5 + 0.5 * Math.sin((hour - 9) / 24 * 2 * Math.PI));
            return this.cpuRequest * this.cpuShare * swing * (0.9 + 0.2 * noise(sample));
        }

        /** Working-set bytes at {@code hour}: a slow climb over the day. */
        double memoryUsage(double hour, int sample) {
            return this.memoryRequest * this.memoryShare * (0.85 + 0.15 * hour / 24) * (0.97 + 0.06 * noise(sample));
        }

        // 0 to 1, fixed by the app, day and sample.
        private double noise(int sample) {
            long x = (this.seed * 1_000_003L + sample) * 0x9E3779B97F4A7C15L;
            return ((x >>> 11) & 0xFFFF) / 65535.0;
        }

    }

    /**
     * What one post brought back, its time, and the heap before and at most meanwhile.
     */
    private record Posted(HttpResponse<byte[]> response, long nanos, long heapBefore, long heapPeak) {

        void print(String what, long bodyBytes, java.util.function.Function<JsonNode, String> describe) {
            String answer = (this.response.statusCode() == 200) ? describe.apply(JSON.readTree(this.response.body()))
                    : new String(this.response.body(), StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT,
                    "  %-20s %3d in %6.2f s, body %,7.1f MiB; heap used before %,5d MiB, at most %,5d MiB; %s%n", what,
                    this.response.statusCode(), this.nanos / 1e9, bodyBytes / MIB, this.heapBefore >> 20,
                    this.heapPeak >> 20, answer);
        }

    }

}
