package io.appgraph.alerts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.appgraph.ExternalNeo4j;
import io.appgraph.Fixtures;
import io.appgraph.notify.OutboxRounds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert bot end to end, with real neighbours: a real Alertmanager (Debian's) posts
 * its webhook to appgraph, appgraph posts to a local stand-in for Slack's Web API, button
 * clicks arrive signed as Slack signs them, and silences land in that Alertmanager. The
 * database is an external Neo4j behind a proxy the test can cut. Outbox rounds run when
 * the test says; waits are for Alertmanager's group timers, never asserted on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = { "appgraph.demo.enabled=false", "appgraph.outbox.enabled=false",
                "appgraph.ownership.sweep-enabled=false", "appgraph.webhooks.alertmanager-token=" + AlertBotIT.TOKEN,
                "appgraph.slack.bot-token=xoxb-test-token", "appgraph.slack.signing-secret=" + AlertBotIT.SIGNING,
                "appgraph.slack.default-channel=#estate-alerts",
                "appgraph.portal.base-url=https://appgraph.example.com", "spring.neo4j.max-transaction-retry-time=1s",
                "spring.neo4j.connection-timeout=2s", "logging.level.io.appgraph.platform.GraphQlErrors=OFF" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertBotIT {

    static final String TOKEN = "bot-it-alertmanager-token";

    static final String SIGNING = "bot-it-signing-secret";

    private static final int PORT = AlertmanagerProcess.freePort();

    private static final FakeSlackApi slack = new FakeSlackApi();

    private static ExternalNeo4j database;

    private static AlertmanagerProcess alertmanager;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    Driver driver;

    @Autowired
    ApplicationContext context;

    private HttpGraphQlTester graphQl;

    @DynamicPropertySource
    static void neighbours(DynamicPropertyRegistry registry) {
        database = ExternalNeo4j.start();
        slack.start();
        alertmanager = AlertmanagerProcess.start(PORT, TOKEN);
        registry.add("server.port", () -> PORT);
        registry.add("spring.neo4j.uri", database::uri);
        registry.add("appgraph.slack.api-url", slack::apiUrl);
        registry.add("appgraph.alertmanager.url", alertmanager::url);
    }

    @AfterAll
    static void stopNeighbours() {
        alertmanager.close();
        slack.stop();
    }

    @BeforeEach
    void estate() {
        database.restore();
        slack.status.set(200);
        slack.calls.clear();
        slack.emails.clear();
        try (var session = this.driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (n) WHERE NOT n:__Migration DETACH DELETE n"));
        }
        new Fixtures(this.driver).person("olga.ops")
            .squad("payments", null, "olga.ops")
            .person("ann", "payments")
            .person("paul", "payments")
            .squadApps("payments", "ann", "checkout", "payments-api")
            .app("web")
            .dependsOn("checkout", "payments-api")
            .dependsOn("web", "checkout");
        this.graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + PORT + "/graphql")
            .responseTimeout(Duration.ofSeconds(30))
            .build());
    }

    @Test
    void anAlertReachesTheSquadChannelAndIsTakenOnSilencedAndResolvedFromSlack() {
        Instant now = Instant.now();
        release("checkout", "run-77", now.minus(14, ChronoUnit.MINUTES), now.minus(12, ChronoUnit.MINUTES));
        Map<String, String> labels = Map.of("alertname", "CheckoutErrors", "app", "checkout", "severity", "critical",
                "namespace", "shop", "pod", "checkout-5f7c-q2x");
        Instant startsAt = now.minus(2, ChronoUnit.MINUTES);
        alertmanager.fire(labels, Map.of("summary", "5% of checkout requests fail"), startsAt, null);
        await("Alertmanager's notification to be stored",
                () -> count("MATCH (a:Alert {status: 'FIRING'}) RETURN count(a)") == 1);

        assertThat(OutboxRounds.deliver(this.context)).as("delivered, failed, released, expired")
            .containsExactly(1, 0, 0, 0);
        List<FakeSlackApi.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(2);
        FakeSlackApi.Call message = posts.get(0);
        assertThat(message.authorization()).isEqualTo("Bearer xoxb-test-token");
        assertThat(message.form().get("channel")).isEqualTo("#payments");
        assertThat(message.form().get("text"))
            .isEqualTo("FIRING: CheckoutErrors on checkout, owner ann, squad payments");
        assertThat(message.text()).contains("🔥 FIRING: CheckoutErrors on checkout", "*5% of checkout requests fail*",
                "*App*\n<https://appgraph.example.com/apps/checkout|checkout>", "*Squad*\npayments (#payments)",
                "*Owner*\nAnn (ann)", "*Ops buddy*\nOlga Ops (olga.ops)", "*Blast radius*\n1 app depends on checkout",
                "*Where*\n`shop / checkout-5f7c-q2x`", "Nobody has taken it on yet", "I'm on it", "Silence 1 h");
        FakeSlackApi.Call reply = posts.get(1);
        assertThat(reply.form().get("channel")).isEqualTo("CPAYMENTS");
        assertThat(reply.form().get("thread_ts")).isEqualTo(ts(message));
        assertThat(reply.form().get("text"))
            .startsWith("🔎 *Released shortly before this alert started:*\n• *checkout* `2.4.1`, commit `abc123def456`")
            .contains("released 12 minutes ago", "started 12 minutes before the alert",
                    "<https://ci.example.com/runs/run-77|pipeline>");
        String group = buttonValue(message, AlertBlocks.ACKNOWLEDGE);

        slack.emails.put("U-PAUL", "Paul@Example.com");
        assertThat(click("U-PAUL", AlertBlocks.ACKNOWLEDGE, group, Instant.now(), SIGNING)).isEqualTo(200);
        this.graphQl.document("{ alerts { acknowledgedBy { handle } } }")
            .execute()
            .path("alerts[0].acknowledgedBy.handle")
            .entity(String.class)
            .isEqualTo("paul");
        assertThat(OutboxRounds.deliver(this.context)).containsExactly(1, 0, 0, 0);
        FakeSlackApi.Call owned = last("chat.update");
        assertThat(owned.form().get("ts")).isEqualTo(ts(message));
        assertThat(owned.form().get("channel")).isEqualTo("CPAYMENTS");
        assertThat(owned.text()).contains("👤 Owned by *Paul (paul)*", "Silence 1 h").doesNotContain("I'm on it");

        slack.emails.put("U-ANN", "ann@example.com");
        assertThat(click("U-ANN", AlertBlocks.ACKNOWLEDGE, group, Instant.now(), SIGNING)).isEqualTo(200);
        assertThat(last("response").form().get("json")).contains("paul is already on it.", "ephemeral");

        alertmanager.fire(labels, Map.of("summary", "5% of checkout requests fail"), startsAt, Instant.now());
        await("the resolved notification", () -> count("MATCH (a:Alert {status: 'RESOLVED'}) RETURN count(a)") == 1);
        OutboxRounds.deliver(this.context);
        FakeSlackApi.Call resolved = last("chat.update");
        assertThat(resolved.text()).contains("✅ RESOLVED: CheckoutErrors on checkout", "Resolved ")
            .doesNotContain("Silence 1 h");
        assertThat(slack.calls("chat.postMessage")).as("updated in place, never posted again").hasSize(2);

        // Silenced in Alertmanager, an alert's resolution is not notified until the
        // silence ends: a second alert shows the silence button.
        Map<String, String> latency = Map.of("alertname", "CheckoutLatency", "app", "checkout", "severity", "warning");
        alertmanager.fire(latency, Map.of(), Instant.now(), null);
        await("the second alert", () -> count("MATCH (a:Alert {name: 'CheckoutLatency'}) RETURN count(a)") == 1);
        OutboxRounds.deliver(this.context);
        String second = buttonValue(slack.calls("chat.postMessage").get(2), AlertBlocks.SILENCE_HOUR);
        assertThat(click("U-ANN", AlertBlocks.SILENCE_HOUR, second, Instant.now(), SIGNING)).isEqualTo(200);
        List<JsonNode> silences = alertmanager.silences()
            .valueStream()
            .filter(candidate -> candidate.get("createdBy").asString().equals("ann"))
            .toList();
        assertThat(silences).hasSize(1);
        JsonNode silence = silences.get(0);
        assertThat(silence.get("status").get("state").asString()).isEqualTo("active");
        assertThat(silence.get("createdBy").asString()).isEqualTo("ann");
        assertThat(silence.get("comment").asString()).isEqualTo("Silenced from Slack by ann");
        assertThat(silence.get("matchers")
            .valueStream()
            .map(m -> m.get("name").asString() + "=" + m.get("value").asString()))
            .contains("alertname=CheckoutLatency", "app=checkout");
        Duration length = Duration.between(Instant.parse(silence.get("startsAt").asString()),
                Instant.parse(silence.get("endsAt").asString()));
        assertThat(length.toMinutes()).isBetween(59L, 60L);
        OutboxRounds.deliver(this.context);
        assertThat(last("chat.update").text()).contains("🔕 Silenced until", "by Ann (ann)")
            .doesNotContain("Silence 1 h");

    }

    @Test
    void forgedStaleAndUnsignedClicksAreRefused() {
        slack.emails.put("U-ANN", "ann@example.com");
        assertThat(click("U-ANN", AlertBlocks.ACKNOWLEDGE, "g", Instant.now(), "not-the-secret")).isEqualTo(401);
        assertThat(click("U-ANN", AlertBlocks.ACKNOWLEDGE, "g", Instant.now().minus(6, ChronoUnit.MINUTES), SIGNING))
            .isEqualTo(401);
        assertThat(post("/api/slack/interactions", "payload=%7B%7D", Map.of()).statusCode()).isEqualTo(401);
        String body = "command=%2Fdeploy";
        String at = String.valueOf(Instant.now().getEpochSecond());
        assertThat(post("/api/slack/interactions", body,
                Map.of("X-Slack-Request-Timestamp", at, "X-Slack-Signature", sign(at, body, SIGNING)))
            .statusCode()).isEqualTo(400);
        assertThat(slack.calls("users.info")).isEmpty();
    }

    @Test
    void silenceAlertCreatesExactlyThatSilenceAndAlertmanagersRefusalIsAUserError() {
        deliver(AlertmanagerPayloads.notification("{}:{alertname=\"Slow\"}",
                AlertmanagerPayloads.alert("fp-slow", "firing",
                        Map.of("alertname", "Slow", "app", "payments-api", "severity", "warning"),
                        Instant.now().toString(), null, Map.of())));

        GraphQlTester.Response silenced = silence("fp-slow", 30, "paul", "rolling back 2.4.1");
        silenced.path("silenceAlert.errors").entityList(Object.class).hasSize(0);
        String id = silenced.path("silenceAlert.silenceId").entity(String.class).get();
        silenced.path("silenceAlert.alert.silencedBy.handle").entity(String.class).isEqualTo("paul");
        JsonNode silence = alertmanager.silence(id);
        assertThat(silence.get("createdBy").asString()).isEqualTo("paul");
        assertThat(silence.get("comment").asString()).isEqualTo("rolling back 2.4.1");
        assertThat(silence.get("matchers")
            .valueStream()
            .map(m -> m.get("name").asString() + "=" + m.get("value").asString() + " " + m.get("isRegex").asBoolean()
                    + " " + m.get("isEqual").asBoolean()))
            .containsExactlyInAnyOrder("alertname=Slow false true", "app=payments-api false true",
                    "severity=warning false true");
        assertThat(Duration
            .between(Instant.parse(silence.get("startsAt").asString()), Instant.parse(silence.get("endsAt").asString()))
            .toMinutes()).isBetween(29L, 30L);

        deliver(AlertmanagerPayloads.notification("{}:{alertname=\"Odd\"}",
                AlertmanagerPayloads.alert("fp-odd", "firing",
                        Map.of("alertname", "Odd", "app", "checkout", "bad-label", "x"), Instant.now().toString(), null,
                        Map.of())));
        GraphQlTester.Response refused = silence("fp-odd", 30, "paul", null);
        refused.path("silenceAlert.silenceId").valueIsNull();
        refused.path("silenceAlert.errors[0].code").entity(String.class).isEqualTo("INVALID");
        refused.path("silenceAlert.errors[0].message")
            .entity(String.class)
            .satisfies(message -> assertThat(message).startsWith("Alertmanager refused the silence (400): ")
                .contains("bad-label"));
    }

    @Test
    void aSlackOutageDelaysTheMessageAndLosesNothingAcrossARestart() {
        deliver(AlertmanagerPayloads.notification("{}:{alertname=\"Down\"}", AlertmanagerPayloads.alert("fp-down",
                "firing", Map.of("alertname", "Down", "app", "web"), Instant.now().toString(), null, Map.of())));
        slack.status.set(503);
        int[] failed = OutboxRounds.deliver(this.context);
        assertThat(failed[0]).as("delivered").isZero();
        assertThat(failed[1]).as("failed").isEqualTo(1);
        assertThat(count("MATCH (m:OutboxMessage {destination: 'slack-alerts', attempts: 1}) "
                + "WHERE m.lastError = \"Slack's chat.postMessage answered 503\" RETURN count(m)"))
            .isEqualTo(1);

        // Slack recovers while this instance is gone: a new instance, started on the same
        // database, delivers the message on its own schedule.
        slack.status.set(200);
        try (ConfigurableApplicationContext restarted = database.appgraph("--appgraph.outbox.poll-interval=200ms",
                "--appgraph.ownership.sweep-enabled=false", "--appgraph.slack.bot-token=xoxb-test-token",
                "--appgraph.slack.api-url=" + slack.apiUrl(), "--appgraph.slack.default-channel=#estate-alerts")) {
            await("the new instance to deliver after the backoff",
                    () -> slack.calls("chat.postMessage")
                        .stream()
                        .anyMatch(c -> c.form().get("text").startsWith("No release of web")));
        }
        List<FakeSlackApi.Call> posts = slack.calls("chat.postMessage")
            .stream()
            .filter(c -> c.form().get("text").contains("Down on web")
                    || c.form().get("text").contains("release of web"))
            .toList();
        assertThat(posts).extracting(c -> c.form().get("channel"))
            .as("web has no squad: the default channel; then the no-suspects reply in its thread")
            .containsExactly("#estate-alerts", "CESTATE-ALERTS");
        assertThat(posts.get(1).form().get("text"))
            .isEqualTo("No release of web or of the apps it calls started in the 30 minutes before this alert.");
    }

    @Test
    void whileTheDatabaseIsDownAlertmanagerGets503AndItsRetryLandsTheAlert() {
        database.cut();
        AlertmanagerPayloads.Answer answer = AlertmanagerPayloads.post("http://localhost:" + PORT, TOKEN,
                AlertmanagerPayloads.notification("g", AlertmanagerPayloads.alert("fp-x", "firing",
                        Map.of("alertname", "X", "app", "web"), Instant.now().toString(), null, Map.of())));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().get("error").asString()).isEqualTo("Database unavailable");

        alertmanager.fire(Map.of("alertname", "WhileDown", "app", "checkout"), Map.of(), Instant.now(), null);
        AlertmanagerProcess.sleep(3000);
        database.restore();
        await("Alertmanager's retry to land", () -> count("MATCH (a:Alert {name: 'WhileDown'}) RETURN count(a)") == 1);
        assertThat(count("MATCH (a:Alert {name: 'X'}) RETURN count(a)")).isZero();
    }

    private GraphQlTester.Response silence(String fingerprint, int minutes, String by, String comment) {
        return this.graphQl.document("""
                mutation($fingerprint: String!, $minutes: Int!, $by: String!, $comment: String) {
                  silenceAlert(input: {fingerprint: $fingerprint, minutes: $minutes, by: $by, comment: $comment}) {
                    silenceId alert { silencedBy { handle } silencedUntil } errors { code message } } }""")
            .variable("fingerprint", fingerprint)
            .variable("minutes", minutes)
            .variable("by", by)
            .variable("comment", comment)
            .execute();
    }

    private void release(String app, String run, Instant startedAt, Instant finishedAt) {
        this.graphQl.document(
                """
                        mutation($app: String!, $run: String!, $at: DateTime!, $done: DateTime!) {
                          s: startRelease(input: {app: $app, externalId: $run, version: "2.4.1", commit: "abc123def4567890",
                                               pipelineUrl: "https://ci.example.com/runs/run-77", startedAt: $at}) { errors { message } }
                          f: finishRelease(input: {externalId: $run, outcome: SUCCEEDED, finishedAt: $done}) { errors { message } } }""")
            .variable("app", app)
            .variable("run", run)
            .variable("at", startedAt.toString())
            .variable("done", finishedAt.toString())
            .execute()
            .path("s.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    private void deliver(Map<String, Object> payload) {
        assertThat(AlertmanagerPayloads.post("http://localhost:" + PORT, TOKEN, payload).status()).isEqualTo(200);
    }

    private int click(String user, String action, String group, Instant at, String secret) {
        String payload = AlertmanagerPayloads.JSON.writeValueAsString(Map.of("type", "block_actions", "user",
                Map.of("id", user, "username", user.toLowerCase()), "response_url", slack.responseUrl(), "actions",
                List.of(Map.of("type", "button", "action_id", action, "block_id", "b1", "value", group, "action_ts",
                        "1700000000.1")),
                "container", Map.of("type", "message"), "channel", Map.of("id", "CPAYMENTS")));
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        String timestamp = String.valueOf(at.getEpochSecond());
        return post("/api/slack/interactions", body,
                Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", sign(timestamp, body, secret)))
            .statusCode();
    }

    // Slack's v0 signature, computed here independently of the SDK that verifies it.
    private static String sign(String timestamp, String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of()
                .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    // The message's id, as Slack answered and appgraph kept it.
    private String ts(FakeSlackApi.Call message) {
        try (var session = this.driver.session()) {
            return session.executeRead(tx -> tx.run("MATCH (g:AlertGroup) WHERE g.slackTs IS NOT NULL RETURN g.slackTs")
                .single()
                .get(0)
                .asString());
        }
    }

    private static FakeSlackApi.Call last(String method) {
        List<FakeSlackApi.Call> calls = slack.calls(method);
        assertThat(calls).as(method + " calls").isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    private static String buttonValue(FakeSlackApi.Call message, String actionId) {
        for (JsonNode block : message.blocks()) {
            if (block.get("type").asString().equals("actions")) {
                for (JsonNode element : block.get("elements")) {
                    if (element.has("action_id") && element.get("action_id").asString().equals(actionId)) {
                        return element.get("value").asString();
                    }
                }
            }
        }
        throw new AssertionError("No button " + actionId + " in " + message.form().get("blocks"));
    }

    private long count(String query) {
        try (var session = this.driver.session()) {
            return session.executeRead(tx -> tx.run(query).single().get(0).asLong());
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited 30 s for " + what);
            }
            AlertmanagerProcess.sleep(200);
        }
    }

}
