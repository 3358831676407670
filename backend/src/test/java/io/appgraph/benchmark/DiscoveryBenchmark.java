package io.appgraph.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import io.appgraph.benchmark.MeasuredRows.Row;
import org.neo4j.driver.Driver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dependency discovery at a large cluster's size: 10,000 NetworkPolicies (one per app of
 * a 10,000-app estate, each letting in a handful of callers, some with egress rules and
 * {@code In} expressions) posted as one {@code kubectl get -A -o yaml} List: as a dry
 * run, as a first import, again unchanged, and with a tenth of the policies changed; then
 * a mesh sample of every allowed call as Prometheus answers it, and the drift report over
 * the result. Prints wall time, what each import changed, and the heap's peak during each
 * import (the server runs in this JVM, so that is the server's memory). Judges nothing.
 */
public final class DiscoveryBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BenchmarkSettings settings;

    private final GraphQlClient graphQl;

    private final BenchmarkApp app;

    private final Driver driver;

    private final HttpClient http = BenchmarkApp.httpClient();

    private DiscoveryBenchmark(BenchmarkSettings settings, BenchmarkApp app) {
        this.settings = settings;
        this.app = app;
        this.graphQl = new GraphQlClient(app.uri("/graphql"));
        this.driver = app.driver();
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        try (BenchmarkApp app = BenchmarkApp.start("discovery benchmark", settings,
                "--appgraph.demo.releases-per-app=0", "--appgraph.outbox.enabled=false",
                "--appgraph.ownership.sweep-enabled=false")) {
            new DiscoveryBenchmark(settings, app).run();
        }
    }

    private void run() throws Exception {
        List<String> apps = this.driver.executableQuery("MATCH (a:App) RETURN a.name AS name ORDER BY name")
            .execute()
            .records()
            .stream()
            .map(r -> r.get("name").asString())
            .toList();
        int policyCount = Integer.getInteger("benchmark.policies", apps.size());
        Random random = new Random(7);
        List<List<String>> callers = new ArrayList<>();
        List<List<String>> callees = new ArrayList<>();
        for (int p = 0; p < policyCount; p++) {
            callers.add(pick(apps, random, 3 + random.nextInt(5)));
            callees.add((p % 10 == 0) ? pick(apps, random, 2) : List.of());
        }
        byte[] policies = policies(apps, callers, callees, random);
        System.out.printf(Locale.ROOT,
                "%ndiscovery benchmark: %,d apps, %,d NetworkPolicies in one kubectl List (%,d KiB); %d cores, heap max %,d MiB%n",
                apps.size(), policyCount, policies.length >> 10, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        timeImport("network policies, dry run", "/api/import/network-policies?dryRun=true", policies);
        timeImport("network policies, first import", "/api/import/network-policies", policies);
        timeImport("network policies, same again", "/api/import/network-policies", policies);
        for (int p = 0; p < policyCount; p += 10) {
            callers.set(p, pick(apps, random, 3 + random.nextInt(5)));
        }
        timeImport("network policies, a tenth changed", "/api/import/network-policies",
                policies(apps, callers, callees, random));

        byte[] mesh = mesh(apps, callers, random);
        timeImport("mesh sample of every allowed call", "/api/import/mesh", mesh);
        timeImport("mesh sample, same again", "/api/import/mesh", mesh);

        byte[] catalog = timeExport();
        timeImport("Backstage: the export, dry run", "/api/import/backstage?dryRun=true", catalog);
        timeImport("Backstage: the export imported back", "/api/import/backstage", catalog);

        List<Row> rows = new ArrayList<>();
        rows.addAll(MeasuredRows.measure(this.settings, "Drift, whole estate (first 100)", 10, 30,
                this.graphQl.query(
                        """
                                { dependencyDrift { lastObserved declaredNotObserved { totalCount dependencies { from { name } to { name } } }
                                  observedNotDeclared { totalCount dependencies { from { name } to { name } } }
                                  observedNotAllowed { totalCount } stale { totalCount } } }""",
                        Map.of())));
        rows.addAll(MeasuredRows.measure(this.settings, "App with its calls' sources", 300, 1000, this.graphQl.query("""
                query($name: String!) { app(name: $name) { name
                  dependencyEdges { to { name } sources lastObserved requestRate }
                  dependentEdges { from { name } sources } } }""", Map.of("name", apps.get(0)))));
        MeasuredRows.print(rows);
        MeasuredRows.printErrors(rows);
    }

    private void timeImport(String what, String path, byte[] body) throws Exception {
        timed(what,
                HttpRequest.newBuilder(this.app.uri(path))
                    .header("Content-Type", path.contains("mesh") ? "application/json" : "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                answer -> JSON.readTree(answer).path("changes").toString());
    }

    // The whole estate as Backstage entity YAML, streamed.
    private byte[] timeExport() throws Exception {
        return timed("Backstage: export the estate",
                HttpRequest.newBuilder(this.app.uri("/api/export/backstage")).GET(),
                yaml -> "%,d entities, %,d KiB".formatted(
                        new String(yaml, StandardCharsets.UTF_8).split("\nkind: ", -1).length - 1, yaml.length >> 10))
            .body();
    }

    // Sends the request, timing it and sampling the heap meanwhile, and prints one line:
    // status, wall time, heap before and at most, and what the answer says (or, unless
    // 200, the answer itself).
    private HttpResponse<byte[]> timed(String what, HttpRequest.Builder request, Function<byte[], String> describe)
            throws Exception {
        System.gc();
        long before = HeapSampler.heapUsed();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = this.http.send(request.timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = sampler.finish();
        System.out.printf(Locale.ROOT, "%-36s %3d in %6.2f s; heap used before %,5d MiB, at most %,5d MiB; %s%n", what,
                response.statusCode(), seconds, before >> 20, peak >> 20, (response.statusCode() == 200)
                        ? describe.apply(response.body()) : new String(response.body(), StandardCharsets.UTF_8));
        return response;
    }

    private static List<String> pick(List<String> apps, Random random, int n) {
        List<String> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            picked.add(apps.get(random.nextInt(apps.size())));
        }
        return picked;
    }

    // One policy per app, as kubectl prints a List: ingress from its callers, one in ten
    // with egress rules, one in twenty naming its callers with an In expression.
    private static byte[] policies(List<String> apps, List<List<String>> callers, List<List<String>> callees,
            Random random) {
        StringBuilder yaml = new StringBuilder(callers.size() * 700);
        yaml.append("apiVersion: v1\nitems:\n");
        for (int p = 0; p < callers.size(); p++) {
            String app = apps.get(p % apps.size());
            yaml.append("- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata:\n    name: ")
                .append(app)
                .append("-ingress\n    namespace: ns-")
                .append(p % 40)
                .append("\n    resourceVersion: \"")
                .append(1000 + p)
                .append("\"\n  spec:\n    podSelector:\n      matchLabels:\n        app.kubernetes.io/name: ")
                .append(app)
                .append("\n    ingress:\n    - from:\n");
            if (p % 20 == 0) {
                yaml.append(
                        "      - podSelector:\n          matchExpressions:\n          - key: app.kubernetes.io/name\n")
                    .append("            operator: In\n            values: [")
                    .append(String.join(", ", callers.get(p)))
                    .append("]\n");
            }
            else {
                for (String caller : callers.get(p)) {
                    yaml.append("      - podSelector:\n          matchLabels:\n            app.kubernetes.io/name: ")
                        .append(caller)
                        .append('\n');
                }
            }
            yaml.append("      ports:\n      - protocol: TCP\n        port: 8080\n");
            if (!callees.get(p).isEmpty()) {
                yaml.append("    egress:\n    - to:\n");
                for (String callee : callees.get(p)) {
                    yaml.append("      - podSelector:\n          matchLabels:\n            app.kubernetes.io/name: ")
                        .append(callee)
                        .append('\n');
                }
            }
        }
        yaml.append("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    // Every allowed call as a series, a tenth of them from two versions of the caller.
    private static byte[] mesh(List<String> apps, List<List<String>> callers, Random random) {
        StringBuilder json = new StringBuilder();
        json.append("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        long now = Instant.now().getEpochSecond();
        boolean first = true;
        for (int p = 0; p < callers.size(); p++) {
            String callee = apps.get(p % apps.size());
            for (String caller : callers.get(p)) {
                int versions = (random.nextInt(10) == 0) ? 2 : 1;
                for (int v = 1; v <= versions; v++) {
                    json.append(first ? "" : ",")
                        .append("{\"metric\":{\"source_workload\":\"")
                        .append(caller)
                        .append("-v")
                        .append(v)
                        .append("\",\"destination_workload\":\"")
                        .append(callee)
                        .append("-v1\"},\"value\":[")
                        .append(now)
                        .append(",\"")
                        .append(String.format(Locale.ROOT, "%.3f", random.nextDouble() * 50))
                        .append("\"]}");
                    first = false;
                }
            }
        }
        json.append("]}}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

}
