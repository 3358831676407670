package io.appgraph.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.appgraph.AppgraphApplication;
import io.appgraph.benchmark.ClosedLoop.Call;
import io.appgraph.benchmark.ClosedLoop.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import org.neo4j.driver.Driver;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts appgraph on a generated estate (10,000 apps by default) and measures the
 * portal's main reads over HTTP with 1 and with N concurrent clients, next to the same
 * reads as raw Cypher through the driver. Every run is bounded by a count and by a time
 * budget. Prints figures; judges nothing. Run it with
 * {@code ./mvnw -Pbenchmark -DskipTests verify}; the knobs are in
 * {@link BenchmarkSettings} and the README.
 */
public final class EstateBenchmark {

    private static final int MAX_DEPTH = 10;

    // A suggestion list shows a screenful, not a page.
    private static final int SEARCH_FIRST = 20;

    // A fresh JVM's HTTP client needs thousands of calls before the JIT has compiled it:
    // with 200,
    // {__typename} measured 2-4 ms at p50 instead of 0.35 ms.
    private static final int CLIENT_WARMUP_CALLS = 5000;

    // Between reads the server is normally idle at once; this only bounds a slow
    // background flush.
    private static final Duration IDLE_BETWEEN_READS = Duration.ofSeconds(30);

    private static final Duration IDLE_AFTER_ABANDONED = Duration.ofMinutes(5);

    private final BenchmarkSettings settings;

    private final GraphQlClient client;

    private final Driver driver;

    private final ServerActivity server;

    private EstateBenchmark(BenchmarkSettings settings, GraphQlClient client, Driver driver, ServerActivity server) {
        this.settings = settings;
        this.client = client;
        this.driver = driver;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        if (!settings.url().isEmpty()) {
            measureFloor(settings);
            return;
        }
        // Under target/, like the integration tests' database: 'clean' removes what a
        // killed run leaves.
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "benchmark-data-");
        long started = System.nanoTime();
        ConfigurableApplicationContext context = SpringApplication.run(AppgraphApplication.class, "--server.port=0",
                "--appgraph.embedded.bolt-port=0", "--appgraph.embedded.data-dir=" + dataDir,
                "--appgraph.demo.apps=" + settings.apps(), "--appgraph.demo.cost-days=0",
                "--appgraph.embedded.page-cache=" + settings.pageCache(),
                // The estate's reads only: the release benchmark measures releases.
                "--appgraph.demo.releases-per-app=0", "--logging.level.root=WARN", "--logging.level.io.appgraph=INFO",
                // A read the benchmark pushes past its limit is an expected, counted
                // error, not a log line.
                "--logging.level.io.appgraph.platform.GraphQlErrors=OFF");
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            var client = new GraphQlClient(URI.create("http://127.0.0.1:" + port + "/graphql"));
            new EstateBenchmark(settings, client, context.getBean(Driver.class),
                    new ServerActivity(context.getBean(MeterRegistry.class)))
                .run(startup);
        }
        finally {
            context.close();
            deleteRecursively(dataDir);
        }
        System.out.printf(Locale.ROOT, "benchmark done in %s (start-up included)%n",
                minutes(Duration.ofNanos(System.nanoTime() - started)));
    }

    private void run(Duration startup) throws Exception {
        long started = System.nanoTime();
        Map<String, Object> shape;
        try (var session = this.driver.session()) {
            shape = session.executeRead(tx -> tx.run(RawCypher.SHAPE).single().asMap());
        }
        Subjects subjects = Subjects.pick(this.driver, this.settings.search());
        System.out.printf(Locale.ROOT,
                "%nappgraph benchmark: %,d apps, %,d dependencies, %,d squads, %,d people; 1 and %d clients; "
                        + "%d cores, max heap %,d MiB, page cache %s%n",
                shape.get("apps"), shape.get("dependencies"), shape.get("squads"), shape.get("people"),
                this.settings.clients(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, this.settings.pageCache());
        System.out.printf(Locale.ROOT, "start-up to ready, estate generated and loaded: %s%n", minutes(startup));
        System.out.printf(Locale.ROOT, "heap used after load (after GC): %,d MiB%n", heapAfterGc());
        System.out.printf(Locale.ROOT,
                "hub %s: %,d impacted apps; typical app %s: %,d impacted apps (maxDepth %d); "
                        + "search \"%s\": %,d matching apps%n",
                subjects.hub(), subjects.hubImpacted(), subjects.typical(), subjects.typicalImpacted(), MAX_DEPTH,
                subjects.search(), subjects.searchMatches());
        System.out.printf(Locale.ROOT,
                "each run: at most its planned calls and %s s, after a warm-up of as many calls and at most %s s; "
                        + "a started call always finishes%n%n",
                this.settings.budget().toMillis() / 1000.0, this.settings.warmup().toMillis() / 1000.0);

        List<Read> reads = reads(subjects);
        warmUpClients(reads.get(0));
        List<Row> rows = new ArrayList<>();
        for (Read read : reads) {
            rows.addAll(measure(read));
        }

        System.out.printf(Locale.ROOT, "%n%-26s %3s %-8s %11s %6s %9s %9s %9s %9s %8s %10s %11s%n", "read", "c", "via",
                "n", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s", "answer", "GraphQL/Cy");
        rows.forEach(Row::print);
        System.out.printf(Locale.ROOT,
                "%nheap used after the run (after GC): %,d MiB; peak resident memory of the process: %s%n",
                heapAfterGc(), HeapSampler.peakResidentMemory());
        System.out.printf(Locale.ROOT, "reads measured in %s%n",
                minutes(Duration.ofNanos(System.nanoTime() - started)));
        System.out.println(
                """
                        c = concurrent clients. n = calls measured / planned (fewer when the time budget ran out).
                        errors = failed calls (stopped at the server's time limit, or abandoned by the client after 60 s), included in the latencies.
                        answer = size of one answer: bytes over HTTP, rows through the driver.
                        GraphQL/Cy = ratio of p50 latencies, GraphQL over HTTP to raw Cypher through the driver.
                        Client and server share this JVM and its cores; figures are what a client on the same machine sees.""");
        rows.stream()
            .filter(row -> row.measurement().firstError() != null)
            .forEach(row -> System.out.printf(Locale.ROOT, "first error of %s, %d clients, %s: %s%n", row.name(),
                    row.measurement().clients(), row.via(), row.measurement().firstError()));
    }

    /** The portal's reads, light to heavy. */
    private List<Read> reads(Subjects subjects) {
        Map<String, Object> hub = Map.of("app", subjects.hub(), "maxDepth", MAX_DEPTH);
        Map<String, Object> typical = Map.of("app", subjects.typical(), "maxDepth", MAX_DEPTH);
        return List.of(
                new Read("{ __typename }", 1000, 3000, this.client.operation("Typename", Map.of()),
                        cypher(RawCypher.PING)),
                new Read("AppSearch \"" + subjects.search() + "\"", 300, 1000,
                        this.client.operation("AppSearch", Map.of("search", subjects.search(), "first", SEARCH_FIRST)),
                        cypher(RawCypher.SEARCH, Map.of("search", subjects.search(), "first", SEARCH_FIRST))),
                new Read("AppPage", 500, 2000, this.client.operation("AppPage", Map.of("name", subjects.typical())),
                        cypher(RawCypher.APP_PAGE, Map.of("name", subjects.typical()))),
                new Read("Apps(first: 100)", 300, 1000, this.client.operation("Apps", Map.of("first", 100)),
                        cypher(RawCypher.APPS_PAGE, RawCypher.APPS_COUNT)),
                new Read("BlastRadius typical", 300, 1000, this.client.operation("BlastRadius", typical),
                        cypher(RawCypher.BLAST_RADIUS, typical)),
                new Read("BlastRadiusCount hub", 20, 40, this.client.operation("BlastRadiusCount", hub),
                        cypher(RawCypher.BLAST_RADIUS_COUNT, hub)),
                new Read("BlastRadius hub", 20, 40, this.client.operation("BlastRadius", hub),
                        cypher(RawCypher.BLAST_RADIUS, hub)),
                // The whole estate in one answer: one client only, as a portal page would
                // ask for it.
                new Read("DependencyGraph (all)", 15, 0, this.client.operation("DependencyGraph", Map.of()),
                        cypher(RawCypher.GRAPH_NODES, RawCypher.GRAPH_EDGES)));
    }

    /**
     * Warms a read up (as many calls as measured, within the warm-up budget), measures it
     * with 1 client, then with N clients unless one round of N calls alone would outlast
     * the budget; GraphQL first, then raw Cypher.
     */
    private List<Row> measure(Read read) throws Exception {
        List<Measurement> graphQl = measure(read, "GraphQL", read.graphQl());
        List<Measurement> cypher = measure(read, "Cypher", read.cypher());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < graphQl.size(); i++) {
            rows.add(new Row(read.name(), "GraphQL", graphQl.get(i), ratio(graphQl.get(i), cypher.get(i))));
            rows.add(new Row(read.name(), "Cypher", cypher.get(i), null));
        }
        return rows;
    }

    /**
     * Both clients' code and the server's request path, compiled before anything is
     * measured.
     */
    private void warmUpClients(Read floor) throws Exception {
        Duration budget = this.settings.warmup().multipliedBy(3);
        ClosedLoop.run(floor.graphQl(), this.settings.clients(), CLIENT_WARMUP_CALLS, budget);
        ClosedLoop.run(floor.cypher(), this.settings.clients(), CLIENT_WARMUP_CALLS, budget);
    }

    private List<Measurement> measure(Read read, String via, Call call) throws Exception {
        int planned = this.settings.planned(read.oneClient());
        int clients = this.settings.clients();
        int plannedMany = this.settings.planned(read.manyClients());
        awaitIdle(read, via, IDLE_BETWEEN_READS);
        Measurement warmup = ClosedLoop.run(call, 1, planned, this.settings.warmup());
        if (warmup.abandoned() > 0) {
            // Another such call would only pile onto the one the server is still working
            // on.
            awaitIdle(read, via, IDLE_AFTER_ABANDONED);
            String reason = "skipped: the warm-up call had no answer within "
                    + GraphQlClient.REQUEST_TIMEOUT.toSeconds() + " s";
            List<Measurement> skipped = new ArrayList<>(List.of(Measurement.skipped(1, planned, reason)));
            if (read.manyClients() > 0) {
                skipped.add(Measurement.skipped(clients, plannedMany, reason));
            }
            skipped.forEach(run -> progress(read, via, run));
            return skipped;
        }
        Measurement one = ClosedLoop.run(call, 1, planned, this.settings.budget());
        progress(read, via, one);
        if (one.abandoned() > 0) {
            awaitIdle(read, via, IDLE_AFTER_ABANDONED);
        }
        if (read.manyClients() == 0) {
            return List.of(one);
        }
        Measurement many;
        if (one.percentile(50) * clients > this.settings.budget().toMillis()) {
            many = Measurement.skipped(clients, plannedMany,
                    String.format(Locale.ROOT, "skipped: %d calls of %.0f ms (1-client p50) outlast the %d s budget",
                            clients, one.percentile(50), this.settings.budget().toSeconds()));
        }
        else {
            many = ClosedLoop.run(call, clients, plannedMany, this.settings.budget());
            if (many.abandoned() > 0) {
                awaitIdle(read, via, IDLE_AFTER_ABANDONED);
            }
        }
        progress(read, via, many);
        return List.of(one, many);
    }

    private void awaitIdle(Read read, String via, Duration limit) throws InterruptedException {
        Duration waited = this.server.awaitIdle(limit);
        if (waited.toSeconds() >= 2) {
            System.out.printf(Locale.ROOT, "  %-26s     %-8s waited %d s for the server to go idle%n", read.name(), via,
                    waited.toSeconds());
        }
    }

    private static Double ratio(Measurement graphQl, Measurement cypher) {
        return (graphQl.skipped() != null || cypher.skipped() != null) ? null
                : graphQl.percentile(50) / cypher.percentile(50);
    }

    private static void progress(Read read, String via, Measurement run) {
        System.out.printf(Locale.ROOT, "  %-26s %3d %-8s %s%n", read.name(), run.clients(), via,
                run.skipped() != null ? run.skipped()
                        : String.format(Locale.ROOT, "n=%d/%d errors=%d p50=%.1f ms in %.1f s", run.measured(),
                                run.planned(), run.errors(), run.percentile(50), run.wallNanos() / 1e9));
    }

    /**
     * Raw Cypher through the driver, in a read transaction, as a hand-written client
     * would.
     */
    private Call cypher(String query, Map<String, Object> parameters) {
        return () -> {
            try (var session = this.driver.session()) {
                return new Rows(session.executeRead(tx -> tx.run(query, parameters).list().size()));
            }
        };
    }

    /** Statements without parameters, one read transaction each. */
    private Call cypher(String... queries) {
        return () -> {
            int rows = 0;
            try (var session = this.driver.session()) {
                for (String query : queries) {
                    rows += session.executeRead(tx -> tx.run(query).list().size());
                }
            }
            return new Rows(rows);
        };
    }

    /**
     * Measures only {@code { __typename }} against a server that is already running, with
     * 1 client.
     */
    private static void measureFloor(BenchmarkSettings settings) throws Exception {
        Call call = new GraphQlClient(URI.create(settings.url())).operation("Typename", Map.of());
        ClosedLoop.run(call, 1, CLIENT_WARMUP_CALLS, settings.warmup().multipliedBy(3));
        Measurement run = ClosedLoop.run(call, 1, settings.planned(1000), settings.budget());
        // The shape of lat.py's line, so the two clients compare at a glance.
        System.out.printf(Locale.ROOT,
                "{\"name\": \"typename\", \"client\": \"EstateBenchmark\", \"n\": %d, \"p50\": %.2f, "
                        + "\"p95\": %.2f, \"p99\": %.2f, \"min\": %.2f, \"max\": %.2f, \"errors\": %d}%n",
                run.measured(), run.percentile(50), run.percentile(95), run.percentile(99), run.sortedNanos()[0] / 1e6,
                run.percentile(100), run.errors());
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%,d ms (%d min %02d s)", duration.toMillis(), duration.toMinutes(),
                duration.toSecondsPart());
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * One read of the portal, both ways.
     *
     * @param oneClient planned calls with 1 client, before scaling
     * @param manyClients planned calls with N clients, before scaling; 0 for 1 client
     * only
     */
    private record Read(String name, int oneClient, int manyClients, Call graphQl, Call cypher) {
    }

    private record Rows(long size) implements ClosedLoop.Response {

        @Override
        public String unit() {
            return "rows";
        }

        @Override
        public Optional<String> error() {
            return Optional.empty();
        }
    }

    private record Row(String name, String via, Measurement measurement, Double ratio) {

        void print() {
            Measurement m = this.measurement;
            // The read's name once, on its GraphQL line; the Cypher line under it is its
            // yardstick.
            String label = this.via.equals("GraphQL") ? this.name : "";
            String ratioText = this.ratio == null ? "" : String.format(Locale.ROOT, "%10.2fx", this.ratio);
            if (m.skipped() != null) {
                System.out.printf(Locale.ROOT, "%-26s %3d %-8s %s%n", label, m.clients(), this.via, m.skipped());
                return;
            }
            System.out.printf(Locale.ROOT, "%-26s %3d %-8s %11s %6d %9.1f %9.1f %9.1f %9.1f %8.1f %10s %11s%n", label,
                    m.clients(), this.via, m.measured() + "/" + m.planned(), m.errors(), m.percentile(50),
                    m.percentile(95), m.percentile(99), m.percentile(100), m.throughput(), size(m), ratioText);
        }

        private static String size(Measurement m) {
            if (m.unit().equals("bytes")) {
                return m.size() < 1024 ? m.size() + " B"
                        : m.size() < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", m.size() / 1024.0)
                                : String.format(Locale.ROOT, "%.1f MiB", m.size() / 1048576.0);
            }
            return m.size() + " " + m.unit();
        }
    }

}
