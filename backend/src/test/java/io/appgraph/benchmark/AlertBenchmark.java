package io.appgraph.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import io.appgraph.benchmark.MeasuredRows.Row;
import io.appgraph.notify.OutboxRounds;
import org.neo4j.driver.Driver;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert bot under load: Alertmanager notifications into the webhook from concurrent
 * senders (firing, a tenth repeated, then all resolved), checked for what was stored; the
 * Slack messages those cause, rendered and delivered by the outbox to a local stand-in
 * for Slack's Web API; then the alert reads of the portal and the on-call engineer.
 * Prints figures; judges nothing.
 */
public final class AlertBenchmark {

    private static final String TOKEN = "benchmark-alertmanager-token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String STORED = """
            MATCH (a:Alert) WHERE a.fingerprint STARTS WITH 'bench-'
            RETURN count(a) AS alerts, count(CASE WHEN a.status = 'RESOLVED' THEN 1 END) AS resolved,
                   count(CASE WHEN EXISTS { (a)-[:ON]->(:App) } THEN 1 END) AS matched
            """;

    private final BenchmarkSettings settings;

    private final GraphQlClient graphQl;

    private final URI webhook;

    private final Driver driver;

    private final ConfigurableApplicationContext context;

    private final HttpClient http = BenchmarkApp.httpClient();

    private AlertBenchmark(BenchmarkSettings settings, BenchmarkApp app) {
        this.settings = settings;
        this.graphQl = new GraphQlClient(app.uri("/graphql"));
        this.webhook = app.uri("/api/alerts/alertmanager");
        this.driver = app.driver();
        this.context = app.context();
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        AtomicLong slackCalls = new AtomicLong();
        HttpServer slack = slack(slackCalls);
        try (BenchmarkApp app = BenchmarkApp.start("alert benchmark", settings, "--appgraph.demo.releases-per-app=10",
                "--appgraph.webhooks.alertmanager-token=" + TOKEN, "--appgraph.slack.bot-token=xoxb-benchmark",
                "--appgraph.slack.api-url=http://127.0.0.1:" + slack.getAddress().getPort() + "/api/",
                "--appgraph.outbox.enabled=false", "--appgraph.outbox.batch-size=200",
                "--appgraph.ownership.sweep-enabled=false")) {
            new AlertBenchmark(settings, app).run(slackCalls);
        }
        finally {
            slack.stop(0);
        }
    }

    private void run(AtomicLong slackCalls) throws Exception {
        List<String> apps = this.driver.executableQuery("MATCH (a:App) RETURN a.name AS name ORDER BY name")
            .execute()
            .records()
            .stream()
            .map(r -> r.get("name").asString())
            .toList();
        int senders = Integer.getInteger("benchmark.senders", 8);
        int groups = Integer.getInteger("benchmark.alert-groups", 3_000);
        System.out.printf(Locale.ROOT, "%nalert benchmark: %,d apps; %,d notifications from %d senders; %d cores%n",
                apps.size(), groups, senders, Runtime.getRuntime().availableProcessors());

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<byte[]> firing = new ArrayList<>(groups);
        List<byte[]> resolved = new ArrayList<>(groups);
        int alerts = 0;
        Random random = new Random(11);
        for (int g = 0; g < groups; g++) {
            int size = 1 + random.nextInt(3);
            List<Map<String, Object>> fire = new ArrayList<>();
            List<Map<String, Object>> resolve = new ArrayList<>();
            Instant startsAt = now.minusSeconds(3_600 + random.nextInt(3_600));
            for (int a = 0; a < size; a++) {
                // One alert in twenty names an app the catalog lacks.
                String app = (random.nextInt(20) == 0) ? "unknown-" + g : apps.get(random.nextInt(apps.size()));
                Map<String, String> labels = Map.of("alertname", "Alert" + g, "app", app, "severity",
                        (a == 0) ? "critical" : "warning", "namespace", "prod", "pod", app + "-" + a);
                String fingerprint = "bench-%d-%d".formatted(g, a);
                fire.add(alert(fingerprint, "firing", labels, startsAt, null));
                resolve.add(alert(fingerprint, "resolved", labels, startsAt,
                        startsAt.plusSeconds(300 + random.nextInt(3_000))));
                alerts++;
            }
            firing.add(notification("{}:{alertname=\"Alert" + g + "\"}", fire));
            resolved.add(notification("{}:{alertname=\"Alert" + g + "\"}", resolve));
        }
        List<Row> rows = new ArrayList<>();
        // Warm the endpoint on notifications of their own.
        List<byte[]> warm = new ArrayList<>();
        for (int w = 0; w < 200; w++) {
            warm.add(notification("warm-" + w, List.of(alert("warm-" + w, "firing",
                    Map.of("alertname", "Warm", "app", apps.get(w % apps.size())), now, null))));
        }
        ClosedLoop.run(sender(warm), 1, warm.size(), Duration.ofSeconds(30));
        rows.add(new Row("Webhook firing", ClosedLoop.run(sender(firing), senders, groups, Duration.ofMinutes(10))));
        List<byte[]> repeats = firing.stream().filter(n -> random.nextInt(10) == 0).toList();
        rows.add(new Row("Webhook repeats",
                ClosedLoop.run(sender(repeats), senders, repeats.size(), Duration.ofMinutes(5))));

        long slackBefore = slackCalls.get();
        long deliverStarted = System.nanoTime();
        int delivered = 0;
        int[] round;
        do {
            round = OutboxRounds.deliver(this.context);
            delivered += round[0];
        }
        while (round[0] + round[1] + round[2] > 0);
        double deliverSeconds = (System.nanoTime() - deliverStarted) / 1e9;
        System.out.printf(Locale.ROOT,
                "slack: %,d alert messages delivered (%,d Web API calls: message, suspects reply) in %.1f s, "
                        + "%.1f messages/s, one outbox worker%n",
                delivered, slackCalls.get() - slackBefore, deliverSeconds, delivered / deliverSeconds);

        rows.add(
                new Row("Webhook resolved", ClosedLoop.run(sender(resolved), senders, groups, Duration.ofMinutes(10))));
        var stored = this.driver.executableQuery(STORED).execute().records().get(0);
        System.out.printf(Locale.ROOT,
                "stored: %,d alerts (expected %,d), %,d resolved, %,d matched to an app; %,d repeats changed nothing%n",
                stored.get("alerts").asLong(), alerts, stored.get("resolved").asLong(), stored.get("matched").asLong(),
                repeats.size());

        ZonedDateTime today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC);
        rows.addAll(MeasuredRows.measure(this.settings, "Alerts (100) with owners", 300, 1000, this.graphQl.query("""
                query($first: Int) { alerts(first: $first) { fingerprint name severity status startsAt
                  app { name owner { handle } squad { name buddy { handle } } } acknowledgedBy { handle } } }""",
                Map.of("first", 100))));
        rows.addAll(MeasuredRows.measure(this.settings, "Alert with suspects", 300, 1000, this.graphQl.query("""
                query($first: Int) { alerts(first: $first) { fingerprint runbookUrl blastRadiusSize
                  suspects { distance release { externalId version } } } }""", Map.of("first", 1))));
        rows.addAll(MeasuredRows.measure(this.settings, "TimeToRestore year by MONTH", 100, 300, this.graphQl.query("""
                query($from: DateTime!, $to: DateTime!) { timeToRestore(from: $from, to: $to, interval: MONTH) {
                  start restored medianMinutes p90Minutes } }""",
                Map.of("from", today.minusDays(364).toString(), "to", today.plusDays(1).toString()))));

        MeasuredRows.print(rows);
        System.gc();
        System.out.printf(Locale.ROOT,
                "%nheap used after the run (after GC): %,d MiB. c = concurrent clients or senders; per s = requests "
                        + "(notifications for the webhook) per second%n",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        MeasuredRows.printErrors(rows);
    }

    private ClosedLoop.Call sender(List<byte[]> notifications) {
        AtomicInteger next = new AtomicInteger();
        return () -> {
            byte[] body = notifications.get(next.getAndIncrement() % notifications.size());
            HttpRequest request = HttpRequest.newBuilder(this.webhook)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(GraphQlClient.REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
            HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new GraphQlClient.Answer(response.statusCode(), response.body());
        };
    }

    private static Map<String, Object> alert(String fingerprint, String status, Map<String, String> labels,
            Instant startsAt, Instant endsAt) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", "Benchmark alert " + fingerprint));
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", (endsAt != null) ? endsAt.toString() : "0001-01-01T00:00:00Z");
        alert.put("generatorURL", "http://prometheus.example.com/graph");
        alert.put("fingerprint", fingerprint);
        return alert;
    }

    private static byte[] notification(String groupKey, List<Map<String, Object>> alerts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", groupKey);
        body.put("receiver", "appgraph");
        body.put("status", alerts.stream().anyMatch(a -> a.get("status").equals("firing")) ? "firing" : "resolved");
        body.put("commonLabels", Map.of("alertname", ((Map<?, ?>) alerts.get(0).get("labels")).get("alertname")));
        body.put("externalURL", "http://alertmanager.example.com");
        body.put("alerts", alerts);
        return JSON.writeValueAsBytes(body);
    }

    // Slack's Web API, answering at once: what is measured is appgraph's side. Without
    // TCP_NODELAY the JDK's server sends headers and body in two packets, and the second
    // waits ~40 ms for the client's delayed acknowledgement of the first.
    private static HttpServer slack(AtomicLong calls) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicLong ts = new AtomicLong();
        server.createContext("/api/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            byte[] answer = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.%06d\"}"
                .formatted(ts.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        // Daemon threads: the stand-in must not keep the JVM alive once the benchmark
        // ends.
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, work -> {
            Thread thread = new Thread(work, "slack-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

}
