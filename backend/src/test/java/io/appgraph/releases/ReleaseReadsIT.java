package io.appgraph.releases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.planner.SelectionPlanner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release history, an app's releases and the changes before an incident, over
 * releases stored in the demo data's shape.
 */
class ReleaseReadsIT extends IntegrationTest {

    @Autowired
    ExecutionGraphQlService service;

    @Autowired
    Cypher cypher;

    private Fixtures estate;

    // checkout calls payments-api, which calls ledger, which calls fx, which calls
    // payments-api back.
    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
        this.estate.squad("payments")
            .squad("search")
            .person("alice", "payments")
            .app("payments-api", "payments", "alice")
            .app("ledger", "payments", "alice")
            .app("fx", "search", null)
            .app("checkout", "search", null)
            .dependsOn("checkout", "payments-api")
            .dependsOn("payments-api", "ledger")
            .dependsOn("ledger", "fx")
            .dependsOn("fx", "payments-api");
        new ReleaseFixtures(this.estate)
            .release("r1", "payments-api", "SUCCEEDED", "2026-03-01T09:00:00Z", "2026-03-01T09:05:00Z",
                    "2026-02-28T09:00:00Z")
            .release("r2", "ledger", "FAILED", "2026-03-01T10:00:00Z", "2026-03-01T10:02:00Z", null)
            .release("r3", "fx", "SUCCEEDED", "2026-03-02T08:00:00Z", "2026-03-02T08:01:00Z", null, "staging")
            .release("r4", "checkout", "IN_PROGRESS", "2026-03-02T09:00:00Z", null, null)
            .release("r5", "payments-api", "ROLLED_BACK", "2026-03-02T09:30:00Z", "2026-03-02T09:40:00Z", null)
            .release("r6a", "payments-api", "SUCCEEDED", "2026-03-02T10:00:00Z", "2026-03-02T10:01:00Z", null)
            .release("r6b", "payments-api", "SUCCEEDED", "2026-03-02T10:00:00Z", "2026-03-02T10:01:00Z", null);
        this.estate.run("""
                MATCH (r:Release {externalId: 'r1'}), (p:Person {handle: 'alice'}) CREATE (r)-[:TRIGGERED_BY]->(p)
                """, Map.of());
    }

    // ------------------------------------------------------------------ releases

    @Test
    void theHistoryIsNewestFirstInPagesWithItsTotal() {
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 3; page++) {
            var response = releases(Map.of(), 3, after);
            response.path("releases.totalCount").entity(Integer.class).isEqualTo(7);
            response.path("releases.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(page < 2);
            seen.addAll(response.path("releases.edges[*].node.externalId").entityList(String.class).get());
            after = response.path("releases.pageInfo.endCursor").entity(String.class).get();
        }

        assertThat(seen).containsExactly("r6b", "r6a", "r5", "r4", "r3", "r2", "r1");
    }

    @Test
    void theContractsReleasesOperationAnswersEachRelease() {
        var response = this.graphQl.documentName("Releases").variable("first", 1).execute();

        response.path("releases.edges[0].node.externalId").entity(String.class).isEqualTo("r6b");
        response.path("releases.edges[0].node.app.name").entity(String.class).isEqualTo("payments-api");
        response.path("releases.edges[0].node.version").entity(String.class).isEqualTo("1.0.r6b");
        response.path("releases.edges[0].node.status").entity(String.class).isEqualTo("SUCCEEDED");
        response.path("releases.edges[0].node.durationSeconds").entity(Integer.class).isEqualTo(60);
    }

    @Test
    void filtersNarrowTheHistoryAndItsTotal() {
        assertThat(ids(Map.of("app", "payments-api"))).containsExactly("r6b", "r6a", "r5", "r1");
        assertThat(ids(Map.of("squad", "search"))).containsExactly("r4", "r3");
        assertThat(ids(Map.of("environment", "staging"))).containsExactly("r3");
        assertThat(ids(Map.of("status", "FAILED"))).containsExactly("r2");
        assertThat(ids(Map.of("from", "2026-03-02T00:00:00Z", "to", "2026-03-02T09:30:00Z"))).containsExactly("r4",
                "r3");
        assertThat(ids(Map.of("from", "2026-03-02T11:00:00+02:00"))).containsExactly("r6b", "r6a", "r5", "r4");
        assertThat(ids(Map.of("app", "payments-api", "status", "SUCCEEDED", "to", "2026-03-02T00:00:00Z")))
            .containsExactly("r1");
        assertThat(ids(Map.of("app", "payments-api", "squad", "search"))).isEmpty();
        assertThat(ids(Map.of("app", "no-such-app"))).isEmpty();
        releases(Map.of("squad", "search", "environment", "prod"), 20, null).path("releases.totalCount")
            .entity(Integer.class)
            .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 101 })
    void firstOutside1To100IsABadRequest(int first) {
        badRequest(releasesRequest(Map.of(), first, null), "first must be between 1 and 100, was " + first);
    }

    @Test
    void aForeignCursorOrAnEmptyRangeIsABadRequest() {
        badRequest(releasesRequest(Map.of(), 5, "bm90LWEtY3Vyc29y"), "after is not a cursor");
        badRequest(releasesRequest(Map.of("from", "2026-03-02T00:00:00Z", "to", "2026-03-01T00:00:00Z"), 5, null),
                "must be before");
    }

    @Test
    void aFinishWaitingForItsStartIsNotInTheHistory() {
        this.graphQl.documentName("FinishRelease")
            .variable("input", Map.of("externalId", "early", "outcome", "FAILED"))
            .execute()
            .path("finishRelease.errors")
            .entityList(Object.class)
            .hasSize(0);

        releases(Map.of(), 20, null).path("releases.totalCount").entity(Integer.class).isEqualTo(7);
        releases(Map.of("status", "FAILED"), 20, null).path("releases.edges[*].node.externalId")
            .entityList(String.class)
            .containsExactly("r2");
        assertThat(count("MATCH (r:Release {externalId: 'early'}) RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void aReleaseNamesItsTriggerAndCommitTime() {
        var response = releases(Map.of("app", "payments-api", "to", "2026-03-02T00:00:00Z"), 1, null);

        response.path("releases.edges[0].node.triggeredBy.handle").entity(String.class).isEqualTo("alice");
        response.path("releases.edges[0].node.triggeredBy.name").entity(String.class).isEqualTo("Alice");
        response.path("releases.edges[0].node.app.squad.name").entity(String.class).isEqualTo("payments");
        ReleaseMutationsIT.assertAt(response, "releases.edges[0].node.committedAt", "2026-02-28T09:00:00Z");
        releases(Map.of("app", "ledger"), 1, null).path("releases.edges[0].node.triggeredBy").valueIsNull();
    }

    // ------------------------------------------------------------------ App.releases

    @Test
    void anAppPagesThroughItsOwnReleases() {
        var first = this.graphQl.documentName("AppReleases")
            .variable("name", "payments-api")
            .variable("first", 2)
            .execute();
        first.path("app.releases.totalCount").entity(Integer.class).isEqualTo(4);
        first.path("app.releases.edges[*].node.externalId").entityList(String.class).containsExactly("r6b", "r6a");
        String after = first.path("app.releases.pageInfo.endCursor").entity(String.class).get();

        var second = this.graphQl.documentName("AppReleases")
            .variable("name", "payments-api")
            .variable("first", 2)
            .variable("after", after)
            .execute();
        second.path("app.releases.edges[*].node.externalId").entityList(String.class).containsExactly("r5", "r1");
        second.path("app.releases.edges[1].node.triggeredBy.handle").entity(String.class).isEqualTo("alice");
        second.path("app.releases.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    // ------------------------------------------------------------------ changesBefore

    @Test
    void changesBeforeAnIncidentAreTheAppsAndItsCalleesReleasesByDistance() {
        var response = changesBefore("payments-api", "2026-03-02T10:00:00Z", 180, 2);

        response.path("changesBefore[*].release.externalId")
            .entityList(String.class)
            .containsExactly("r6b", "r6a", "r5", "r3");
        response.path("changesBefore[*].distance").entityList(Integer.class).containsExactly(0, 0, 0, 2);
        response.path("changesBefore[3].release.app.name").entity(String.class).isEqualTo("fx");
        response.path("changesBefore[3].release.pipelineUrl")
            .entity(String.class)
            .isEqualTo("https://ci.example.com/runs/r3");
    }

    @Test
    void theWindowHoldsBothEndsAndDefaultsToHalfAnHour() {
        var defaults = this.graphQl.documentName("ChangesBefore")
            .variable("app", "payments-api")
            .variable("at", "2026-03-02T10:00:00Z")
            .execute();
        defaults.path("changesBefore[*].release.externalId")
            .entityList(String.class)
            .containsExactly("r6b", "r6a", "r5");

        changesBefore("payments-api", "2026-03-02T09:59:59Z", 29, 2).path("changesBefore")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void depthBoundsTheCalleesAndCallersNeverCount() {
        changesBefore("payments-api", "2026-03-02T10:00:00Z", 180, 1).path("changesBefore[*].release.externalId")
            .entityList(String.class)
            .containsExactly("r6b", "r6a", "r5");
        changesBefore("ledger", "2026-03-02T10:00:00Z", 180, 0).path("changesBefore")
            .entityList(Object.class)
            .hasSize(0);
        // ledger calls fx (1) which calls payments-api (2): the cycle ends there.
        var viaCycle = changesBefore("ledger", "2026-03-02T10:00:00Z", 180, 5);
        viaCycle.path("changesBefore[*].release.externalId")
            .entityList(String.class)
            .containsExactly("r3", "r6b", "r6a", "r5");
        viaCycle.path("changesBefore[*].distance").entityList(Integer.class).containsExactly(1, 2, 2, 2);
    }

    @Test
    void changesBeforeOnAnUnknownAppIsNotFound() {
        changesBefore("no-such-app", "2026-03-02T10:00:00Z", 30, 2).errors().satisfy(errors -> {
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
                assertThat(error.getMessage()).contains("no-such-app");
            });
        });
    }

    @Test
    void depthAndWindowOutsideTheirBoundsAreBadRequests() {
        badRequest(changesBeforeRequest("payments-api", "2026-03-02T10:00:00Z", 30, 6),
                "depth must be between 0 and 5, was 6");
        badRequest(changesBeforeRequest("payments-api", "2026-03-02T10:00:00Z", 0, 2),
                "windowMinutes must be between 1 and 10080, was 0");
    }

    // ------------------------------------------------------------------ planned reads

    @ParameterizedTest
    @ValueSource(strings = { "ReleaseDetails", "ChangesBefore", "AppReleases", "Releases" })
    void aPlannedReadIsOneStatementAndAnswersWhatTheDataFetchersAnswer(String document) {
        Map<String, Object> variables = new HashMap<>();
        switch (document) {
            case "ChangesBefore" -> {
                variables.put("app", "ledger");
                variables.put("at", "2026-03-02T10:00:00Z");
                variables.put("windowMinutes", 2000);
                variables.put("depth", 5);
            }
            case "AppReleases" -> variables.put("name", "payments-api");
            default -> variables.put("filter", Map.of("from", "2026-03-01T09:30:00Z"));
        }

        long before = this.cypher.statementCount();
        GraphQlTester.Response planned = request(this.graphQl, document, variables);
        long statements = this.cypher.statementCount() - before;
        GraphQlTester.Response unplanned = request(ExecutionGraphQlServiceTester.builder(this.service)
            .configureExecutionInput(
                    (input, builder) -> builder.graphQLContext(Map.of(SelectionPlanner.DISABLED, true)).build())
            .build(), document, variables);

        Map<String, Object> answer = planned.returnResponse().getData();
        assertThat(answer.toString()).contains("r5");
        assertThat(answer).isEqualTo(unplanned.returnResponse().getData());
        assertThat(statements).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private static GraphQlTester.Response request(GraphQlTester tester, String document,
            Map<String, Object> variables) {
        GraphQlTester.Request<?> request = tester.documentName(document);
        variables.forEach(request::variable);
        GraphQlTester.Response response = request.execute();
        response.errors().verify();
        return response;
    }

    private List<String> ids(Map<String, Object> filter) {
        var response = releases(filter, 100, null);
        List<String> ids = response.path("releases.edges[*].node.externalId").entityList(String.class).get();
        response.path("releases.totalCount").entity(Integer.class).isEqualTo(ids.size());
        return ids;
    }

    private GraphQlTester.Response releases(Map<String, Object> filter, int first, String after) {
        return releasesRequest(filter, first, after).execute();
    }

    private GraphQlTester.Request<?> releasesRequest(Map<String, Object> filter, int first, String after) {
        return this.graphQl.documentName("ReleaseDetails")
            .variable("filter", filter)
            .variable("first", first)
            .variable("after", after);
    }

    private GraphQlTester.Response changesBefore(String app, String at, int windowMinutes, int depth) {
        return changesBeforeRequest(app, at, windowMinutes, depth).execute();
    }

    private GraphQlTester.Request<?> changesBeforeRequest(String app, String at, int windowMinutes, int depth) {
        return this.graphQl.documentName("ChangesBefore")
            .variable("app", app)
            .variable("at", at)
            .variable("windowMinutes", windowMinutes)
            .variable("depth", depth);
    }

    static void badRequest(GraphQlTester.Request<?> request, String message) {
        request.execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(error.getExtensions()).containsEntry("code", "INVALID");
            assertThat(error.getMessage()).contains(message);
        }));
    }

}
