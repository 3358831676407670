package io.appgraph.releases;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import io.appgraph.SignedWebhookClient;
import io.appgraph.SignedWebhookClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ApplicationEventMulticaster;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipelines' signed webhook over real HTTP: signatures, refusals, idempotency, events
 * out of order and at once, and what a recorded event publishes and enqueues.
 */
class PipelineEventsIT extends IntegrationTest {

    @Autowired
    ApplicationEventMulticaster multicaster;

    private Fixtures estate;

    private SignedWebhookClient pipeline;

    private RecordedReleaseEvents published;

    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
        this.estate.squad("payments").person("alice", "payments").app("payments-api", "payments", "alice");
        this.pipeline = SignedWebhookClient.pipeline(baseUrl(), PIPELINE_SECRET);
        this.published = new RecordedReleaseEvents(this.multicaster);
    }

    @AfterEach
    void stopRecording() {
        this.published.close();
    }

    // ------------------------------------------------------------------ signatures

    @Test
    void aSignedStartIsRecorded() {
        Answer answer = this.pipeline.post(started("run-1", "2026-03-02T10:00:00Z"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("externalId").asString()).isEqualTo("run-1");
        assertThat(answer.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(
                count("""
                        MATCH (r:Release {externalId: 'run-1', version: '2.4.0', commit: 'abc123', environment: 'prod',
                                          status: 'IN_PROGRESS', pipelineUrl: 'https://ci.example.com/runs/run-1'})
                              -[:OF]->(:App {name: 'payments-api'})
                        WHERE r.startedAt = datetime('2026-03-02T10:00:00Z') AND r.committedAt = datetime('2026-03-01T16:00:00Z')
                          AND EXISTS { (r)-[:TRIGGERED_BY]->(:Person {handle: 'alice'}) }
                        RETURN count(r)"""))
            .isEqualTo(1);
    }

    @Test
    void aWrongSignatureIsRefusedAndWritesNothing() {
        byte[] body = json(started("run-1", "2026-03-02T10:00:00Z"));
        List<String> before = this.estate.snapshot();

        Answer otherSecret = this.pipeline.post(body, "sha256=" + SignedWebhookClient.sign(body, "not-the-secret"));
        Answer otherBody = this.pipeline.post(body,
                "sha256=" + SignedWebhookClient.sign("{}".getBytes(StandardCharsets.UTF_8), PIPELINE_SECRET));
        Answer notHex = this.pipeline.post(body, "sha256=zz");
        Answer noPrefix = this.pipeline.post(body, SignedWebhookClient.sign(body, PIPELINE_SECRET));

        for (Answer answer : List.of(otherSecret, otherBody, notHex, noPrefix)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.error()).isEqualTo("Wrong signature");
            assertThat(answer.body()).doesNotContain(PIPELINE_SECRET);
        }
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aMissingSignatureIsRefused() {
        Answer answer = this.pipeline.post(json(started("run-1", "2026-03-02T10:00:00Z")), null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("Missing signature");
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isZero();
    }

    @Test
    void theSignatureIsOfTheRawBytesAsSent() {
        // Same JSON value, other bytes: whitespace and key order are part of what is
        // signed.
        byte[] body = """
                {  "externalId" : "run-1", "event":"started",
                   "app":"payments-api" }
                """.getBytes(StandardCharsets.UTF_8);

        Answer answer = this.pipeline.post(body,
                "sha256=" + SignedWebhookClient.sign(body, PIPELINE_SECRET).toUpperCase());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(count("MATCH (r:Release {externalId: 'run-1', environment: 'prod'}) RETURN count(r)")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413() {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');

        Answer answer = this.pipeline.postSigned(body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error()).isEqualTo("Request body too large");
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() {
        Answer answer = this.pipeline.postSigned("{\"event\": \"started\", ".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("Malformed JSON");
        assertThat(answer.json().get("details").size()).isEqualTo(1);
    }

    @Test
    void missingAndMistypedFieldsAreA400NamingEachOfThem() {
        Answer missing = this.pipeline.post(Map.of("event", "finished", "version", 3));
        Answer badValues = this.pipeline.post(Map.of("event", "finished", "app", "payments-api", "externalId", "run-1",
                "outcome", "exploded", "at", "yesterday"));
        Answer badKind = this.pipeline.post(Map.of("event", "paused", "app", "payments-api", "externalId", "run-1"));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("details").values()).extracting(JsonNode::asString)
            .containsExactlyInAnyOrder("version must be a string", "app is required", "externalId is required",
                    "outcome is required on finished: succeeded, failed or rolled_back");
        assertThat(badValues.status()).isEqualTo(400);
        assertThat(badValues.details())
            .contains("outcome must be succeeded, failed or rolled_back, was \\\"exploded\\\"")
            .contains("at must be an ISO-8601 date-time");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.details()).contains("event must be \\\"started\\\" or \\\"finished\\\"");
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isZero();
    }

    @Test
    void anUnknownAppIsA422NamingItAndWritesNothing() {
        List<String> before = this.estate.snapshot();

        Answer start = this.pipeline.post(Map.of("event", "started", "app", "no-such-app", "externalId", "run-1"));
        Answer finish = this.pipeline
            .post(Map.of("event", "finished", "app", "no-such-app", "externalId", "run-2", "outcome", "failed"));

        for (Answer answer : List.of(start, finish)) {
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.error()).isEqualTo("Unknown app");
            assertThat(answer.details()).contains("no-such-app");
        }
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aFinishBeforeTheStartIsRefusedWithNothingWritten() {
        this.pipeline.post(started("run-1", "2026-03-02T10:00:00Z"));
        List<String> before = this.estate.snapshot();

        Answer answer = this.pipeline.post(finished("run-1", "succeeded", "2026-03-02T09:59:59Z"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.details()).contains("finishedAt").contains("2026-03-02T10:00Z");
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void anotherAppOrAnotherOutcomeForTheSameRunIsAConflict() {
        this.estate.app("ledger");
        this.pipeline.post(started("run-1", "2026-03-02T10:00:00Z"));
        this.pipeline.post(finished("run-1", "succeeded", "2026-03-02T10:05:00Z"));
        List<String> before = this.estate.snapshot();

        Answer otherApp = this.pipeline.post(Map.of("event", "started", "app", "ledger", "externalId", "run-1"));
        Answer otherOutcome = this.pipeline.post(finished("run-1", "failed", "2026-03-02T10:06:00Z"));

        assertThat(otherApp.status()).isEqualTo(409);
        assertThat(otherApp.details()).contains("payments-api").contains("ledger");
        assertThat(otherOutcome.status()).isEqualTo(409);
        assertThat(otherOutcome.details()).contains("SUCCEEDED").contains("FAILED");
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ idempotency and
    // order

    @Test
    void replaysChangeNothingAndPublishNothing() {
        this.pipeline.post(started("run-1", "2026-03-02T10:00:00Z"));
        this.pipeline.post(finished("run-1", "succeeded", "2026-03-02T10:04:30Z"));
        List<String> before = this.estate.snapshot();

        Answer replayedStart = this.pipeline.post(started("run-1", "2026-03-02T10:00:07Z"));
        Answer replayedFinish = this.pipeline.post(finished("run-1", "succeeded", "2026-03-02T10:04:31Z"));

        assertThat(replayedStart.status()).isEqualTo(200);
        assertThat(replayedFinish.status()).isEqualTo(200);
        assertThat(replayedFinish.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(this.estate.snapshot()).isEqualTo(before);
        assertThat(this.published.summary()).containsExactly("STARTED run-1 IN_PROGRESS", "FINISHED run-1 SUCCEEDED");
        assertThat(count("MATCH (m:OutboxMessage) RETURN count(m)")).isEqualTo(2);
    }

    @Test
    void aFinishThatArrivesFirstWaitsForItsStartAndCompletesTheSameRelease() {
        Answer early = this.pipeline.post(finished("run-1", "rolled_back", "2026-03-02T10:09:00Z"));

        assertThat(early.status()).isEqualTo(200);
        assertThat(early.json().get("status").asString()).isEqualTo("WAITING_FOR_START");
        assertThat(this.published.events()).isEmpty();
        assertThat(count("MATCH (m:OutboxMessage) RETURN count(m)")).isZero();
        this.graphQl.documentName("Releases").execute().path("releases.totalCount").entity(Integer.class).isEqualTo(0);

        Answer start = this.pipeline.post(started("run-1", "2026-03-02T10:00:00Z"));

        assertThat(start.status()).isEqualTo(200);
        assertThat(start.json().get("status").asString()).isEqualTo("ROLLED_BACK");
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isEqualTo(1);
        assertThat(count("""
                MATCH (r:Release {externalId: 'run-1', status: 'ROLLED_BACK'})-[:OF]->(:App {name: 'payments-api'})
                WHERE r.startedAt = datetime('2026-03-02T10:00:00Z') AND r.finishedAt = datetime('2026-03-02T10:09:00Z')
                  AND r.pendingOutcome IS NULL AND r.pendingApp IS NULL
                RETURN count(r)""")).isEqualTo(1);
        assertThat(this.published.summary()).containsExactly("STARTED run-1 ROLLED_BACK", "FINISHED run-1 ROLLED_BACK");
        var page = this.graphQl.documentName("Releases").execute();
        page.path("releases.totalCount").entity(Integer.class).isEqualTo(1);
        page.path("releases.edges[0].node.durationSeconds").entity(Integer.class).isEqualTo(540);
    }

    @Test
    void aStartAfterAnEarlyFinishThatWouldEndBeforeItBeganIsRefused() {
        this.pipeline.post(finished("run-1", "succeeded", "2026-03-02T10:00:00Z"));
        List<String> before = this.estate.snapshot();

        Answer start = this.pipeline.post(started("run-1", "2026-03-02T10:30:00Z"));

        assertThat(start.status()).isEqualTo(400);
        assertThat(start.details()).contains("startedAt").contains("run-1");
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void sixteenSendersOfTheSameEventsMakeOneRelease() throws Exception {
        int senders = 16;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Answer> starts = all(pool, senders, i -> this.pipeline.post(started("run-1", "2026-03-02T10:00:00Z")));
            List<Answer> finishes = all(pool, senders,
                    i -> this.pipeline.post(finished("run-1", "failed", "2026-03-02T10:02:00Z")));
            // Starts and finishes of another run at once, in any order: one release
            // still.
            List<Answer> mixed = all(pool, senders, i -> this.pipeline.post((i % 2 == 0)
                    ? started("run-2", "2026-03-02T11:00:00Z") : finished("run-2", "failed", "2026-03-02T11:02:00Z")));

            assertThat(starts).extracting(Answer::status).containsOnly(200);
            assertThat(finishes).extracting(Answer::status).containsOnly(200);
            assertThat(mixed).extracting(Answer::status).containsOnly(200);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isEqualTo(2);
        assertThat(count("MATCH (r:Release {status: 'FAILED'})-[o:OF]->() RETURN count(o)")).isEqualTo(2);
        assertThat(count("MATCH (:Release)-[t:TRIGGERED_BY]->() RETURN count(t)")).isEqualTo(2);
        // Whether run-2 started before its finish arrived or after decides the status its
        // start was published with; one start and one finish either way.
        assertThat(this.published.events()).extracting(e -> e.kind() + " " + e.release().externalId())
            .containsExactlyInAnyOrder("STARTED run-1", "FINISHED run-1", "STARTED run-2", "FINISHED run-2");
        assertThat(this.published.events()).filteredOn(e -> e.kind() == ReleaseEventCommitted.Kind.FINISHED)
            .extracting(e -> e.release().status())
            .containsOnly(ReleaseStatus.FAILED);
        assertThat(count("MATCH (m:OutboxMessage) RETURN count(m)")).isEqualTo(4);
    }

    @Test
    void eventsSentTogetherAreEachDecidedOnTheirOwn() throws Exception {
        int senders = 16;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Answer> answers;
        try {
            // Every other sender names an app nobody registered: refused, while the
            // events that share a transaction with it are recorded.
            answers = all(pool, senders,
                    i -> this.pipeline.post((i % 2 == 0) ? started("run-" + i, "2026-03-02T10:00:00Z")
                            : Map.of("event", "started", "app", "nowhere-" + i, "externalId", "run-" + i)));
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(answers).extracting(Answer::status)
            .containsExactlyElementsOf(IntStream.range(0, senders).mapToObj(i -> (i % 2 == 0) ? 200 : 422).toList());
        assertThat(count("MATCH (r:Release)-[:OF]->(:App {name: 'payments-api'}) RETURN count(r)")).isEqualTo(8);
        // No trace of the refused runs: not even the node their lock created.
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isEqualTo(8);
        assertThat(count("MATCH (a:App) WHERE a.name STARTS WITH 'nowhere' RETURN count(a)")).isZero();
        assertThat(count("MATCH (d:ReleaseDay) RETURN sum(d.count)")).isEqualTo(8);
    }

    // ------------------------------------------------------------------ what a change
    // sends on

    @Test
    void eachChangeEnqueuesItsGrafanaAnnotationWithTheRelease() {
        this.pipeline.post(started("run-1", "2026-03-02T10:00:00+02:00"));
        this.pipeline.post(finished("run-1", "succeeded", "2026-03-02T08:04:30Z"));

        assertThat(outbox("release-started:run-1")).isEqualTo(Map.of("kind", "started", "app", "payments-api", "squad",
                "payments", "externalId", "run-1", "version", "2.4.0", "environment", "prod", "status", "IN_PROGRESS",
                "at", "2026-03-02T08:00:00Z", "pipelineUrl", "https://ci.example.com/runs/run-1"));
        assertThat(outbox("release-finished:run-1")).isEqualTo(Map.of("kind", "finished", "app", "payments-api",
                "squad", "payments", "externalId", "run-1", "version", "2.4.0", "environment", "prod", "status",
                "SUCCEEDED", "at", "2026-03-02T08:04:30Z", "pipelineUrl", "https://ci.example.com/runs/run-1"));
        assertThat(this.published.events()).extracting(ReleaseEventCommitted::squad).containsOnly("payments");
        assertThat(this.published.events().get(1).release().durationSeconds()).isEqualTo(270);
    }

    @Test
    void anAnnotationLeavesOutWhatTheEventDidNotSay() {
        this.estate.app("ledger");

        this.pipeline
            .post(Map.of("event", "started", "app", "ledger", "externalId", "run-9", "at", "2026-03-02T10:00:00Z"));

        assertThat(outbox("release-started:run-9")).isEqualTo(Map.of("kind", "started", "app", "ledger", "externalId",
                "run-9", "environment", "prod", "status", "IN_PROGRESS", "at", "2026-03-02T10:00:00Z"));
        assertThat(this.published.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(ReleaseEventCommitted.Kind.STARTED);
            assertThat(event.squad()).isNull();
            assertThat(event.release().appName()).isEqualTo("ledger");
        });
    }

    @Test
    void anUnknownTriggerIsNotLinked() {
        Map<String, Object> event = new HashMap<>(started("run-1", "2026-03-02T10:00:00Z"));
        event.put("triggeredBy", "somebody-else");

        assertThat(this.pipeline.post(event).status()).isEqualTo(200);
        assertThat(count("MATCH (:Release)-[t:TRIGGERED_BY]->() RETURN count(t)")).isZero();
        assertThat(count("MATCH (p:Person) RETURN count(p)")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> outbox(String key) {
        try (var session = this.driver.session()) {
            String payload = session.executeRead(
                    tx -> tx
                        .run("MATCH (m:OutboxMessage {destination: 'grafana', key: $key}) RETURN m.payload AS payload",
                                Map.of("key", key))
                        .single()
                        .get("payload")
                        .asString());
            @SuppressWarnings("unchecked")
            Map<String, Object> map = SignedWebhookClient.JSON.readValue(payload, Map.class);
            return map;
        }
    }

    private static List<Answer> all(ExecutorService pool, int senders, IntFunction<Answer> send) throws Exception {
        CountDownLatch ready = new CountDownLatch(senders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            int sender = i;
            answers.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return send.apply(sender);
            }));
        }
        ready.await(30, TimeUnit.SECONDS);
        go.countDown();
        List<Answer> done = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            done.add(answer.get(120, TimeUnit.SECONDS));
        }
        return done;
    }

    private static Map<String, Object> started(String externalId, String at) {
        return Map.of("event", "started", "app", "payments-api", "externalId", externalId, "version", "2.4.0", "commit",
                "abc123", "pipelineUrl", "https://ci.example.com/runs/" + externalId, "at", at, "triggeredBy", "alice",
                "committedAt", "2026-03-01T16:00:00Z");
    }

    private static Map<String, Object> finished(String externalId, String outcome, String at) {
        return Map.of("event", "finished", "app", "payments-api", "externalId", externalId, "outcome", outcome, "at",
                at);
    }

    private static byte[] json(Map<String, Object> event) {
        return SignedWebhookClient.JSON.writeValueAsBytes(event);
    }

}
