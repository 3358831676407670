package io.appgraph.platform.planner;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.GlobalId;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every planned read answers in one Cypher statement, whatever the selection, and answers
 * exactly what the data fetchers and batch loaders answer for the same selection (the
 * planner turned off for that request). The documents under {@code graphql-test/planned}
 * select every field of every planned type, with aliases, fragments, arguments and
 * cursors. The same documents complete alike in one walk ({@link DirectCompletion}) and
 * field by field.
 */
class PlannedReadsIT extends IntegrationTest {

    @Autowired
    Cypher cypher;

    @Autowired
    ExecutionGraphQlService service;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void estate() {
        new Fixtures(this.driver).group("engineering", "organisation", null)
            .group("money", "department", "engineering")
            .group("growth", "department", "engineering")
            .person("olga.ops")
            .squad("payments", "money", "olga.ops")
            .squad("search", "growth", null)
            .person("ada", "payments")
            .person("bob", "payments", "search")
            .leaver("old.timer", "payments")
            .app("payments-api", "payments", "ada", "TIER_1", "Takes card payments")
            .app("ledger", "payments", "old.timer", "TIER_1", "Double-entry book of every payment")
            .app("refunds", "payments", "ada", "TIER_2", "Gives money back")
            .app("checkout", "search", "bob", "TIER_2", "Pays for the basket")
            .app("finder", "search", "bob", "TIER_3", "Finds products")
            .app("orphan")
            .dependsOn("checkout", "payments-api")
            .dependsOn("refunds", "payments-api", "DECLARED", "MESH")
            .dependsOn("finder", "checkout")
            .dependsOn("payments-api", "ledger")
            .dependsOn("ledger", "finder")
            .run("""
                    MATCH (a:App {name: 'payments-api'}), (old:Person {handle: 'old.timer'}), (s:Squad {name: 'search'})
                    CREATE (a)-[:PREVIOUSLY_HAD_OWNER {since: datetime('2023-01-01T09:00:00Z'), until: datetime('2024-01-01T09:00:00Z')}]->(old)
                    CREATE (a)-[:PREVIOUSLY_OWNED_BY {since: datetime('2022-01-01T09:00:00Z'), until: datetime('2024-01-01T09:00:00Z')}]->(s)
                    SET a.lifecycle = 'production', a.type = 'service', a.system = 'payments'
                    WITH a
                    UNWIND range(1, 3) AS i
                    CREATE (:Release {externalId: 'r-' + i, version: '1.' + i, commit: 'c' + i, pipelineUrl: 'https://ci.example.com/' + i,
                                      environment: 'prod', status: CASE i WHEN 3 THEN 'IN_PROGRESS' ELSE 'SUCCEEDED' END,
                                      startedAt: datetime('2026-01-0' + i + 'T09:00:00Z'),
                                      finishedAt: CASE i WHEN 3 THEN null ELSE datetime('2026-01-0' + i + 'T09:07:30Z') END})-[:OF]->(a)
                    """,
                    Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = { "EveryAppField", "AliasesAndFragments", "DirectoryPages", "Radius", "RadiusCount",
            "Graphs", "Organisation", "Nodes", "SameFieldTwice" })
    void aPlannedReadTakesOneStatementPerRootFieldAndAnswersWhatTheDataFetchersAnswer(String document) {
        Map<String, Object> variables = variables(document);

        long before = this.cypher.statementCount();
        GraphQlTester.Response planned = request(this.graphQl, document, variables);
        long statements = this.cypher.statementCount() - before;
        Map<String, Object> plannedData = planned.returnResponse().getData();

        GraphQlTester.Response unplanned = request(withContext(SelectionPlanner.DISABLED), document, variables);

        assertThat(edgesAsSets(plannedData)).isEqualTo(edgesAsSets(unplanned.returnResponse().getData()));
        assertThat(statements).as("statements for %s", document).isEqualTo(plannedData.size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "EveryAppField", "AliasesAndFragments", "DirectoryPages", "Radius", "RadiusCount",
            "Graphs", "Organisation", "Nodes", "SameFieldTwice" })
    void completingAnAnswerInOneWalkGivesWhatCompletingItFieldByFieldGives(String document) {
        Map<String, Object> variables = variables(document);
        double before = directCompletions("completed");

        Map<String, Object> direct = request(this.graphQl, document, variables).returnResponse().getData();
        double walked = directCompletions("completed") - before;
        Map<String, Object> stepwise = request(withContext(DirectCompletion.DISABLED), document, variables)
            .returnResponse()
            .getData();

        assertThat(edgesAsSets(direct)).isEqualTo(edgesAsSets(stepwise));
        assertThat(walked).as("values completed in one walk for %s", document).isPositive();
    }

    @Test
    void aValueTheWalkCannotCompleteIsCompletedFieldByFieldWithItsErrors() {
        this.driver.executableQuery("MATCH (a:App {name: 'refunds'}) SET a.tier = 'GOLD'").execute();
        String document = "{ apps(first: 10) { edges { node { name tier squad { name } } } } }";
        double gaveUp = directCompletions("gave-up");

        GraphQlResponse direct = this.graphQl.document(document).execute().returnResponse();
        GraphQlResponse stepwise = withContext(DirectCompletion.DISABLED).document(document).execute().returnResponse();

        assertThat(directCompletions("gave-up")).isGreaterThan(gaveUp);
        assertThat((Object) direct.getData()).isEqualTo(stepwise.getData());
        assertThat(direct.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getPath()).isEqualTo("apps.edges[5].node.tier");
            assertThat(error.getMessage()).contains("GOLD");
        });
        assertThat(direct.getErrors())
            .extracting(ResponseError::getMessage, ResponseError::getPath, ResponseError::getErrorType)
            .containsExactly(stepwise.getErrors()
                .stream()
                .map(error -> tuple(error.getMessage(), error.getPath(), error.getErrorType()))
                .toArray(Tuple[]::new));
    }

    private GraphQlTester withContext(String flag) {
        return ExecutionGraphQlServiceTester.builder(this.service)
            .configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(flag, true)).build())
            .build();
    }

    private double directCompletions(String outcome) {
        return this.meters.counter("appgraph.graphql.direct.completions", "outcome", outcome).count();
    }

    // A dependency graph's edges come in no promised order: compare them as sets.
    @SuppressWarnings("unchecked")
    private static Object edgesAsSets(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new HashMap<>();
            map.forEach((key, item) -> copy.put(key,
                    "edges".equals(key) && item instanceof List<?> list && !list.isEmpty()
                            && ((Map<String, Object>) list.get(0)).containsKey("from") ? new HashSet<>(list)
                                    : edgesAsSets(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlannedReadsIT::edgesAsSets).toList();
        }
        return value;
    }

    private static GraphQlTester.Response request(GraphQlTester tester, String document,
            Map<String, Object> variables) {
        GraphQlTester.Request<?> request = tester.documentName("planned/" + document);
        variables.forEach(request::variable);
        GraphQlTester.Response response = request.execute();
        response.errors().verify();
        return response;
    }

    private Map<String, Object> variables(String document) {
        Map<String, Object> variables = new HashMap<>();
        switch (document) {
            case "EveryAppField", "AliasesAndFragments", "SameFieldTwice" -> variables.put("name", "payments-api");
            case "Radius", "RadiusCount" -> variables.put("app", "payments-api");
            case "DirectoryPages" -> variables.put("after",
                    this.graphQl.document("{ apps(first: 3) { pageInfo { endCursor } } }")
                        .execute()
                        .path("apps.pageInfo.endCursor")
                        .entity(String.class)
                        .get());
            case "Nodes" -> {
                variables.put("app", GlobalId.of("App", "checkout"));
                variables.put("squad", GlobalId.of("Squad", "payments"));
                variables.put("group", GlobalId.of("Group", "money"));
                variables.put("person", GlobalId.of("Person", "bob"));
            }
            default -> {
            }
        }
        return variables;
    }

}
