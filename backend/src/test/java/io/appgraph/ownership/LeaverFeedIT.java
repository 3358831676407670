package io.appgraph.ownership;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import io.appgraph.SignedWebhookClient;
import io.appgraph.SignedWebhookClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/hr/leavers} as the HR system calls it: signed JSON and CSV batches,
 * all or nothing.
 */
class LeaverFeedIT extends IntegrationTest {

    private Fixtures estate;

    private SignedWebhookClient hr;

    @BeforeEach
    void estate() {
        this.hr = SignedWebhookClient.hrFeed(baseUrl(), HR_SECRET);
        this.estate = new Fixtures(this.driver);
        this.estate.squad("payments")
            .person("ann", "payments")
            .person("bob", "payments")
            .person("cat", "payments")
            .squadApps("payments", "ann", "checkout", "basket")
            .app("search", "payments", "bob");
    }

    @Test
    void aSignedJsonBatchRecordsEachLeaverAndReportsWhatHappened() {
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).toLocalDate().toString();
        Answer answer = post("application/json", """
                {"leavers": [
                  {"handle": "ann", "leftAt": "2026-11-20T17:00:00Z"},
                  {"email": "BOB@example.com", "leftAt": "2026-11-21"},
                  {"email": "finance.person@example.com", "leftAt": "2026-11-21"},
                  {"handle": "cat", "leftAt": "%s"},
                  {"handle": "ann"}
                ]}""".formatted(future));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("received").asInt()).isEqualTo(5);
        assertThat(body.get("left").asInt()).isEqualTo(2);
        assertThat(body.get("alreadyLeft").asInt()).isEqualTo(1);
        assertThat(body.get("scheduled").asInt()).isEqualTo(1);
        assertThat(body.get("unknown").asInt()).isEqualTo(1);
        assertThat(body.get("alertsRaised").asInt()).isEqualTo(3);
        JsonNode results = body.get("results");
        assertThat(results.get(0).get("status").asString()).isEqualTo("left");
        assertThat(results.get(0).get("alerts").findValuesAsString("app")).containsExactly("basket", "checkout");
        assertThat(results.get(1).get("handle").asString()).isEqualTo("bob");
        assertThat(results.get(1).get("alerts").findValuesAsString("app")).containsExactly("search");
        assertThat(results.get(2).get("status").asString()).isEqualTo("unknown");
        assertThat(results.get(2).get("email").asString()).isEqualTo("finance.person@example.com");
        assertThat(results.get(3).get("status").asString()).isEqualTo("scheduled");
        assertThat(results.get(4).get("status").asString()).isEqualTo("alreadyLeft");

        assertThat(count("MATCH (p:Person {active: false}) RETURN count(p)")).isEqualTo(2);
        assertThat(count(
                "MATCH (p:Person {handle: 'ann'}) WHERE p.leftAt = datetime('2026-11-20T17:00Z') " + "RETURN count(p)"))
            .isEqualTo(1);
        assertThat(count(
                "MATCH (p:Person {handle: 'bob'}) WHERE p.leftAt = datetime('2026-11-21T00:00Z') " + "RETURN count(p)"))
            .isEqualTo(1);
        assertThat(count(
                "MATCH (p:Person {handle: 'cat', active: true}) WHERE p.leavingAt IS NOT NULL " + "RETURN count(p)"))
            .isEqualTo(1);
        assertThat(count("MATCH (a:OwnershipAlert {status: 'OPEN', reason: 'OWNER_LEFT'}) RETURN count(a)"))
            .isEqualTo(3);
    }

    @Test
    void aCsvBatchWithAHeaderWorksLikeJson() {
        Answer answer = post("text/csv; charset=utf-8", """
                handle,email,leftAt
                ann,,2026-11-20T17:00:00Z
                ,"bob@example.com",2026-11-21
                ,"someone, from finance <x@example.com>",
                """);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("left").asInt()).isEqualTo(2);
        assertThat(answer.json().get("unknown").asInt()).isEqualTo(1);
        assertThat(answer.json().get("results").get(2).get("email").asString())
            .isEqualTo("someone, from finance <x@example.com>");
        assertThat(count("MATCH (a:OwnershipAlert {status: 'OPEN'}) RETURN count(a)")).isEqualTo(3);
    }

    @Test
    void columnsMayComeInAnyOrderAndExtraColumnsAreIgnored() {
        Answer answer = post("text/csv", """
                leftAt,name,handle
                2026-11-20,Ann Example,ann
                """);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("left").asInt()).isEqualTo(1);
    }

    @Test
    void aMalformedEntryRefusesTheWholeBatchNamingItAndWritesNothing() {
        List<String> before = this.estate.snapshot();

        Answer noWho = post("application/json", """
                {"leavers": [{"handle": "ann"}, {"leftAt": "2026-11-21T00:00:00Z"}]}""");
        Answer badDate = post("application/json", """
                {"leavers": [{"handle": "ann"}, {"handle": "bob", "leftAt": "21/11/2026"}]}""");
        Answer badCsv = post("text/csv", """
                handle,email,leftAt
                ann,,2026-11-20
                bob,,next tuesday
                """);
        Answer notABatch = post("application/json", "[{\"handle\": \"ann\"}]");
        Answer wrongType = post("application/json", "{\"leavers\": [{\"handle\": 42}]}");

        assertThat(noWho.status()).isEqualTo(400);
        assertThat(noWho.detailList()).containsExactly("leavers[1].handle: give the leaver's handle or email");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.detailList()).singleElement()
            .asString()
            .startsWith("leavers[1].leftAt: must be an ISO-8601 date-time")
            .endsWith("was \"21/11/2026\"");
        assertThat(badCsv.status()).isEqualTo(400);
        assertThat(badCsv.detailList()).singleElement().asString().startsWith("leavers[1] (CSV line 3).leftAt:");
        assertThat(notABatch.status()).isEqualTo(400);
        assertThat(wrongType.detailList()).containsExactly("leavers[0].handle: must be a string");
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void missingOrWrongSignaturesAreRefusedAndWriteNothing() {
        byte[] body = "{\"leavers\": [{\"handle\": \"ann\"}]}".getBytes(StandardCharsets.UTF_8);
        List<String> before = this.estate.snapshot();

        Answer unsigned = send("application/json", body, null);
        Answer wrongSecret = send("application/json", body,
                "sha256=" + SignedWebhookClient.sign(body, "not-the-secret"));
        Answer tampered = send("application/json",
                "{\"leavers\": [{\"handle\": \"bob\"}]}".getBytes(StandardCharsets.UTF_8),
                "sha256=" + SignedWebhookClient.sign(body, HR_SECRET));
        Answer garbage = send("application/json", body, "sha256=zz");

        assertThat(List.of(unsigned.status(), wrongSecret.status(), tampered.status(), garbage.status()))
            .containsOnly(401);
        assertThat(unsigned.json().get("error").asString()).isEqualTo("Missing signature");
        assertThat(wrongSecret.json().get("error").asString()).isEqualTo("Wrong signature");
        assertThat(wrongSecret.body()).doesNotContain(HR_SECRET);
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aBodyOverTheSizeLimitIsRefused() {
        StringBuilder csv = new StringBuilder("handle,email,leftAt\n");
        while (csv.length() < 1_100_000) {
            csv.append("someone.from.finance,,2026-11-20\n");
        }
        assertThat(post("text/csv", csv.toString()).status()).isEqualTo(413);
    }

    private Answer post(String contentType, String body) {
        return this.hr.postSigned(contentType, body);
    }

    private Answer send(String contentType, byte[] body, String signature) {
        return this.hr.post(contentType, body, signature);
    }

}
