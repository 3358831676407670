package io.appgraph.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.PortalProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ownership notices from the alert to the message in Slack: a leaver recorded over
 * GraphQL, the outbox delivering to a local HTTP server standing in for Slack's incoming
 * webhooks. Delivery rounds run on a clock the test moves: no test waits for a timer.
 */
class SlackNoticesIT extends IntegrationTest {

    private static final String PORTAL = "https://appgraph.example.com";

    @Autowired
    Cypher cypher;

    @Autowired
    JsonMapper json;

    @Autowired
    Outbox outbox;

    private final FakeSlack slack = new FakeSlack();

    private TestClock clock;

    @BeforeEach
    void estate() {
        this.slack.start(0);
        new Fixtures(this.driver).person("olga.ops")
            .squad("payments", null, "olga.ops")
            .squad("search")
            .person("ann", "payments", "search")
            .person("bob", "payments")
            .squadApps("payments", "ann", "checkout")
            .squadApps("search", "ann", "indexer");
        this.clock = null;
    }

    @AfterEach
    void stopSlack() {
        this.slack.stop();
    }

    @Test
    void eachNewAlertReachesTheSquadsOwnWebhookAsABlockKitMessage() {
        setSquadWebhook("payments", this.slack.url("/payments-hook")).path("upsertSquad.errors")
            .entityList(Object.class)
            .hasSize(0);
        recordLeaver("ann");
        OutboxWorker worker = worker(this.slack.url("/estate-hook"));

        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(2, 0, 0, 0));

        assertThat(this.slack.received).extracting(Received::path)
            .containsExactlyInAnyOrder("/payments-hook", "/estate-hook");
        JsonNode message = this.slack.received.stream()
            .filter(r -> r.path().equals("/payments-hook"))
            .findFirst()
            .orElseThrow()
            .body();
        assertThat(message.get("text").asString()).isEqualTo("checkout needs a new owner: ann has left");
        JsonNode blocks = message.get("blocks");
        assertThat(blocks.valueStream().map(b -> b.get("type").asString()).toList()).containsExactly("header",
                "section", "section", "actions", "context");
        assertThat(blocks.get(0).get("text").get("text").asString()).isEqualTo("checkout: owner has left");
        assertThat(blocks.get(1).get("text").get("type").asString()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).get("text").get("text").asString())
            .isEqualTo("*<https://appgraph.example.com/apps/checkout|checkout>* needs a new owner: its owner *Ann* "
                    + "(`ann`) has left.\nSquad: *payments* (#payments)");
        assertThat(blocks.get(2).get("text").get("text").asString())
            .isEqualTo("*Suggested owners:*\n• `bob` (member of the squad)\n• `olga.ops` (the squad's ops buddy)");
        JsonNode button = blocks.get(3).get("elements").get(0);
        assertThat(button.get("type").asString()).isEqualTo("button");
        assertThat(button.get("url").asString()).isEqualTo(PORTAL + "/apps/checkout");
        assertThat(button.get("text").get("text").asString()).isEqualTo("Open checkout in appgraph");

        this.clock.advance(Duration.ofHours(1));
        recordLeaver("ann");
        assertThat(worker.deliverDue()).as("a replayed leaver sends nothing again")
            .isEqualTo(new OutboxWorker.Round(0, 0, 0, 0));
        assertThat(this.slack.received).hasSize(2);
    }

    @Test
    void aCostAlertReachesItsSquadWithALinkToItsCostPage() {
        setSquadWebhook("payments", this.slack.url("/payments-hook"));
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("notice", "cost-alert");
        payload.put("alertId", "a-1");
        payload.put("kind", "COST_UP");
        payload.put("squad", "payments");
        payload.put("slackChannel", "#payments");
        payload.put("app", null);
        payload.put("message", "payments's apps cost 62 % more in the 7 days to 2026-11-27 than the 7 before");
        this.cypher.write(tx -> {
            this.outbox.enqueue(tx, Outbox.SLACK, "cost-alert:a-1", payload);
            return null;
        });

        assertThat(worker(null).deliverDue()).isEqualTo(new OutboxWorker.Round(1, 0, 0, 0));

        JsonNode message = this.slack.received.get(0).body();
        assertThat(this.slack.received.get(0).path()).isEqualTo("/payments-hook");
        assertThat(message.get("text").asString()).isEqualTo("Cost up week on week: " + payload.get("message"));
        JsonNode blocks = message.get("blocks");
        assertThat(blocks.get(0).get("text").get("text").asString()).isEqualTo("Cost up week on week: payments");
        assertThat(blocks.get(1).get("text").get("text").asString())
            .isEqualTo(payload.get("message") + "\nSquad: *payments* (#payments)");
        assertThat(blocks.get(2).get("elements").get(0).get("url").asString())
            .isEqualTo(PORTAL + "/squads/payments/cost");
    }

    @Test
    void theWebhookIsWriteOnlyAndMustBeHttps() {
        String hook = this.slack.url("/payments-hook-secret-path");
        String written = setSquadWebhook("payments", hook).returnResponse().toString();
        String read = this.graphQl.document("{ squad(name: \"payments\") { name description slackChannel } }")
            .execute()
            .returnResponse()
            .toString();

        assertThat(written).doesNotContain("secret-path");
        assertThat(read).doesNotContain("secret-path");
        assertThat(count("MATCH (s:Squad {name: 'payments'}) WHERE s.slackWebhookUrl = '" + hook + "' RETURN count(s)"))
            .isEqualTo(1);

        GraphQlTester.Response refused = setSquadWebhook("payments",
                "http://hooks.slack.example.com/services/T0/B0/xyz");
        refused.path("upsertSquad.errors[0].code").entity(String.class).isEqualTo("INVALID");
        refused.path("upsertSquad.errors[0].message")
            .entity(String.class)
            .satisfies(message -> assertThat(message).doesNotContain("xyz").contains("https"));
        assertThat(count("MATCH (s:Squad {name: 'payments'}) WHERE s.slackWebhookUrl = '" + hook + "' RETURN count(s)"))
            .as("the refused change wrote nothing")
            .isEqualTo(1);
    }

    @Test
    void withNoWebhookAnywhereTheNoticeIsDroppedNotRetried() {
        recordLeaver("ann");
        OutboxWorker worker = worker(null);

        assertThat(worker.deliverDue()).isEqualTo(new OutboxWorker.Round(2, 0, 0, 0));
        assertThat(this.slack.received).isEmpty();
        assertThat(count(
                "MATCH (m:OutboxMessage {destination: 'slack'}) WHERE m.deliveredAt IS NOT NULL " + "RETURN count(m)"))
            .isEqualTo(2);
    }

    @Test
    void whileSlackIsDownNoticesWaitAndAfterARestartEachArrivesOnce() {
        String estateHook = this.slack.url("/estate-hook");
        recordLeaver("ann");
        OutboxWorker before = worker(estateHook);

        // Slack answers 500, then is not there at all: deliveries fail and back off.
        this.slack.status.set(500);
        assertThat(before.deliverDue()).isEqualTo(new OutboxWorker.Round(0, 1, 1, 0));
        assertThat(lastErrors()).containsExactly("Slack answered 500");
        int port = this.slack.port();
        this.slack.stop();
        this.clock.advance(Duration.ofSeconds(1));
        assertThat(before.deliverDue()).isEqualTo(new OutboxWorker.Round(0, 1, 1, 0));
        assertThat(lastErrors())
            .allSatisfy(error -> assertThat(error).doesNotContain("estate-hook").doesNotContain(String.valueOf(port)));
        assertThat(lastErrors()).contains("Slack could not be reached: ConnectException");
        assertThat(count(
                "MATCH (m:OutboxMessage {destination: 'slack'}) WHERE m.deliveredAt IS NULL " + "RETURN count(m)"))
            .isEqualTo(2);

        // appgraph restarts (a new worker and sender; all they know is in the graph),
        // Slack is back: each notice arrives, once.
        this.slack.start(port);
        this.slack.status.set(200);
        OutboxWorker after = worker(estateHook);
        List<OutboxWorker.Round> rounds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            this.clock.advance(Duration.ofSeconds(1));
            rounds.add(after.deliverDue());
        }
        assertThat(rounds).extracting(OutboxWorker.Round::failed).containsOnly(0);
        assertThat(rounds.stream().mapToInt(OutboxWorker.Round::delivered).sum()).isEqualTo(2);
        assertThat(this.slack.received).extracting(r -> r.body().get("text").asString())
            .containsExactlyInAnyOrder("checkout needs a new owner: ann has left",
                    "indexer needs a new owner: ann has left");
    }

    // The first worker's clock starts just after the notices were enqueued, at the wall
    // clock's now; a worker made after a "restart" goes on with the same clock.
    private OutboxWorker worker(String estateWebhook) {
        if (this.clock == null) {
            this.clock = new TestClock(Instant.now().plusSeconds(1));
        }
        SlackNotices sender = new SlackNotices(new SlackProperties(estateWebhook, Duration.ofSeconds(5)),
                new PortalProperties(PORTAL + "/", true), this.cypher);
        return new OutboxWorker(
                this.cypher, this.json, List.of(sender), new OutboxProperties(true, Duration.ofSeconds(2), 20,
                        Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofDays(7)),
                this.clock);
    }

    private GraphQlTester.Response setSquadWebhook(String squad, String url) {
        return this.graphQl.document(
                """
                        mutation($input: SquadInput!) { upsertSquad(input: $input) { squad { name } errors { code message } } }""")
            .variable("input", Map.of("name", squad, "slackWebhookUrl", url))
            .execute();
    }

    private void recordLeaver(String handle) {
        this.graphQl.documentName("RecordLeaver")
            .variable("input", Map.of("handle", handle))
            .execute()
            .path("recordLeaver.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    private List<String> lastErrors() {
        try (var session = this.driver.session()) {
            return session.executeRead(tx -> tx
                .run("MATCH (m:OutboxMessage {destination: 'slack'}) WHERE m.lastError IS NOT NULL RETURN m.lastError")
                .list(r -> r.get(0).asString()));
        }
    }

    /** What the stand-in for Slack was sent. */
    record Received(String path, String contentType, JsonNode body) {
    }

    /**
     * A local HTTP server in place of Slack's incoming webhooks: records each accepted
     * post and answers with the status the test sets.
     */
    final class FakeSlack extends StandInServer {

        final List<Received> received = new CopyOnWriteArrayList<>();

        FakeSlack() {
            super("text/html", status -> (status == 200) ? "ok" : "internal_error");
        }

        @Override
        void accepted(HttpExchange exchange, byte[] body) {
            this.received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    SlackNoticesIT.this.json.readTree(new String(body, StandardCharsets.UTF_8))));
        }

    }

}
