package io.appgraph.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.appgraph.AppgraphApplication;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts appgraph on a generated estate of 10,000 apps and measures the portal's main
 * reads over HTTP with concurrent clients, next to the same reads as raw Cypher through
 * the driver. Prints figures; judges nothing. Run it with
 * {@code ./mvnw -Pbenchmark -DskipTests verify} (see README).
 *
 * <p>
 * System properties: {@code benchmark.apps} (10000), {@code benchmark.clients} (10),
 * {@code benchmark.scale} (1.0, multiplies every request count).
 */
public final class EstateBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int MAX_DEPTH = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI graphql;

    private final Driver driver;

    private final int clients;

    private EstateBenchmark(URI graphql, Driver driver, int clients) {
        this.graphql = graphql;
        this.driver = driver;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        int apps = Integer.getInteger("benchmark.apps", 10_000);
        int clients = Integer.getInteger("benchmark.clients", 10);
        double scale = Double.parseDouble(System.getProperty("benchmark.scale", "1.0"));
        Path dataDir = Files.createTempDirectory("appgraph-benchmark-");

        long started = System.nanoTime();
        ConfigurableApplicationContext context = SpringApplication.run(AppgraphApplication.class, "--server.port=0",
                "--appgraph.embedded.bolt-port=0", "--appgraph.embedded.data-dir=" + dataDir,
                "--appgraph.demo.apps=" + apps, "--appgraph.embedded.page-cache=1g", "--logging.level.root=WARN",
                "--logging.level.io.appgraph=INFO");
        long startupMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            var benchmark = new EstateBenchmark(URI.create("http://127.0.0.1:" + port + "/graphql"),
                    context.getBean(Driver.class), clients);
            benchmark.run(apps, startupMillis, scale);
        }
        finally {
            context.close();
            deleteRecursively(dataDir);
        }
    }

    private void run(int apps, long startupMillis, double scale) throws Exception {
        Map<String, Object> shape = estateShape();
        String hub = "auth-service";
        String typical = (String) shape.get("typical");
        System.out.printf(Locale.ROOT,
                "%nappgraph benchmark: %,d apps, %,d dependencies, %,d squads, %,d people; %d concurrent clients; %d cores, max heap %d MiB%n",
                shape.get("apps"), shape.get("dependencies"), shape.get("squads"), shape.get("people"), this.clients,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "start-up to ready, %,d-app estate generated and loaded: %,d ms%n", apps,
                startupMillis);
        System.out.printf(Locale.ROOT, "heap used after load (after GC): %,d MiB%n", heapAfterGc());
        System.out.printf(Locale.ROOT, "hub %s: %s impacted apps; typical app %s: %s impacted apps (maxDepth %d)%n%n",
                hub, blastRadiusCount(hub), typical, blastRadiusCount(typical), MAX_DEPTH);

        List<Row> rows = new ArrayList<>();
        for (int concurrency : new int[] { 1, this.clients }) {
            rows.add(compare("BlastRadius hub", concurrency, count(concurrency == 1 ? 20 : 40, scale),
                    () -> graphQl("BlastRadius", Map.of("app", hub, "maxDepth", MAX_DEPTH)),
                    () -> cypher(RawCypher.BLAST_RADIUS, Map.of("app", hub))));
            rows.add(compare("BlastRadius typical", concurrency, count(concurrency == 1 ? 300 : 1000, scale),
                    () -> graphQl("BlastRadius", Map.of("app", typical, "maxDepth", MAX_DEPTH)),
                    () -> cypher(RawCypher.BLAST_RADIUS, Map.of("app", typical))));
            rows.add(compare("AppPage", concurrency, count(concurrency == 1 ? 500 : 2000, scale),
                    () -> graphQl("AppPage", Map.of("name", typical)),
                    () -> cypher(RawCypher.APP_PAGE, Map.of("name", typical))));
            rows.add(compare("Apps(first: 100)", concurrency, count(concurrency == 1 ? 300 : 1000, scale),
                    () -> graphQl("Apps", Map.of("first", 100)),
                    () -> cypher(RawCypher.APPS_PAGE, Map.of()) + cypher(RawCypher.APPS_COUNT, Map.of())));
            rows.add(compare("DependencyGraph (all)", concurrency, count(concurrency == 1 ? 15 : 30, scale),
                    () -> graphQl("DependencyGraph", Map.of()),
                    () -> cypher(RawCypher.GRAPH_NODES, Map.of()) + cypher(RawCypher.GRAPH_EDGES, Map.of())));
        }

        System.out.printf(Locale.ROOT, "%-24s %3s %-8s %6s %6s %9s %9s %9s %9s %8s %11s%n", "operation", "c", "via",
                "n", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s", "GraphQL/Cy");
        for (Row row : rows) {
            row.print();
        }
        System.out.printf(Locale.ROOT,
                "%nheap used after the run (after GC): %,d MiB; peak resident memory of the process: %s%n",
                heapAfterGc(), peakResidentMemory());
        System.out.println(
                "c = concurrent clients; GraphQL/Cy = ratio of p50 latencies, GraphQL over HTTP to raw Cypher through the driver;");
        System.out
            .println("errors = failed calls (e.g. stopped at the 10 s request limit), included in the latencies.");
    }

    private Row compare(String name, int concurrency, int requests, Supplier<Integer> viaGraphQl,
            Supplier<Integer> viaCypher) throws Exception {
        Stats graphQl = measure(concurrency, requests, viaGraphQl);
        Stats cypher = measure(concurrency, requests, viaCypher);
        return new Row(name, concurrency, graphQl, cypher);
    }

    /**
     * Warms up, then runs {@code requests} calls spread over {@code concurrency} clients;
     * returns latencies, counting failed calls (such as requests stopped at the time
     * limit) apart.
     */
    private Stats measure(int concurrency, int requests, Supplier<Integer> call) throws Exception {
        int warmup = Math.max(3, requests / 10);
        for (int i = 0; i < warmup; i++) {
            try {
                call.get();
            }
            catch (RuntimeException ex) {
                // warm-up failures are counted in the measured run if they persist
            }
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(requests));
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicLong bytes = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            workers.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    try {
                        bytes.addAndGet(call.get());
                    }
                    catch (RuntimeException ex) {
                        errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long wall = System.nanoTime() - started;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Stats(sorted, wall, bytes.get() / Math.max(1, sorted.size()), errors.get());
    }

    private int graphQl(String operation, Map<String, Object> variables) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", document(operation), "variables", variables));
            HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.graphql)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200 || json.has("errors")) {
                String answer = response.body();
                throw new IllegalStateException(
                        operation + " failed: " + answer.substring(0, Math.min(300, answer.length())));
            }
            return response.body().length();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private int cypher(String query, Map<String, Object> parameters) {
        try (var session = this.driver.session()) {
            List<Map<String, Object>> rows = session.executeRead(tx -> tx.run(query, parameters).list(Record::asMap));
            return rows.size();
        }
    }

    private Map<String, Object> estateShape() {
        try (var session = this.driver.session()) {
            return session.executeRead(tx -> tx.run(RawCypher.SHAPE).single().asMap());
        }
    }

    private Object blastRadiusCount(String app) {
        try {
            String body = JSON.writeValueAsString(Map.of("query",
                    "query($app: String!) { blastRadius(app: $app) { count } }", "variables", Map.of("app", app)));
            HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.graphql)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).at("/data/blastRadius/count").asInt();
        }
        catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();

    private static synchronized String document(String operation) {
        return DOCUMENTS.computeIfAbsent(operation, name -> {
            try {
                return new ClassPathResource("graphql-test/" + name + ".graphql")
                    .getContentAsString(StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private static int count(int base, double scale) {
        return Math.max(10, (int) Math.round(base * scale));
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static String peakResidentMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status"))
                .stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> line.substring(6).strip())
                .findFirst()
                .orElse("n/a");
        }
        catch (IOException ex) {
            return "n/a";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private record Stats(List<Long> sortedNanos, long wallNanos, long bytesPerCall, int errors) {

        double percentile(double p) {
            int index = (int) Math.ceil(p / 100.0 * this.sortedNanos.size()) - 1;
            return this.sortedNanos.get(Math.max(0, Math.min(index, this.sortedNanos.size() - 1))) / 1e6;
        }

        double throughput() {
            return this.sortedNanos.size() / (this.wallNanos / 1e9);
        }
    }

    private record Row(String name, int concurrency, Stats graphQl, Stats cypher) {

        void print() {
            line(this.name, this.concurrency, "GraphQL", this.graphQl,
                    String.format(Locale.ROOT, "%10.2fx", this.graphQl.percentile(50) / this.cypher.percentile(50)));
            line("", this.concurrency, "Cypher", this.cypher, "");
        }

        private static void line(String name, int concurrency, String via, Stats stats, String ratio) {
            System.out.printf(Locale.ROOT, "%-24s %3d %-8s %6d %6d %9.1f %9.1f %9.1f %9.1f %8.1f %11s%n", name,
                    concurrency, via, stats.sortedNanos().size(), stats.errors(), stats.percentile(50),
                    stats.percentile(95), stats.percentile(99), stats.percentile(100), stats.throughput(), ratio);
        }
    }

}
