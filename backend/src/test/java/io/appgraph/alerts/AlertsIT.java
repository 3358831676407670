package io.appgraph.alerts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import io.appgraph.alerts.AlertmanagerPayloads.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static io.appgraph.alerts.AlertmanagerPayloads.alert;
import static io.appgraph.alerts.AlertmanagerPayloads.notification;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alertmanager's webhook into the graph and back out through GraphQL: alerts on their
 * apps with what on-call needs, repeated and late deliveries, unmatched apps, bad input,
 * acknowledgement, suspects and time to restore. Without Slack configured nothing is
 * enqueued (see AlertBotIT for Slack and a real Alertmanager).
 */
class AlertsIT extends IntegrationTest {

    private static final Map<String, String> CHECKOUT_ERRORS = Map.of("alertname", "HighErrorRate", "app", "checkout",
            "severity", "critical", "namespace", "shop", "pod", "checkout-7d9f-x2k", "container", "app");

    @BeforeEach
    void estate() {
        new Fixtures(this.driver).person("olga.ops")
            .squad("payments", null, "olga.ops")
            .person("ann", "payments")
            .person("bob", "payments")
            .leaver("lea", "payments")
            .squadApps("payments", "ann", "checkout", "payments-api")
            .app("web")
            .app("mobile")
            .app("admin")
            .dependsOn("checkout", "payments-api")
            .dependsOn("web", "checkout")
            .dependsOn("mobile", "web")
            .dependsOn("admin", "payments-api")
            .run("MATCH (a:App {name: 'checkout'}) SET a.runbookUrl = 'https://runbooks.example.com/checkout'",
                    Map.of());
    }

    @Test
    void aFiringAlertIsStoredOnItsAppWithWhatOnCallNeeds() {
        Answer answer = deliver(notification("{}:{alertname=\"HighErrorRate\"}",
                alert("fp-1", "firing", CHECKOUT_ERRORS, "2026-11-28T09:00:00Z", null,
                        Map.of("summary", "5% of checkout requests fail", "description", "HTTP 5xx above 5%"))));

        assertThat(answer.status()).isEqualTo(200);
        GraphQlTester.Response response = this.graphQl.document("""
                { alerts(status: FIRING) { fingerprint name severity status startsAt endsAt summary runbookUrl
                    namespace pod container matched appLabel blastRadiusSize
                    app { name owner { handle active } squad { name slackChannel buddy { handle } } }
                    labels { name value } acknowledgedBy { handle } } }""").execute();
        response.path("alerts[*].fingerprint").entityList(String.class).containsExactly("fp-1");
        response.path("alerts[0].name").entity(String.class).isEqualTo("HighErrorRate");
        response.path("alerts[0].severity").entity(String.class).isEqualTo("critical");
        response.path("alerts[0].status").entity(String.class).isEqualTo("FIRING");
        response.path("alerts[0].startsAt").entity(String.class).isEqualTo("2026-11-28T09:00:00.000Z");
        response.path("alerts[0].endsAt").valueIsNull();
        response.path("alerts[0].summary").entity(String.class).isEqualTo("5% of checkout requests fail");
        response.path("alerts[0].runbookUrl").entity(String.class).isEqualTo("https://runbooks.example.com/checkout");
        response.path("alerts[0].pod").entity(String.class).isEqualTo("checkout-7d9f-x2k");
        response.path("alerts[0].container").entity(String.class).isEqualTo("app");
        response.path("alerts[0].matched").entity(Boolean.class).isEqualTo(true);
        response.path("alerts[0].appLabel").entity(String.class).isEqualTo("checkout");
        response.path("alerts[0].blastRadiusSize").entity(Integer.class).isEqualTo(2);
        response.path("alerts[0].app.owner.handle").entity(String.class).isEqualTo("ann");
        response.path("alerts[0].app.squad.slackChannel").entity(String.class).isEqualTo("#payments");
        response.path("alerts[0].app.squad.buddy.handle").entity(String.class).isEqualTo("olga.ops");
        response.path("alerts[0].labels[*].name")
            .entityList(String.class)
            .containsExactly("alertname", "app", "container", "namespace", "pod", "severity");
        response.path("alerts[0].acknowledgedBy").valueIsNull();

        this.graphQl.document("{ app(name: \"checkout\") { alerts(status: FIRING) { fingerprint } } }")
            .execute()
            .path("app.alerts[*].fingerprint")
            .entityList(String.class)
            .containsExactly("fp-1");
        this.graphQl.document("{ dependencyGraph { nodes { name alerting } } }")
            .execute()
            .path("dependencyGraph.nodes[?(@.alerting == true)].name")
            .entityList(String.class)
            .containsExactly("checkout");
        assertThat(count("MATCH (m:OutboxMessage) RETURN count(m)")).as("no Slack configured: nothing to send")
            .isZero();
    }

    @Test
    void repeatedLateAndRefiringDeliveriesDoNoHarm() {
        Map<String, Object> firing = alert("fp-1", "firing", CHECKOUT_ERRORS, "2026-11-28T09:00:00Z", null, Map.of());
        Map<String, Object> resolved = alert("fp-1", "resolved", CHECKOUT_ERRORS, "2026-11-28T09:00:00Z",
                "2026-11-28T09:25:00Z", Map.of());
        String group = "{}:{alertname=\"HighErrorRate\"}";

        assertThat(deliver(notification(group, firing)).body().get("changed").asInt()).isEqualTo(1);
        List<String> afterFirst = new Fixtures(this.driver).snapshot();
        assertThat(deliver(notification(group, firing)).body().get("changed").asInt()).isZero();
        assertThat(new Fixtures(this.driver).snapshot()).as("a repeated delivery changes nothing")
            .isEqualTo(afterFirst);

        deliver(notification(group, resolved));
        deliver(notification(group, firing));
        GraphQlTester.Response response = this.graphQl
            .document("{ alerts { fingerprint status startsAt endsAt durationMinutes } }")
            .execute();
        response.path("alerts[*].status").entityList(String.class).containsExactly("RESOLVED");
        response.path("alerts[0].endsAt").entity(String.class).isEqualTo("2026-11-28T09:25:00.000Z");
        response.path("alerts[0].durationMinutes").entity(Integer.class).isEqualTo(25);

        deliver(notification(group, alert("fp-1", "firing", CHECKOUT_ERRORS, "2026-11-28T11:00:00Z", null, Map.of())));
        this.graphQl.document("{ alerts { fingerprint status startsAt } }")
            .execute()
            .path("alerts[*].status")
            .entityList(String.class)
            .containsExactly("FIRING", "RESOLVED");
        assertThat(count("MATCH (a:Alert {fingerprint: 'fp-1'}) RETURN count(a)")).isEqualTo(2);
    }

    @Test
    void theAppIsFoundFromTheLabelsInOrderAndUnmatchedAlertsAreKept() {
        deliver(notification("g1", alert("fp-job", "firing", Map.of("alertname", "Down", "job", "payments-api"),
                "2026-11-28T09:00:00Z", null, Map.of())));
        deliver(notification("g2",
                alert("fp-service", "firing", Map.of("alertname", "Slow", "app", "ghost", "service", "checkout"),
                        "2026-11-28T09:01:00Z", null, Map.of())));
        deliver(notification("g3", alert("fp-ghost", "firing", Map.of("alertname", "Down", "app", "ghost"),
                "2026-11-28T09:02:00Z", null, Map.of())));

        GraphQlTester.Response matched = this.graphQl
            .document("{ alerts(unmatched: false) { fingerprint app { name } appLabel } }")
            .execute();
        matched.path("alerts[*].fingerprint").entityList(String.class).containsExactly("fp-service", "fp-job");
        matched.path("alerts[*].app.name").entityList(String.class).containsExactly("checkout", "payments-api");
        GraphQlTester.Response unmatched = this.graphQl
            .document("{ alerts(unmatched: true) { fingerprint app { name } appLabel matched } }")
            .execute();
        unmatched.path("alerts[*].fingerprint").entityList(String.class).containsExactly("fp-ghost");
        unmatched.path("alerts[0].app").valueIsNull();
        unmatched.path("alerts[0].appLabel").entity(String.class).isEqualTo("ghost");
        unmatched.path("alerts[0].matched").entity(Boolean.class).isEqualTo(false);

        new Fixtures(this.driver).app("ghost");
        deliver(notification("g3", alert("fp-ghost", "firing", Map.of("alertname", "Down", "app", "ghost"),
                "2026-11-28T09:02:00Z", null, Map.of())));
        this.graphQl.document("{ alerts(unmatched: true) { fingerprint } }")
            .execute()
            .path("alerts")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void tokensAndMalformedPayloadsAreRefusedWithNothingWritten() {
        Map<String, Object> payload = notification("g",
                alert("fp-1", "firing", CHECKOUT_ERRORS, "2026-11-28T09:00:00Z", null, Map.of()));
        assertThat(AlertmanagerPayloads.post(baseUrl(), null, payload).status()).isEqualTo(401);
        assertThat(AlertmanagerPayloads.post(baseUrl(), "not-the-token", payload).status()).isEqualTo(401);
        assertThat(AlertmanagerPayloads
            .post(baseUrl(), "Basic " + ALERTMANAGER_TOKEN, "{}".getBytes(StandardCharsets.UTF_8))
            .status()).isEqualTo(401);

        Answer json = AlertmanagerPayloads.post(baseUrl(), "Bearer " + ALERTMANAGER_TOKEN,
                "{\"version\": \"4\", \"alerts\": [".getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body().get("error").asString()).isEqualTo("Malformed JSON");

        Map<String, Object> bad = notification("g",
                alert("fp-1", "firing", CHECKOUT_ERRORS, "2026-11-28T09:00:00Z", null, Map.of()),
                alert("fp-2", "burning", Map.of("app", "checkout"), "yesterday", null, Map.of()));
        bad.put("version", "3");
        Answer refused = AlertmanagerPayloads.post(baseUrl(), ALERTMANAGER_TOKEN, bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.details()).containsExactly(
                "version must be \"4\" (Alertmanager's webhook payload version), was \"3\"",
                "alerts[1].status must be \"firing\" or \"resolved\", was \"burning\"",
                "alerts[1].labels must hold alertname",
                "alerts[1].startsAt must be an RFC 3339 time such as 2026-11-28T09:30:00Z, was \"yesterday\"");
        assertThat(count("MATCH (a:Alert) RETURN count(a)")).as("nothing half-written").isZero();
    }

    @Test
    void someoneTakesAnAlertOnAndNobodyElseCan() {
        deliver(notification("g", alert("fp-1", "firing", CHECKOUT_ERRORS, "2026-11-28T09:00:00Z", null, Map.of())));

        acknowledge("fp-1", "nobody").path("acknowledgeAlert.errors[0].code")
            .entity(String.class)
            .isEqualTo("NOT_FOUND");
        acknowledge("fp-1", "lea").path("acknowledgeAlert.errors[0].message")
            .entity(String.class)
            .isEqualTo("lea has left the company");
        acknowledge("fp-unknown", "ann").path("acknowledgeAlert.errors[0].code")
            .entity(String.class)
            .isEqualTo("NOT_FOUND");
        GraphQlTester.Response taken = acknowledge("fp-1", "ann");
        taken.path("acknowledgeAlert.errors").entityList(Object.class).hasSize(0);
        taken.path("acknowledgeAlert.alert.acknowledgedBy.handle").entity(String.class).isEqualTo("ann");
        acknowledge("fp-1", "ann").path("acknowledgeAlert.errors").entityList(Object.class).hasSize(0);
        GraphQlTester.Response clash = acknowledge("fp-1", "bob");
        clash.path("acknowledgeAlert.errors[0].code").entity(String.class).isEqualTo("CONFLICT");
        clash.path("acknowledgeAlert.errors[0].message")
            .entity(String.class)
            .isEqualTo("ann already took alert fp-1 on");

        this.graphQl.document("{ alerts { fingerprint acknowledgedBy { handle } acknowledgedAt } }")
            .execute()
            .path("alerts[0].acknowledgedBy.handle")
            .entity(String.class)
            .isEqualTo("ann");
    }

    @Test
    void silencesAreOffWithoutAlertmanager() {
        deliver(notification("g", alert("fp-1", "firing", CHECKOUT_ERRORS, "2026-11-28T09:00:00Z", null, Map.of())));
        GraphQlTester.Response response = this.graphQl.document("""
                mutation { silenceAlert(input: {fingerprint: "fp-1", minutes: 0, by: "ann"}) {
                  silenceId errors { code message field } } }""").execute();
        response.path("silenceAlert.silenceId").valueIsNull();
        response.path("silenceAlert.errors[*].message")
            .entityList(String.class)
            .containsExactly("minutes must be between 1 and 10080 (a week), was 0",
                    "Silences are off: appgraph.alertmanager.url is not set");
    }

    @Test
    void theSuspectsAreReleasesOnTheAppAndOnWhatItCallsJustBeforeTheAlert() {
        startRelease("checkout", "run-own", "2026-11-28T08:50:00Z");
        startRelease("payments-api", "run-callee", "2026-11-28T08:40:00Z");
        startRelease("checkout", "run-old", "2026-11-28T08:15:00Z");
        startRelease("web", "run-caller", "2026-11-28T08:55:00Z");
        startRelease("checkout", "run-after", "2026-11-28T09:05:00Z");
        deliver(notification("g", alert("fp-1", "firing", CHECKOUT_ERRORS, "2026-11-28T09:00:00Z", null, Map.of())));

        GraphQlTester.Response response = this.graphQl
            .document("{ alerts { suspects { distance release { externalId app { name } } } } }")
            .execute();
        response.path("alerts[0].suspects[*].release.externalId")
            .entityList(String.class)
            .containsExactly("run-own", "run-callee");
        response.path("alerts[0].suspects[*].distance").entityList(Integer.class).containsExactly(0, 1);
        this.graphQl.document("{ alerts { suspects(windowMinutes: 60) { release { externalId } } } }")
            .execute()
            .path("alerts[0].suspects[*].release.externalId")
            .entityList(String.class)
            .containsExactly("run-own", "run-old", "run-callee");
    }

    @Test
    void timeToRestoreIsTheMedianAndP90OfFiringToResolvedPerBucket() {
        resolvedAlert("fp-a", "checkout", "2026-10-03T10:00:00Z", "2026-10-03T10:10:00Z");
        resolvedAlert("fp-b", "checkout", "2026-10-10T10:00:00Z", "2026-10-10T10:20:00Z");
        resolvedAlert("fp-c", "payments-api", "2026-10-20T10:00:00Z", "2026-10-20T11:30:00Z");
        resolvedAlert("fp-d", "web", "2026-11-02T10:00:00Z", "2026-11-02T10:05:00Z");
        deliver(notification("g", alert("fp-e", "firing", CHECKOUT_ERRORS, "2026-11-03T09:00:00Z", null, Map.of())));

        GraphQlTester.Response estate = this.graphQl.document("""
                { timeToRestore(from: "2026-09-01T00:00:00Z", to: "2026-12-01T00:00:00Z", interval: MONTH) {
                    start restored medianMinutes p90Minutes } }""").execute();
        estate.path("timeToRestore[*].start")
            .entityList(String.class)
            .containsExactly("2026-09-01T00:00:00.000Z", "2026-10-01T00:00:00.000Z", "2026-11-01T00:00:00.000Z");
        estate.path("timeToRestore[*].restored").entityList(Integer.class).containsExactly(0, 3, 1);
        estate.path("timeToRestore[1].medianMinutes").entity(Integer.class).isEqualTo(20);
        estate.path("timeToRestore[1].p90Minutes").entity(Integer.class).isEqualTo(90);
        estate.path("timeToRestore[0].medianMinutes").valueIsNull();

        this.graphQl.document("""
                { timeToRestore(from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z", interval: MONTH,
                                squad: "payments", app: "checkout") { restored medianMinutes } }""")
            .execute()
            .path("timeToRestore[0].restored")
            .entity(Integer.class)
            .isEqualTo(2);
    }

    private void resolvedAlert(String fingerprint, String app, String startsAt, String endsAt) {
        Map<String, String> labels = Map.of("alertname", "Down", "app", app, "severity", "critical");
        deliver(notification("g-" + fingerprint, alert(fingerprint, "firing", labels, startsAt, null, Map.of())));
        deliver(notification("g-" + fingerprint, alert(fingerprint, "resolved", labels, startsAt, endsAt, Map.of())));
    }

    private void startRelease(String app, String externalId, String startedAt) {
        this.graphQl.document(
                """
                        mutation($app: String!, $id: String!, $at: DateTime!) {
                          startRelease(input: {app: $app, externalId: $id, version: "1.0", startedAt: $at}) { errors { message } } }""")
            .variable("app", app)
            .variable("id", externalId)
            .variable("at", startedAt)
            .execute()
            .path("startRelease.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    private GraphQlTester.Response acknowledge(String fingerprint, String by) {
        return this.graphQl.document("""
                mutation($fingerprint: String!, $by: String!) {
                  acknowledgeAlert(input: {fingerprint: $fingerprint, by: $by}) {
                    alert { fingerprint acknowledgedBy { handle } } errors { code message } } }""")
            .variable("fingerprint", fingerprint)
            .variable("by", by)
            .execute();
    }

    private Answer deliver(Map<String, Object> payload) {
        Answer answer = AlertmanagerPayloads.post(baseUrl(), ALERTMANAGER_TOKEN, payload);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        return answer;
    }

}
