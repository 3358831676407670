package io.appgraph.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import io.appgraph.IntegrationTest;
import io.appgraph.platform.Cypher;
import org.junit.jupiter.api.AfterEach;
import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.ProfiledPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durable outbox against the real graph, with a local HTTP server standing in for
 * Grafana. Delivery rounds are run by the test on a clock it moves by hand: no test waits
 * for a timer.
 */
class OutboxIT extends IntegrationTest {

    private static final String TOKEN = "glsa_test_token";

    @Autowired
    Cypher cypher;

    @Autowired
    Outbox outbox;

    @Autowired
    Driver driver;

    @Autowired
    JsonMapper json;

    @Autowired
    ApplicationContext context;

    private final FakeGrafana grafana = new FakeGrafana();

    private TestClock clock;

    @BeforeEach
    void startGrafana() {
        this.grafana.start(0);
    }

    @AfterEach
    void stopGrafana() {
        this.grafana.stop();
    }

    @Test
    void releaseStartsAndFinishesReachGrafanaAsTaggedAnnotations() {
        enqueue("release-started:run-1", started("run-1", "payments-api", "payments"));
        enqueue("release-finished:run-1", finished("run-1", "payments-api", "payments", "ROLLED_BACK"));
        OutboxWorker worker = grafanaWorker(properties(20));

        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(2, 0, 0, 0));

        assertThat(this.grafana.requests).hasSize(2).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/annotations");
            assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
            assertThat(request.contentType()).startsWith("application/json");
        });
        assertThat(this.grafana.requests.get(0).body()).isEqualTo(Map.of("time", 1795770000000L, "tags",
                List.of("release", "app:payments-api", "squad:payments"), "text",
                "payments-api 2.0.1 started (prod) <a href=\"https://ci.example.com/runs/run-1\">pipeline</a>"));
        assertThat(this.grafana.requests.get(1).body()).isEqualTo(Map.of("time", 1795770300000L, "tags",
                List.of("release", "app:payments-api", "squad:payments"), "text",
                "payments-api 2.0.1 rolled back (prod) <a href=\"https://ci.example.com/runs/run-1\">pipeline</a>"));
        assertThat(count("MATCH (m:OutboxMessage) WHERE m.deliveredAt IS NOT NULL AND m.nextAttemptAt IS NULL "
                + "AND m.claimedUntil IS NULL RETURN count(m)"))
            .isEqualTo(2);

        this.clock.advance(Duration.ofHours(1));
        assertThat(worker.deliverDue()).as("a delivered message is not sent again")
            .isEqualTo(new OutboxWorker.Round(0, 0, 0, 0));
        enqueue("release-started:run-1", started("run-1", "payments-api", "payments"));
        assertThat(worker.deliverDue()).as("nor is the same message enqueued again")
            .isEqualTo(new OutboxWorker.Round(0, 0, 0, 0));
        assertThat(this.grafana.requests).hasSize(2);
    }

    @Test
    void whileGrafanaIsDownDeliveriesBackOffAndWhenItIsBackEachArrivesOnce() {
        for (int run = 1; run <= 3; run++) {
            enqueue("release-started:run-" + run, started("run-" + run, "payments-api", "payments"));
        }
        OutboxWorker worker = grafanaWorker(properties(20));

        // Grafana answers 500: the oldest message fails and the others of the round wait.
        this.grafana.status.set(500);
        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(0, 1, 2, 0));
        assertThat(attempts("release-started:run-1")).isEqualTo(1);
        assertThat(nextAttemptAt("release-started:run-1")).isEqualTo(this.clock.instant().plusSeconds(1));
        assertThat(lastError("release-started:run-1")).isEqualTo("Grafana answered 500");

        // Grafana is gone altogether: nothing listens, and the backoff doubles.
        int port = this.grafana.port();
        this.grafana.stop();
        assertThat(worker.deliverDue()).as("run-1 waits for its backoff").isEqualTo(new OutboxWorker.Round(0, 1, 1, 0));
        assertThat(attempts("release-started:run-2")).isEqualTo(1);
        this.clock.advance(Duration.ofSeconds(1));
        assertThat(worker.deliverDue()).as("all three due again").isEqualTo(new OutboxWorker.Round(0, 1, 2, 0));
        assertThat(attempts("release-started:run-1")).isEqualTo(2);
        assertThat(nextAttemptAt("release-started:run-1")).isEqualTo(this.clock.instant().plusSeconds(2));
        this.clock.advance(Duration.ofSeconds(2));
        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(0, 1, 2, 0));
        assertThat(attempts("release-started:run-1")).isEqualTo(3);
        assertThat(nextAttemptAt("release-started:run-1")).isEqualTo(this.clock.instant().plusSeconds(4));
        assertThat(lastError("release-started:run-1")).startsWith("Grafana could not be reached: ConnectException")
            .doesNotContain(TOKEN);
        assertThat(count("MATCH (m:OutboxMessage) WHERE m.deliveredAt IS NULL RETURN count(m)")).isEqualTo(3);

        // Grafana is back: every message arrives, once, as its backoff runs out.
        this.grafana.start(port);
        this.grafana.status.set(200);
        List<OutboxWorker.Round> rounds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            this.clock.advance(Duration.ofSeconds(1));
            rounds.add(worker.deliverDue());
        }
        assertThat(rounds).extracting(OutboxWorker.Round::failed).containsOnly(0);
        assertThat(rounds.stream().mapToInt(OutboxWorker.Round::delivered).sum()).isEqualTo(3);
        assertThat(this.grafana.requests).extracting(request -> request.body().get("text"))
            .containsExactlyInAnyOrder(text("run-1"), text("run-2"), text("run-3"));
        assertThat(count("MATCH (m:OutboxMessage) WHERE m.deliveredAt IS NULL RETURN count(m)")).isZero();
    }

    @Test
    void aMessageGrafanaRefusesIsGivenUpWhileAWrongTokenIsRetried() {
        enqueue("release-started:run-1", started("run-1", "payments-api", "payments"));
        enqueue("release-started:run-2", started("run-2", "payments-api", "payments"));
        OutboxWorker worker = grafanaWorker(properties(20));

        // 400: Grafana refuses the annotation itself; sending it again cannot help, and
        // the next message of the round is still tried.
        this.grafana.status.set(400);
        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(0, 2, 0, 0));
        assertThat(lastError("release-started:run-1"))
            .isEqualTo("Grafana answered 400, refusing the message itself: not retried");
        this.clock.advance(Duration.ofHours(1));
        this.grafana.status.set(200);
        assertThat(worker.deliverDue()).as("a refused message is not sent again")
            .isEqualTo(new OutboxWorker.Round(0, 0, 0, 0));
        assertThat(attempts("release-started:run-1")).isEqualTo(1);
        assertThat(count("MATCH (m:OutboxMessage) WHERE m.failedAt IS NOT NULL AND m.nextAttemptAt IS NULL "
                + "AND m.deliveredAt IS NULL RETURN count(m)"))
            .as("kept, marked failed, until the retention removes it")
            .isEqualTo(2);

        // 401: a token that is wrong today may be mended tomorrow; the message waits.
        enqueue("release-started:run-3", started("run-3", "payments-api", "payments"));
        this.grafana.status.set(401);
        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(0, 1, 0, 0));
        assertThat(lastError("release-started:run-3")).isEqualTo("Grafana answered 401");
        this.grafana.status.set(200);
        this.clock.advance(Duration.ofSeconds(1));
        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(1, 0, 0, 0));
        assertThat(this.grafana.requests).extracting(request -> request.body().get("text"))
            .containsExactly(text("run-3"));
    }

    @Test
    void twoInstancesDeliveringTogetherSendEachMessageOnce() throws Exception {
        int messages = 60;
        for (int i = 0; i < messages; i++) {
            enqueue("test", "message-" + i, Map.of("n", i));
        }
        Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
        OutboxSender counting = new OutboxSender() {
            @Override
            public String destination() {
                return "test";
            }

            @Override
            public Duration maxDeliveryTime() {
                return Duration.ofSeconds(1);
            }

            @Override
            public void deliver(OutboxMessage message) {
                sent.computeIfAbsent(message.key(), key -> new AtomicInteger()).incrementAndGet();
            }
        };
        TestClock clock = new TestClock(Instant.now().plusSeconds(1));
        OutboxWorker one = new OutboxWorker(this.cypher, this.json, List.of(counting), properties(5), clock);
        OutboxWorker two = new OutboxWorker(this.cypher, this.json, List.of(counting), properties(5), clock);

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> delivered = new ArrayList<>();
            for (OutboxWorker worker : List.of(one, two)) {
                delivered.add(instances.submit(() -> {
                    int total = 0;
                    for (int round = 0; round < 100; round++) {
                        total += worker.deliverDue().delivered();
                    }
                    return total;
                }));
            }
            int total = 0;
            for (Future<Integer> instance : delivered) {
                total += instance.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(messages);
        }
        finally {
            instances.shutdownNow();
        }
        assertThat(sent).hasSize(messages);
        assertThat(sent.values()).extracting(AtomicInteger::get).containsOnly(1);
    }

    @Test
    void messagesOlderThanTheRetentionAreDropped() {
        enqueue("release-started:run-1", started("run-1", "payments-api", "payments"));
        enqueue("release-started:run-2", started("run-2", "payments-api", "payments"));
        OutboxWorker worker = grafanaWorker(properties(1));
        assertThat(worker.deliverDue().delivered()).isEqualTo(1);

        this.clock.advance(Duration.ofDays(7).plusMinutes(1));
        this.grafana.status.set(500);
        assertThat(worker.deliverDue()).as("one delivered, one never delivered: both go")
            .isEqualTo(new OutboxWorker.Round(0, 0, 0, 2));
        assertThat(count("MATCH (m:OutboxMessage) RETURN count(m)")).isZero();
        assertThat(this.grafana.requests).hasSize(1);
    }

    @Test
    void withoutGrafanaConfiguredItsMessagesWaitUndelivered() {
        enqueue("release-started:run-1", started("run-1", "payments-api", "payments"));
        OutboxWorker configured = this.context.getBean(OutboxWorker.class);

        assertThat(this.context.getBeansOfType(GrafanaAnnotations.class)).isEmpty();
        assertThat(configured.destinations()).doesNotContain(GrafanaAnnotations.DESTINATION);
        assertThat(configured.deliverDue()).isEqualTo(new OutboxWorker.Round(0, 0, 0, 0));
        assertThat(count("MATCH (m:OutboxMessage {attempts: 0}) WHERE m.claimedUntil IS NULL RETURN count(m)"))
            .isEqualTo(1);
    }

    @Test
    void messagesWaitingForADestinationWithoutASenderAreNotReadByTheClaim() {
        this.clock = new TestClock(Instant.now().plusSeconds(1));
        // Planned while the outbox is empty, as on a fresh start, and cached.
        profileClaim();
        // 300 messages for a destination this instance cannot deliver to, enqueued first,
        // then three for Grafana.
        Map<String, Map<String, Object>> waiting = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            waiting.put("release-started:waiting-" + i, started("waiting-" + i, "payments-api", "payments"));
        }
        this.cypher
            .write(tx -> this.cypher.run(tx, Outbox.ENQUEUE_STEP, this.outbox.enqueueParameters("nowhere", waiting)));
        for (int i = 1; i <= 3; i++) {
            enqueue("release-started:run-" + i, started("run-" + i, "payments-api", "payments"));
        }
        OutboxWorker worker = grafanaWorker(properties(20));

        ProfiledPlan claim = profileClaim();
        assertThat(totalDbHits(claim)).as("database hits of a claim beside 300 messages waiting elsewhere")
            .isLessThan(100);
        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(3, 0, 0, 0));
        assertThat(count("MATCH (m:OutboxMessage {destination: 'nowhere', attempts: 0}) "
                + "WHERE m.claimedUntil IS NULL AND m.claimLock IS NULL RETURN count(m)"))
            .isEqualTo(300);
    }

    /** The claim's first statement, profiled (it marks what it picks; that is undone). */
    private ProfiledPlan profileClaim() {
        ProfiledPlan claim = this.driver.executableQuery("PROFILE " + OutboxWorker.LOCK_DUE)
            .withParameters(Map.of("now", this.clock.instant().atOffset(ZoneOffset.UTC), "token", "probe",
                    "destinations", List.of(GrafanaAnnotations.DESTINATION), "limit", 20))
            .execute()
            .summary()
            .profile();
        this.cypher.write(tx -> this.cypher.run(tx, "MATCH (m:OutboxMessage) REMOVE m.claimLock", Map.of()));
        return claim;
    }

    private static long totalDbHits(ProfiledPlan plan) {
        long hits = plan.dbHits();
        for (ProfiledPlan child : plan.children()) {
            hits += totalDbHits(child);
        }
        return hits;
    }

    private OutboxWorker grafanaWorker(OutboxProperties properties) {
        // Messages are enqueued at the wall clock's now; the worker's clock starts just
        // after.
        this.clock = new TestClock(Instant.now().plusSeconds(1));
        GrafanaAnnotations grafana = new GrafanaAnnotations(new GrafanaProperties(
                "http://127.0.0.1:" + this.grafana.port() + "/", TOKEN, Duration.ofSeconds(2), Duration.ofSeconds(5)));
        return new OutboxWorker(this.cypher, this.json, List.of(grafana), properties, this.clock);
    }

    private static OutboxProperties properties(int batchSize) {
        return new OutboxProperties(true, Duration.ofSeconds(2), batchSize, Duration.ofMinutes(2),
                Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofDays(7));
    }

    private void enqueue(String key, Map<String, Object> payload) {
        enqueue(GrafanaAnnotations.DESTINATION, key, payload);
    }

    private void enqueue(String destination, String key, Map<String, Object> payload) {
        this.cypher.write(tx -> {
            this.outbox.enqueue(tx, destination, key, payload);
            return null;
        });
    }

    private static Map<String, Object> started(String run, String app, String squad) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", "started");
        payload.put("app", app);
        payload.put("squad", squad);
        payload.put("externalId", run);
        payload.put("version", "2.0.1");
        payload.put("environment", "prod");
        payload.put("status", "IN_PROGRESS");
        payload.put("at", "2026-11-27T09:00:00Z");
        payload.put("pipelineUrl", "https://ci.example.com/runs/" + run);
        return payload;
    }

    private static Map<String, Object> finished(String run, String app, String squad, String status) {
        Map<String, Object> payload = started(run, app, squad);
        payload.put("kind", "finished");
        payload.put("status", status);
        payload.put("at", "2026-11-27T09:05:00Z");
        return payload;
    }

    private static String text(String run) {
        return "payments-api 2.0.1 started (prod) <a href=\"https://ci.example.com/runs/" + run + "\">pipeline</a>";
    }

    private long attempts(String key) {
        return count("MATCH (m:OutboxMessage {key: '%s'}) RETURN m.attempts".formatted(key));
    }

    private Instant nextAttemptAt(String key) {
        try (var session = this.driver.session()) {
            return session.executeRead(
                    tx -> tx.run("MATCH (m:OutboxMessage {key: $key}) RETURN m.nextAttemptAt", Map.of("key", key))
                        .single()
                        .get(0)
                        .asZonedDateTime()
                        .toInstant());
        }
    }

    private String lastError(String key) {
        try (var session = this.driver.session()) {
            return session
                .executeRead(tx -> tx.run("MATCH (m:OutboxMessage {key: $key}) RETURN m.lastError", Map.of("key", key))
                    .single()
                    .get(0)
                    .asString());
        }
    }

    /** What the stand-in for Grafana was sent. */
    record Received(String method, String path, String authorization, String contentType, Map<String, Object> body) {
    }

    /**
     * A local HTTP server in place of Grafana: records each request and answers with the
     * status the test sets.
     */
    final class FakeGrafana extends StandInServer {

        final List<Received> requests = new CopyOnWriteArrayList<>();

        FakeGrafana() {
            super("application/json", status -> (status == 200) ? "{\"id\":1,\"message\":\"Annotation added\"}"
                    : "{\"message\":\"Internal error\"}");
        }

        @Override
        void accepted(HttpExchange exchange, byte[] body) {
            @SuppressWarnings("unchecked")
            Map<String, Object> annotation = OutboxIT.this.json.readValue(new String(body, StandardCharsets.UTF_8),
                    Map.class);
            this.requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), annotation));
        }

    }

}
