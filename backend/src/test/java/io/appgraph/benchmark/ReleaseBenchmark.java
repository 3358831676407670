package io.appgraph.benchmark;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.appgraph.benchmark.ClosedLoop.Measurement;
import io.appgraph.benchmark.MeasuredRows.Row;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import tools.jackson.databind.json.JsonMapper;

/**
 * Release tracking at the scale of the brief's estate: how fast pipelines' events are
 * ingested through the signed webhook, and how the release dashboard's reads answer over
 * a million stored releases. It starts appgraph on the generated estate, sends every
 * event of N pipeline runs from concurrent senders (runs overlap as real pipelines do:
 * each finish comes a hundred runs after its start), then as many runs again with each
 * finish raced against its own start (in whatever order the senders' race delivers them),
 * replays a tenth of them, and counts what was stored: nothing may be lost or doubled. It
 * then measures one day's page across the estate, a year of daily stats and an incident's
 * suspects over the releases the demo loaded with the estate (a million by default).
 * Prints figures; judges nothing.
 */
public final class ReleaseBenchmark {

    private static final String SECRET = "benchmark-pipeline-secret";

    // How many runs are under way at once in the headline ingest: each finish is sent
    // this many runs after its start.
    private static final int OVERLAPPING_RUNS = 100;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String APP_NAMES = "MATCH (a:App) RETURN a.name AS name ORDER BY name";

    private static final String RELEASE_COUNT = "MATCH (r:Release) RETURN count(r) AS releases";

    private static final String INGESTED = """
            MATCH (r:Release) WHERE r.externalId STARTS WITH 'ingest-' OR r.externalId STARTS WITH 'raced-'
            RETURN count(r) AS releases,
                   count(CASE WHEN r.startedAt IS NOT NULL AND r.finishedAt IS NOT NULL
                              AND r.status = 'SUCCEEDED' THEN 1 END) AS complete,
                   sum(COUNT { (r)-[:OF]->(:App) }) AS links
            """;

    // An app that calls a handful of others, as an app with an incident usually does.
    private static final String INCIDENT_APP = """
            MATCH (a:App)-[:DEPENDS_ON]->(callee:App)
            WITH a, count(callee) AS callees WHERE callees >= 3
            RETURN a.name AS name ORDER BY callees DESC, name SKIP 100 LIMIT 1
            """;

    private final BenchmarkSettings settings;

    private final GraphQlClient graphQl;

    private final URI webhook;

    private final Driver driver;

    private final HttpClient http = BenchmarkApp.httpClient();

    private final MeterRegistry meters;

    private ReleaseBenchmark(BenchmarkSettings settings, BenchmarkApp app) {
        this.settings = settings;
        this.meters = app.context().getBean(MeterRegistry.class);
        this.graphQl = new GraphQlClient(app.uri("/graphql"));
        this.webhook = app.uri("/api/pipelines/events");
        this.driver = app.driver();
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        // The demo writes the stored releases, a year's worth in the demo's shape (it
        // stops at 1,000 per app and 1,000,000 in all).
        int target = Integer.getInteger("benchmark.releases", 1_000_000);
        int perApp = (int) Math.min(1_000, (target + settings.apps() - 1L) / settings.apps());
        try (BenchmarkApp app = BenchmarkApp.start("release benchmark", settings,
                "--appgraph.demo.releases-per-app=" + perApp, "--appgraph.webhooks.pipeline-secret=" + SECRET,
                "--appgraph.releases.writers.threads=" + Integer.getInteger("benchmark.writers", 2))) {
            new ReleaseBenchmark(settings, app).run();
        }
    }

    private void run() throws Exception {
        List<String> apps = this.driver.executableQuery(APP_NAMES)
            .execute()
            .records()
            .stream()
            .map(r -> r.get("name").asString())
            .toList();
        int senders = Integer.getInteger("benchmark.senders", 8);
        int runs = Integer.getInteger("benchmark.ingest-runs", 5_000);
        System.out.printf(Locale.ROOT, "%nrelease benchmark: %,d apps, %,d releases loaded with the estate; %d cores%n",
                apps.size(), count(RELEASE_COUNT, "releases"), Runtime.getRuntime().availableProcessors());

        List<Row> rows = new ArrayList<>();
        rows.addAll(ingest(apps, senders, runs));
        System.out.printf(Locale.ROOT, "releases stored: %,d%n", count(RELEASE_COUNT, "releases"));

        ZonedDateTime today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC);
        String incidentApp = this.driver.executableQuery(INCIDENT_APP)
            .execute()
            .records()
            .get(0)
            .get("name")
            .asString();
        rows.addAll(MeasuredRows.measure(this.settings, "Releases of a day (50)", 300, 1000, this.graphQl.operation(
                "Releases",
                Map.of("filter", Map.of("from", today.minusDays(1).toString(), "to", today.toString()), "first", 50))));
        rows.addAll(MeasuredRows.measure(this.settings, "ReleaseStats year by DAY", 30, 60,
                this.graphQl.operation("ReleaseStats", Map.of("from", today.minusDays(364).toString(), "to",
                        today.plusDays(1).toString(), "interval", "DAY"))));
        rows.addAll(MeasuredRows
            .measure(this.settings, "ChangesBefore depth 2", 300, 1000, this.graphQl.operation("ChangesBefore",
                    Map.of("app", incidentApp, "at", Instant.now().toString(), "windowMinutes", 24 * 60, "depth", 2))));

        MeasuredRows.print(rows);
        System.gc();
        System.out.printf(Locale.ROOT,
                "%nheap used after the run (after GC): %,d MiB. c = concurrent clients or senders; per s = "
                        + "requests (events for the webhook) per second; incident app: %s%n",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, incidentApp);
        MeasuredRows.printErrors(rows);
    }

    /**
     * Every event of {@code runs} pipeline runs from concurrent senders, runs
     * overlapping; then of as many runs with each finish raced against its start; then a
     * tenth of them again; then a count of what was stored.
     */
    private List<Row> ingest(List<String> apps, int senders, int runs) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<byte[]> events = events(apps, "ingest-", runs, now, OVERLAPPING_RUNS);
        List<byte[]> raced = events(apps, "raced-", runs, now.minusSeconds(2L * runs), 0);
        // A fresh JVM compiles its hot paths (Tomcat's, the driver's, Bolt's and Cypher's
        // write runtime) over the first tens of thousands of events: those of warm-up
        // runs of their own are measured as the cold row, then the runs above as the warm
        // ones.
        int warmupRuns = Integer.getInteger("benchmark.ingest-warmup-runs", 25_000);
        List<byte[]> warmup = events(apps, "warmup-", warmupRuns, now.minusSeconds(4L * runs), OVERLAPPING_RUNS);
        Measurement cold = ClosedLoop.run(sender(warmup), senders, warmup.size(), Duration.ofMinutes(4));
        DistributionSummary groups = this.meters.get("appgraph.group.commit.batch")
            .tag("name", "release-events")
            .summary();
        long groupsBefore = groups.count();
        double eventsBefore = groups.totalAmount();
        Measurement all = ClosedLoop.run(sender(events), senders, events.size(), Duration.ofMinutes(10));
        long transactions = groups.count() - groupsBefore;
        System.out.printf(Locale.ROOT, "ingest: %,d transactions for %,.0f events, %.1f events per transaction%n",
                transactions, groups.totalAmount() - eventsBefore,
                (groups.totalAmount() - eventsBefore) / Math.max(1, transactions));
        Measurement racedAll = ClosedLoop.run(sender(raced), senders, raced.size(), Duration.ofMinutes(10));
        List<byte[]> replays = new ArrayList<>();
        Random random = new Random(7);
        for (byte[] event : events) {
            if (random.nextInt(10) == 0) {
                replays.add(event);
            }
        }
        Measurement replayed = ClosedLoop.run(sender(replays), senders, replays.size(), Duration.ofMinutes(5));
        Record stored = this.driver.executableQuery(INGESTED).execute().records().get(0);
        System.out.printf(Locale.ROOT,
                "ingest: %,d runs (%,d events) then %,d replays from %d senders; stored %,d releases, %,d complete, "
                        + "%,d app links (expected %,d of each)%n",
                2 * runs, events.size() + raced.size(), replays.size(), senders, stored.get("releases").asLong(),
                stored.get("complete").asLong(), stored.get("links").asLong(), 2 * runs);
        return List.of(new Row("Webhook events, cold", cold), new Row("Webhook events", all),
                new Row("Webhook events, raced", racedAll), new Row("Webhook replays", replayed));
    }

    /**
     * The started and finished events of {@code runs} pipeline runs named
     * {@code prefix + n}, over the apps in turn, started a second apart up to ten minutes
     * before {@code end}. Each run's finish is sent {@code overlap} runs after its start,
     * as while pipelines run side by side; with 0 right after it, so that two senders
     * race them.
     */
    private static List<byte[]> events(List<String> apps, String prefix, int runs, Instant end, int overlap) {
        List<byte[]> events = new ArrayList<>(2 * runs);
        for (int step = 0; step < runs + overlap; step++) {
            if (step < runs) {
                events.add(started(apps, prefix, step, runs, end));
            }
            if (step >= overlap) {
                events.add(finished(apps, prefix, step - overlap, runs, end));
            }
        }
        return events;
    }

    private static byte[] started(List<String> apps, String prefix, int run, int runs, Instant end) {
        String app = apps.get(run % apps.size());
        Instant startedAt = end.minusSeconds(runs - run + 600L);
        return event(Map.of("event", "started", "app", app, "externalId", prefix + run, "version", "2.0." + run,
                "commit", commit(run), "pipelineUrl", "https://ci.example.com/" + app + "/" + run, "environment",
                "prod", "at", startedAt.toString(), "committedAt", startedAt.minusSeconds(3600).toString()));
    }

    private static byte[] finished(List<String> apps, String prefix, int run, int runs, Instant end) {
        String app = apps.get(run % apps.size());
        Instant finishedAt = end.minusSeconds(runs - run + 600L - 240L);
        return event(Map.of("event", "finished", "app", app, "externalId", prefix + run, "outcome", "succeeded", "at",
                finishedAt.toString()));
    }

    private ClosedLoop.Call sender(List<byte[]> events) {
        AtomicInteger next = new AtomicInteger();
        return () -> {
            byte[] body = events.get(next.getAndIncrement() % events.size());
            HttpRequest request = HttpRequest.newBuilder(this.webhook)
                .header("Content-Type", "application/json")
                .header("X-Appgraph-Signature-256", "sha256=" + hmac(body))
                .timeout(GraphQlClient.REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
            HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new GraphQlClient.Answer(response.statusCode(), response.body());
        };
    }

    private long count(String query, String column) {
        return this.driver.executableQuery(query).execute().records().get(0).get(column).asLong();
    }

    private static byte[] event(Map<String, Object> event) {
        return JSON.writeValueAsBytes(event);
    }

    private static String commit(long n) {
        return String.format(Locale.ROOT, "%040x", n * 2654435761L);
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

}
