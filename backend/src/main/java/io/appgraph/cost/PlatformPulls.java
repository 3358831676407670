package io.appgraph.cost;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.appgraph.cost.ClusterUsage.Figures;
import io.appgraph.cost.ClusterUsage.Rollup;
import io.appgraph.cost.PrometheusClient.PrometheusUnavailableException;
import io.appgraph.platform.Cypher;
import org.neo4j.driver.TransactionContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Asks each environment's Prometheus: every {@code pull-interval} for what runs now (a
 * {@code PlatformSample}, and the environment's last figures and pull state on its
 * {@code PlatformEnvironment}), and every {@code rollup-interval} for the days not yet
 * rolled up completely (today so far, and earlier days back to {@code rollup-days}), and,
 * where a Loki is configured, its log volume per app and level for those days. A failed
 * pull keeps the last figures and records the error, so the dashboard shows them as stale
 * and says why.
 */
final class PlatformPulls {

    private static final Log log = LogFactory.getLog(PlatformPulls.class);

    private static final String ALLOCATABLE_CPU = "sum(kube_node_status_allocatable{resource=\"cpu\"})";

    private static final String ALLOCATABLE_MEMORY = "sum(kube_node_status_allocatable{resource=\"memory\"})";

    private static final String PULLED = """
            MERGE (e:PlatformEnvironment {name: $environment})
            SET e += $figures, e.observedAt = $at, e.lastAttemptAt = $at, e.error = null
            CREATE (s:PlatformSample {environment: $environment, at: $at})
            SET s += $figures
            WITH e
            MATCH (old:PlatformSample {environment: $environment}) WHERE old.at < $keepSince
            DELETE old
            """;

    private static final String HISTORY = """
            UNWIND $rows AS row
            CREATE (s:PlatformSample {environment: $environment, at: row.at})
            SET s += row.figures
            """;

    private static final String FAILED = """
            MERGE (e:PlatformEnvironment {name: $environment})
            SET e.lastAttemptAt = $at, e.error = $error
            """;

    private static final String COMPLETE_DAYS = """
            MATCH (r:UsageRollup {environment: $environment})
            WHERE r.complete AND r.day >= $since
            RETURN r.day AS day
            """;

    private static final String COMPLETE_PULLS = """
            MATCH (r:CostPull {source: $source, environment: $environment})
            WHERE r.complete AND r.day >= $since
            RETURN r.day AS day
            """;

    private static final String PULL_TAKEN = """
            MERGE (r:CostPull {key: $source + '|' + $environment + '|' + toString($day)})
            SET r.source = $source, r.environment = $environment, r.day = $day, r.complete = $complete,
                r.updatedAt = datetime()
            """;

    private final PlatformProperties properties;

    private final LogVolumes logs;

    private final OpenCostDays openCost;

    private final PrometheusClient prometheus;

    private final KnownApps catalog;

    private final UsageWriter usage;

    private final Cypher cypher;

    private final Clock clock;

    PlatformPulls(PlatformProperties properties, PrometheusClient prometheus, KnownApps catalog, UsageWriter usage,
            LogVolumes logs, OpenCostDays openCost, Cypher cypher, Clock clock) {
        this.properties = properties;
        this.logs = logs;
        this.openCost = openCost;
        this.prometheus = prometheus;
        this.catalog = catalog;
        this.usage = usage;
        this.cypher = cypher;
        this.clock = clock;
    }

    /** Pulls the live figures of every environment with a Prometheus. */
    void pullAll() {
        this.properties.environments().forEach((name, environment) -> {
            if (environment.prometheusUrl() != null) {
                pull(name, environment.prometheusUrl());
            }
        });
    }

    /**
     * Rolls up the incomplete days of every environment with a Prometheus, and takes the
     * log volume of those with a Loki.
     */
    void rollUpAll() {
        this.properties.environments().forEach((name, environment) -> {
            if (environment.prometheusUrl() != null) {
                try {
                    rollUp(name, environment.prometheusUrl());
                }
                catch (PrometheusUnavailableException ex) {
                    log.warn("Usage rollup of " + name + " stopped: " + ex.getMessage());
                }
            }
            if (environment.opencostUrl() != null) {
                try {
                    openCost(name, environment.opencostUrl());
                }
                catch (PrometheusUnavailableException ex) {
                    log.warn("OpenCost allocations of " + name + " stopped: " + ex.getMessage());
                }
            }
            if (environment.lokiUrl() != null) {
                try {
                    logVolumes(name, environment.lokiUrl(), environment.lokiQuery());
                }
                catch (PrometheusUnavailableException ex) {
                    log.warn("Log volume of " + name + " stopped: " + ex.getMessage());
                }
            }
        });
    }

    /**
     * Takes each day's compute cost per app from OpenCost, for the days not yet taken
     * completely (today so far, and earlier days back to {@code rollup-days}).
     */
    void openCost(String environment, URI opencost) {
        eachDayToTake(completeDays("opencost", environment), (day, window) -> {
            List<String> problems = new ArrayList<>();
            OpenCostDays.Allocations allocations = this.openCost.read(
                    this.prometheus.opencostAllocations(opencost, window.start(), window.end()), this.catalog,
                    problems);
            if (!problems.isEmpty()) {
                log.warn("OpenCost allocations of " + environment + " " + day + " skipped: " + problems);
            }
            else if (!allocations.byApp().isEmpty() || !allocations.unattributed().isEmpty()) {
                this.cypher.write(this.properties.writeTimeout(), tx -> {
                    this.openCost.write(tx, environment, day, allocations);
                    taken(tx, "opencost", environment, day, window.complete());
                    return null;
                });
            }
        });
    }

    /**
     * Takes each day's log volume from Loki, per app and level, for the days not yet
     * taken completely (today so far, and earlier days back to {@code rollup-days}).
     */
    void logVolumes(String environment, URI loki, String selector) {
        eachDayToTake(completeDays("logs", environment), (day, window) -> {
            List<String> problems = new ArrayList<>();
            LogVolumes.Volume volume = this.logs.read(
                    this.prometheus.lokiVolume(loki, selector, window.start(), window.end(), LogVolumes.TARGET_LABELS),
                    this.catalog, problems);
            if (!problems.isEmpty()) {
                log.warn("Log volume of " + environment + " " + day + " skipped: " + problems);
            }
            else if (volume.series() > 0) {
                this.cypher.write(this.properties.writeTimeout(), tx -> {
                    this.logs.write(tx, environment, day, volume);
                    taken(tx, "logs", environment, day, window.complete());
                    return null;
                });
            }
        });
    }

    void pull(String environment, URI url) {
        Instant at = this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try {
            Map<UsageSeries, List<PrometheusSeries>> answers = new EnumMap<>(UsageSeries.class);
            List<String> problems = new ArrayList<>();
            for (UsageSeries series : UsageSeries.values()) {
                answers.put(series, PrometheusSeries.read(series.key(),
                        this.prometheus.instant(url, series.query(), at), problems));
            }
            double cpu = sum(this.prometheus.instant(url, ALLOCATABLE_CPU, at), problems);
            double memory = sum(this.prometheus.instant(url, ALLOCATABLE_MEMORY, at), problems);
            if (!problems.isEmpty()) {
                throw new PrometheusUnavailableException(
                        "Prometheus at " + PrometheusClient.shown(url) + " answered unreadably: " + problems.get(0));
            }
            Figures figures = new ClusterUsage(answers, this.catalog).figures(cpu, memory);
            this.cypher.write(tx -> {
                store(tx, environment, at, figures);
                return null;
            });
        }
        catch (PrometheusUnavailableException ex) {
            log.warn("Platform figures of " + environment + " are stale: " + ex.getMessage());
            this.cypher.write(tx -> {
                failed(tx, environment, at, ex.getMessage());
                return null;
            });
        }
    }

    /** Records that {@code environment}'s pull at {@code at} failed, and why. */
    void failed(TransactionContext tx, String environment, Instant at, String error) {
        this.cypher.run(tx, FAILED,
                Map.of("environment", environment, "at", at.atOffset(ZoneOffset.UTC), "error", error));
    }

    /**
     * Stores {@code figures} as {@code environment}'s at {@code at}, and forgets old
     * samples.
     */
    void store(TransactionContext tx, String environment, Instant at, Figures figures) {
        this.cypher.run(tx, PULLED,
                Map.of("environment", environment, "figures", values(figures), "at", at.atOffset(ZoneOffset.UTC),
                        "keepSince", at.minus(this.properties.historyRetention()).atOffset(ZoneOffset.UTC)));
    }

    /**
     * Stores earlier samples of {@code environment} in one statement (the latest goes
     * through {@link #store}, which also sets the environment's figures).
     */
    void storeHistory(TransactionContext tx, String environment, Map<Instant, Figures> samples) {
        List<Map<String, Object>> rows = new ArrayList<>();
        samples
            .forEach((at, figures) -> rows.add(Map.of("at", at.atOffset(ZoneOffset.UTC), "figures", values(figures))));
        this.cypher.run(tx, HISTORY, Map.of("environment", environment, "rows", rows));
    }

    private static Map<String, Object> values(Figures figures) {
        return Map.of("apps", figures.apps(), "pods", figures.pods(), "containers", figures.containers(),
                "cpuRequestedCores", figures.cpuRequestedCores(), "cpuUsedCores", figures.cpuUsedCores(),
                "cpuAllocatableCores", figures.cpuAllocatableCores(), "memoryRequestedBytes",
                figures.memoryRequestedBytes(), "memoryUsedBytes", figures.memoryUsedBytes(), "memoryAllocatableBytes",
                figures.memoryAllocatableBytes(), "unattributedPods", figures.unattributedPods());
    }

    /**
     * Rolls up the days of {@code environment} not yet complete (today so far, and
     * earlier days back to {@code rollup-days}) from range queries at
     * {@code rollup-step}.
     */
    void rollUp(String environment, URI url) {
        Duration step = this.properties.rollupStep();
        List<LocalDate> complete = this.cypher.list(COMPLETE_DAYS,
                Map.of("environment", environment, "since", firstDay()), r -> r.get("day").asLocalDate());
        eachDayToTake(complete, (day, window) -> {
            // Range queries include their end: the day's last step starts one step before
            // midnight.
            Instant end = window.end().equals(window.start().plus(Duration.ofDays(1))) ? window.end().minus(step)
                    : window.end();
            Map<UsageSeries, List<PrometheusSeries>> answers = new EnumMap<>(UsageSeries.class);
            List<String> problems = new ArrayList<>();
            for (UsageSeries series : UsageSeries.values()) {
                answers.put(series, PrometheusSeries.read(series.key(),
                        this.prometheus.range(url, series.query(), window.start(), end, step), problems));
            }
            if (!problems.isEmpty()) {
                log.warn("Usage rollup of " + environment + " " + day + " skipped: " + problems);
                return;
            }
            Rollup rollup = new ClusterUsage(answers, this.catalog).day(environment, day, step.toSeconds(),
                    this.properties.prices(environment));
            if (!rollup.containers().isEmpty() || !rollup.unattributed().isEmpty()) {
                this.cypher.write(this.properties.writeTimeout(), tx -> {
                    this.usage.write(tx, environment, day, rollup, window.complete());
                    return null;
                });
            }
        });
    }

    private LocalDate firstDay() {
        return ClusterUsage.dayOf(this.clock.instant()).minusDays(this.properties.rollupDays() - 1L);
    }

    private List<LocalDate> completeDays(String source, String environment) {
        return this.cypher.list(COMPLETE_PULLS,
                Map.of("source", source, "environment", environment, "since", firstDay()),
                r -> r.get("day").asLocalDate());
    }

    private void taken(TransactionContext tx, String source, String environment, LocalDate day, boolean complete) {
        this.cypher.run(tx, PULL_TAKEN,
                Map.of("source", source, "environment", environment, "day", day, "complete", complete));
    }

    /**
     * Runs {@code work} for each day from {@code rollup-days} back to today, oldest
     * first, but those in {@code complete}, with the day's window so far: up to midnight,
     * or now for today. A day is complete once ten minutes past its end, when the last
     * sample's rate window has passed.
     */
    private void eachDayToTake(List<LocalDate> complete, DayWork work) {
        Instant now = this.clock.instant();
        LocalDate today = ClusterUsage.dayOf(now);
        for (LocalDate day = firstDay(); !day.isAfter(today); day = day.plusDays(1)) {
            if (complete.contains(day)) {
                continue;
            }
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant dayEnd = start.plus(Duration.ofDays(1));
            work.take(day, new Window(start, dayEnd.isAfter(now) ? now : dayEnd,
                    !now.isBefore(dayEnd.plus(Duration.ofMinutes(10)))));
        }
    }

    /** What is taken of one day. */
    @FunctionalInterface
    private interface DayWork {

        void take(LocalDate day, Window window);

    }

    /** A day's span so far, and whether it is over. */
    private record Window(Instant start, Instant end, boolean complete) {
    }

    private static double sum(JsonNode answer, List<String> problems) {
        return PrometheusSeries.read("allocatable", answer, problems)
            .stream()
            .filter(s -> s.size() > 0)
            .mapToDouble(s -> s.values()[s.size() - 1])
            .sum();
    }

}
