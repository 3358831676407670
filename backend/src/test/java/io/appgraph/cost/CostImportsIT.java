package io.appgraph.cost;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Usage and log volume pushed over real HTTP, then read as a squad's and the estate's
 * cost, right-sizing and cost alerts over GraphQL. The usage is Prometheus' answers to
 * appgraph's own queries at an hourly step, written here by hand, with prices at their
 * defaults (0.031611 a core-hour, 0.004237 a GiB-hour, 0.50 a GiB of logs).
 */
class CostImportsIT extends IntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final double GIB = 1024.0 * 1024 * 1024;

    private static final double MIB = 1024.0 * 1024;

    private static final double CPU = 0.031611;

    private static final double MEMORY = 0.004237;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void estate() {
        new Fixtures(this.driver).squad("payments")
            .squad("search")
            .person("ana", "payments")
            .app("checkout", "payments", "ana")
            .app("basket", "payments", "ana")
            .app("finder", "search", "ana")
            .run("MATCH (a:App {name: 'checkout'}) SET a.linkLabels = ['pipeline', 'source'], "
                    + "a.linkUrls = ['https://ci.example.com/checkout', 'https://git.example.com/shop/checkout']",
                    Map.of());
    }

    @Test
    void pushedUsageIsCostedPerSquadAndAppAndTheRestIsUnattributedWithItsReason() {
        for (int back = 10; back >= 1; back--) {
            assertThat(postUsage("prod", this.today.minusDays(back), usage(1.0)).statusCode()).isEqualTo(200);
        }
        // checkout: 1 core and 512 MiB requested, 0.1 core and 100 MiB used: pays its
        // requests.
        double checkout = 24 * 1.0 * CPU + 24 * 0.5 * MEMORY;
        // basket: 0.5 core and 256 MiB requested and used.
        double basket = 24 * 0.5 * CPU + 24 * 0.25 * MEMORY;
        JsonNode buckets = graphQl("""
                { costs(squad: "payments", from: "%s", to: "%s", interval: DAY) {
                    start compute logging total change apps { app { name } compute total } unattributed { reason } } }
                """.formatted(start(10), start(0))).path("data").path("costs");
        assertThat(buckets).hasSize(10);
        for (JsonNode bucket : buckets) {
            assertThat(bucket.path("compute").asDouble()).isCloseTo(checkout + basket, within(1e-6));
            assertThat(bucket.path("apps").get(0).path("app").path("name").asString()).isEqualTo("checkout");
            assertThat(bucket.path("apps").get(0).path("compute").asDouble()).isCloseTo(checkout, within(1e-6));
            assertThat(bucket.path("apps").get(1).path("compute").asDouble()).isCloseTo(basket, within(1e-6));
            assertThat(bucket.path("unattributed")).as("only on the estate-wide call").isEmpty();
        }
        assertThat(java.time.Instant.parse(buckets.get(0).path("start").asString()))
            .isEqualTo(java.time.Instant.parse(start(10)));
        assertThat(buckets.get(0).path("change").isNull()).isTrue();
        assertThat(buckets.get(1).path("change").asDouble()).isCloseTo(0, within(1e-9));

        JsonNode estate = graphQl("""
                { costs(from: "%s", to: "%s", interval: DAY) { total unattributed { environment compute reason } } }
                """.formatted(start(1), start(0))).path("data").path("costs");
        assertThat(estate.get(0).path("unattributed")).singleElement().satisfies(other -> {
            assertThat(other.path("reason").asString()).isEqualTo(PodAttribution.NO_APP);
            assertThat(other.path("environment").asString()).isEqualTo("prod");
            // The unlabelled pod: 0.2 core used and requested, no memory.
            assertThat(other.path("compute").asDouble()).isCloseTo(24 * 0.2 * CPU, within(1e-6));
        });

        // Sending a day again replaces it.
        long stored = count("MATCH (u:UsageDay) RETURN count(u)");
        assertThat(postUsage("prod", this.today.minusDays(1), usage(1.0)).statusCode()).isEqualTo(200);
        assertThat(count("MATCH (u:UsageDay) RETURN count(u)")).isEqualTo(stored).isEqualTo(20);
        JsonNode summary = graphQl(
                """
                        { costSummary(squad: "payments", from: "%s", to: "%s") { total compute logging previousTotal change trend } }
                        """
                    .formatted(start(10), start(0)))
            .path("data")
            .path("costSummary");
        assertThat(summary.path("total").asDouble()).isCloseTo(10 * (checkout + basket), within(1e-6));
        assertThat(summary.path("previousTotal").asDouble()).isZero();
        assertThat(summary.path("change").isNull()).isTrue();
        assertThat(summary.path("trend").asString()).isEqualTo("FLAT");
    }

    @Test
    void rightSizingFollowsTheVpaOnPushedUsageWithTheChangeToMakeInTheManifest() {
        for (int back = 10; back >= 1; back--) {
            postUsage("prod", this.today.minusDays(back), usage(1.0));
        }
        JsonNode containers = graphQl("""
                { rightSizing(squad: "payments") { app { name } environment container replicas days confidence
                    cpu { requestedCores recommendedCores lowerBoundCores upperBoundCores }
                    memory { requestedBytes recommendedBytes lowerBoundBytes upperBoundBytes }
                    monthlySaving manifestUrl change } }
                """).path("data").path("rightSizing");
        assertThat(containers).hasSize(2);
        JsonNode checkout = containers.get(0);
        assertThat(checkout.path("app").path("name").asString()).isEqualTo("checkout");
        assertThat(checkout.path("container").asString()).isEqualTo("api");
        assertThat(checkout.path("days").asInt()).isEqualTo(10);
        assertThat(checkout.path("confidence").asString()).isEqualTo("MEDIUM");
        // Every sample at 0.1 core: bucket 95, which ends at 0.001 x 1.05^95.
        double cpu = 0.001 * Math.pow(1.05, 95) * 1.15;
        assertThat(checkout.path("cpu").path("recommendedCores").asDouble()).isCloseTo(cpu, within(1e-9));
        assertThat(checkout.path("cpu").path("requestedCores").asDouble()).isEqualTo(1.0);
        // Every daily peak is 100 MiB: p95 + 15 % = 115 MiB.
        assertThat(checkout.path("memory").path("recommendedBytes").asDouble()).isCloseTo(115 * MIB, within(1.0));
        assertThat(checkout.path("memory").path("lowerBoundBytes").asDouble()).isCloseTo(100 * MIB, within(1.0));
        assertThat(checkout.path("monthlySaving").asDouble())
            .isCloseTo(((1.0 - cpu) * CPU + (512 - 115) / 1024.0 * MEMORY) * 730, within(1e-6));
        assertThat(checkout.path("manifestUrl").asString()).isEqualTo("https://git.example.com/shop/checkout");
        assertThat(checkout.path("change").asString()).contains("cpu: 119m  # was 1000m")
            .contains("memory: 115Mi  # was 512Mi");
        // basket uses all it asks for: nothing to save.
        assertThat(containers.get(1).path("monthlySaving").asDouble()).isLessThan(0);
    }

    @Test
    void withUnderEightDaysTheRecommendationIsLowConfidenceAndPromisesNoSaving() {
        for (int back = 3; back >= 1; back--) {
            postUsage("prod", this.today.minusDays(back), usage(1.0));
        }
        JsonNode checkout = graphQl("{ rightSizing(squad: \"payments\", first: 1) { days confidence monthlySaving } }")
            .path("data")
            .path("rightSizing")
            .get(0);
        assertThat(checkout.path("days").asInt()).isEqualTo(3);
        assertThat(checkout.path("confidence").asString()).isEqualTo("LOW");
        assertThat(checkout.path("monthlySaving").isNull()).isTrue();
    }

    @Test
    void badUsageIsRefusedWholeSayingWhatWasWrongAndWritesNothing() {
        Map<String, Object> body = usage(1.0);
        body.put("cpuUsge", body.get("cpuUsage"));
        body.remove("memoryRequests");
        HttpResponse<String> refused = post("/api/import/usage?environment=Prod&date=2026-13-01", body);
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.path("error").asString()).isEqualTo("Invalid usage: nothing was imported");
        assertThat(error.path("details").toString()).contains("environment must be a lowercase DNS label")
            .contains("date must be a day as YYYY-MM-DD, was '2026-13-01'")
            .contains("'cpuUsge' is not a usage series")
            .contains("'memoryRequests' is missing");
        HttpResponse<String> notJson = postText("/api/import/usage?environment=prod&date=2026-11-01", "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).path("details").toString()).contains("The body is not JSON");
        Map<String, Object> failed = usage(1.0);
        failed.put("cpuUsage", Map.of("status", "error", "error", "query timed out"));
        assertThat(JSON.readTree(post("/api/import/usage?environment=prod&date=2026-11-01", failed).body())
            .path("details")
            .toString()).contains("cpuUsage: status is 'error', not 'success': query timed out");
        assertThat(count("MATCH (n) WHERE n:UsageDay OR n:UnattributedCostDay OR n:UsageRollup RETURN count(n)"))
            .isZero();
        // A dry run says what would be stored, and stores nothing.
        JsonNode rehearsal = JSON.readTree(
                post("/api/import/usage?environment=prod&date=" + this.today.minusDays(1) + "&step=1h&dryRun=true",
                        filled(this.today.minusDays(1), usage(1.0)))
                    .body());
        assertThat(rehearsal.path("containers").asInt()).isEqualTo(2);
        assertThat(rehearsal.path("unattributed").path(PodAttribution.NO_APP).asDouble()).isPositive();
        assertThat(count("MATCH (u:UsageDay) RETURN count(u)")).isZero();
    }

    @Test
    void aSquadNoOneHasIsRefusedByEveryCostRead() {
        for (String read : List.of("costs(squad: \"nope\", from: \"%1$s\", to: \"%2$s\", interval: DAY) { total }",
                "costSummary(squad: \"nope\", from: \"%1$s\", to: \"%2$s\") { total }",
                "rightSizing(squad: \"nope\") { container }", "costAlerts(squad: \"nope\") { id }")) {
            JsonNode answer = JSON
                .readTree(post("/graphql", Map.of("query", "{ " + read.formatted(start(7), start(0)) + " }")).body());
            assertThat(answer.path("errors").get(0).path("message").asString()).as(read)
                .isEqualTo("No squad is named 'nope'");
            assertThat(answer.path("errors").get(0).path("extensions").path("classification").asString())
                .isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void logVolumeIsCostedPerAppAndTheRestIsUnattributedWithItsReason() {
        LocalDate day = this.today.minusDays(1);
        HttpResponse<String> imported = post("/api/import/log-volume?environment=prod&date=" + day,
                vector(List.of(series(2 * GIB, "app", "checkout", "level", "info"),
                        series(1 * GIB, "app_kubernetes_io_name", "basket", "detected_level", "debug"),
                        series(GIB / 2, "service_name", "ghost", "level", "error"), series(GIB / 4))));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode bucket = graphQl("""
                { costs(from: "%s", to: "%s", interval: DAY) { logging apps { app { name } logging }
                    unattributed { logging reason } } }
                """.formatted(start(1), start(0))).path("data").path("costs").get(0);
        assertThat(bucket.path("logging").asDouble()).isCloseTo(1.5, within(1e-9));
        assertThat(bucket.path("apps").get(0).path("logging").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(bucket.path("apps").get(1).path("logging").asDouble()).isCloseTo(0.5, within(1e-9));
        Map<String, Double> unattributed = new LinkedHashMap<>();
        bucket.path("unattributed")
            .forEach(u -> unattributed.put(u.path("reason").asString(), u.path("logging").asDouble()));
        assertThat(unattributed).containsOnlyKeys("app 'ghost' is not in the catalog", LogVolumes.NO_APP);
        assertThat(unattributed.get(LogVolumes.NO_APP)).isCloseTo(0.125, within(1e-9));

        // The day sent again, without basket, replaces it.
        post("/api/import/log-volume?environment=prod&date=" + day,
                vector(List.of(series(4 * GIB, "app", "checkout", "level", "info"))));
        JsonNode again = graphQl("""
                { costs(from: "%s", to: "%s", interval: DAY) { logging unattributed { reason } } }
                """.formatted(start(1), start(0))).path("data").path("costs").get(0);
        assertThat(again.path("logging").asDouble()).isCloseTo(2.0, within(1e-9));
        assertThat(again.path("unattributed")).isEmpty();
    }

    @Test
    void loggingAroundAReleaseIsComputedFromTheDaysBeforeAndAfterIt() {
        LocalDate released = this.today.minusDays(5);
        for (int back = 9; back >= 1; back--) {
            LocalDate day = this.today.minusDays(back);
            double bytes = day.isBefore(released) ? 8 * GIB : 2 * GIB;
            post("/api/import/log-volume?environment=prod&date=" + day,
                    vector(List.of(series(bytes, "app", "checkout", "level", "debug"))));
        }
        new Fixtures(this.driver).run("""
                MATCH (app:App {name: 'checkout'})
                CREATE (:Release {externalId: 'r1', status: 'SUCCEEDED', environment: 'production',
                                  startedAt: datetime($at) - duration('PT10M'), finishedAt: datetime($at)})-[:OF]->(app)
                """, Map.of("at", released + "T10:00:00Z"));
        JsonNode around = graphQl("""
                { app(name: "checkout") { releases { edges { node { loggingAround {
                    days bytesPerDayBefore bytesPerDayAfter costPerDayBefore costPerDayAfter monthlyChange } } } } } }
                """).path("data").path("app").path("releases").path("edges").get(0).path("node").path("loggingAround");
        // Four whole days after it (the fifth is today, not over); four before.
        assertThat(around.path("days").asInt()).isEqualTo(4);
        assertThat(around.path("bytesPerDayBefore").asDouble()).isEqualTo(8 * GIB);
        assertThat(around.path("bytesPerDayAfter").asDouble()).isEqualTo(2 * GIB);
        assertThat(around.path("costPerDayBefore").asDouble()).isCloseTo(4.0, within(1e-9));
        assertThat(around.path("monthlyChange").asDouble()).isCloseTo((1.0 - 4.0) * 30, within(1e-9));
    }

    @Test
    void costUpWeekOnWeekRaisesOneAlertToTheSquadThatCanBeSnoozedAndDismissedWithAReason() {
        for (int back = 14; back >= 1; back--) {
            // checkout asks for four times the CPU in the last seven days: 24.1 against
            // 8.5.
            postUsage("prod", this.today.minusDays(back), usage(back <= 7 ? 4.0 : 1.0));
        }
        postUsage("prod", this.today.minusDays(1), usage(4.0));
        JsonNode alerts = graphQl("{ costAlerts(squad: \"payments\") { id kind squad { name } message value status } }")
            .path("data")
            .path("costAlerts");
        // checkout now asks for 4 cores and uses 0.1: over-provisioned too.
        assertThat(alerts).extracting(alert -> alert.path("kind").asString())
            .containsExactlyInAnyOrder("COST_UP", "OVER_PROVISIONED");
        JsonNode costUp = alerts.get(0).path("kind").asString().equals("COST_UP") ? alerts.get(0) : alerts.get(1);
        assertThat(costUp.path("squad").path("name").asString()).isEqualTo("payments");
        assertThat(costUp.path("message").asString()).startsWith("payments's apps cost 187 % more in the 7 days to "
                + this.today.minusDays(1) + " than the 7 before (24.43 against 8.50)");
        assertThat(costUp.path("value").asDouble()).isCloseTo(24.43 / 8.50 - 1, within(0.01));
        assertThat(count("MATCH (m:OutboxMessage) WHERE m.key STARTS WITH 'cost-alert:' RETURN count(m)"))
            .as("one Slack notice per alert, however often the sweep runs")
            .isEqualTo(2);
        String id = costUp.path("id").asString();

        JsonNode snoozed = graphQl(
                """
                        mutation { snoozeCostAlert(input: { id: "%s", until: "%sT00:00:00Z", by: "ana", reason: "budget approved" }) {
                            alert { status snoozedUntil by reason } errors { code message } } }
                        """
                    .formatted(id, this.today.plusDays(7)))
            .path("data")
            .path("snoozeCostAlert");
        assertThat(snoozed.path("errors")).isEmpty();
        assertThat(snoozed.path("alert").path("status").asString()).isEqualTo("SNOOZED");
        assertThat(snoozed.path("alert").path("by").asString()).isEqualTo("ana");
        assertThat(graphQl("{ costAlerts(squad: \"payments\") { kind } }").path("data").path("costAlerts"))
            .extracting(alert -> alert.path("kind").asString())
            .containsExactly("OVER_PROVISIONED");

        JsonNode stranger = graphQl("""
                mutation { dismissCostAlert(input: { id: "%s", reason: "fine", by: "nobody" }) {
                    alert { status } errors { code message } } }
                """.formatted(id)).path("data").path("dismissCostAlert");
        assertThat(stranger.path("errors").get(0).path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(stranger.path("errors").get(0).path("message").asString())
            .isEqualTo("No person has the handle 'nobody'");
        JsonNode refused = graphQl(
                """
                        mutation { dismissCostAlert(input: { id: "%s", reason: " ", by: "ana" }) { alert { status } errors { code field } } }
                        """
                    .formatted(id))
            .path("data")
            .path("dismissCostAlert");
        assertThat(refused.path("alert").isNull()).isTrue();
        assertThat(refused.path("errors").get(0).path("code").asString()).isEqualTo("INVALID");
        JsonNode dismissed = graphQl("""
                mutation { dismissCostAlert(input: { id: "%s", reason: "expected: Black Friday", by: "ana" }) {
                    alert { status reason } errors { code } } }
                """.formatted(id)).path("data").path("dismissCostAlert");
        assertThat(dismissed.path("alert").path("status").asString()).isEqualTo("DISMISSED");
        assertThat(dismissed.path("alert").path("reason").asString()).isEqualTo("expected: Black Friday");
        postUsage("prod", this.today.minusDays(1), usage(4.0));
        assertThat(graphQl("{ costAlerts(squad: \"payments\", all: true) { kind status } }").path("data")
            .path("costAlerts")).as("a dismissed alert is not raised again")
            .extracting(alert -> alert.path("kind").asString() + " " + alert.path("status").asString())
            .containsExactlyInAnyOrder("COST_UP DISMISSED", "OVER_PROVISIONED OPEN");
    }

    private String start(int daysBack) {
        return this.today.minusDays(daysBack) + "T00:00:00Z";
    }

    /**
     * A day's answers at an hourly step: checkout (labelled) asks for
     * {@code checkoutCores} and 512 MiB and uses 0.1 core and 100 MiB; basket (owned by a
     * Deployment) asks for and uses 0.5 core and 256 MiB; a pod with neither uses 0.2
     * core.
     */
    private Map<String, Object> usage(double checkoutCores) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("podLabels",
                matrix(List.of(series(
                        Map.of("namespace", "shop", "pod", "checkout-1", "label_app_kubernetes_io_name", "checkout"),
                        1))));
        answers.put("podOwners", matrix(List.of(series(Map.of("namespace", "shop", "pod", "basket-7f-1", "owner_kind",
                "ReplicaSet", "owner_name", "basket-7f"), 1))));
        answers.put("replicaSetOwners", matrix(List.of(series(Map.of("namespace", "shop", "replicaset", "basket-7f",
                "owner_kind", "Deployment", "owner_name", "basket"), 1))));
        answers.put("cpuUsage", matrix(List.of(series(container("checkout-1", "api"), 0.1),
                series(container("basket-7f-1", "basket"), 0.5), series(container("stray-1", "main"), 0.2))));
        answers.put("cpuRequests", matrix(List.of(series(container("checkout-1", "api"), checkoutCores),
                series(container("basket-7f-1", "basket"), 0.5), series(container("stray-1", "main"), 0.2))));
        answers.put("memoryWorkingSet", matrix(List.of(series(container("checkout-1", "api"), 100 * MIB),
                series(container("basket-7f-1", "basket"), 256 * MIB))));
        answers.put("memoryRequests", matrix(List.of(series(container("checkout-1", "api"), 512 * MIB),
                series(container("basket-7f-1", "basket"), 256 * MIB))));
        return answers;
    }

    private static Map<String, String> container(String pod, String container) {
        return Map.of("namespace", "shop", "pod", pod, "container", container);
    }

    // The day is filled in by postUsage: every hour of it.
    private static Map<String, Object> series(Map<String, String> labels, double value) {
        return new LinkedHashMap<>(Map.of("metric", labels, "value", value));
    }

    private static Map<String, Object> series(double bytes, String... labels) {
        Map<String, String> metric = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            metric.put(labels[i], labels[i + 1]);
        }
        return Map.of("metric", metric, "value", List.of(1_764_000_000, Double.toString(bytes)));
    }

    private static Map<String, Object> matrix(List<Map<String, Object>> series) {
        return Map.of("status", "success", "data", Map.of("resultType", "matrix", "result", series));
    }

    private static Map<String, Object> vector(List<Map<String, Object>> series) {
        return Map.of("status", "success", "data", Map.of("resultType", "vector", "result", series));
    }

    private HttpResponse<String> postUsage(String environment, LocalDate day, Map<String, Object> answers) {
        HttpResponse<String> response = post(
                "/api/import/usage?environment=" + environment + "&date=" + day + "&step=1h", filled(day, answers));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> filled(LocalDate day, Map<String, Object> answers) {
        long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Map<String, Object> filled = new LinkedHashMap<>();
        answers.forEach((name, answer) -> {
            List<Map<String, Object>> result = new ArrayList<>();
            for (Map<String, Object> s : (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) answer)
                .get("data")).get("result")) {
                List<List<Object>> values = new ArrayList<>();
                for (int hour = 0; hour < 24; hour++) {
                    values.add(List.of(start + 3600L * hour, s.get("value").toString()));
                }
                result.add(Map.of("metric", s.get("metric"), "values", values));
            }
            filled.put(name, matrix(result));
        });
        return filled;
    }

    private HttpResponse<String> post(String path, Object body) {
        return postText(path, JSON.writeValueAsString(body));
    }

    private HttpResponse<String> postText(String path, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private JsonNode graphQl(String document) {
        HttpResponse<String> response = post("/graphql", Map.of("query", document));
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("errors").isMissingNode()).as(response.body()).isTrue();
        return answer;
    }

}
