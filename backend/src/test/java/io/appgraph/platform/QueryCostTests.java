package io.appgraph.platform;

import java.util.List;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request costs what it would load: pages by their size, lists by a guess, and
 * traversals and whole-estate lists by the estate's size; over a limit it is refused
 * before anything runs.
 */
class QueryCostTests {

    private static final long ESTATE = 1_000;

    private final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            type Query { apps(first: Int): AppConnection, app: App, radius(app: String): Radius, graph: Graph }
            type AppConnection { edges: [AppEdge] }
            type AppEdge { node: App }
            type App { name: String, dependents: [App] }
            type Radius { count: Int, impacted: [App] }
            type Graph { nodes: [App] }
            """), RuntimeWiring.newRuntimeWiring().build());

    private final List<FieldCost> costs = List.of(FieldCost.expensive("Query", "radius", environment -> ESTATE),
            FieldCost.list("Radius", "impacted", environment -> ESTATE),
            FieldCost.expensive("Query", "graph", environment -> 0),
            FieldCost.list("Graph", "nodes", environment -> ESTATE));

    @Test
    void aPageOfAHundredCostsAHundredTimesItsSelection() {
        // apps: 100 x (1 + edges(1 + node(1 + name 1))) = 400
        assertThat(refusal(399, 3, "{ apps(first: 100) { edges { node { name } } } }"))
            .contains("costs 400, 1 over the limit of 399");
        assertThat(refusal(400, 3, "{ apps(first: 100) { edges { node { name } } } }")).isNull();
    }

    @Test
    void listsOfObjectsCostTenTimesTheirSelection() {
        // app: 1 + dependents(10 x (1 + name 1)) = 21
        assertThat(refusal(20, 3, "{ app { dependents { name } } }")).isNotNull();
        assertThat(refusal(21, 3, "{ app { dependents { name } } }")).isNull();
    }

    @Test
    void aTraversalCostsItsWorkEvenWhenOnlyCounting() {
        // radius: 1 + count 1 + work 1,000
        assertThat(refusal(1_001, 3, "{ radius(app: \"a\") { count } }")).contains("costs 1,002");
        assertThat(refusal(1_002, 3, "{ radius(app: \"a\") { count } }")).isNull();
    }

    @Test
    void estateSizedListsPayTheirSelectionOncePerApp() {
        // radius: 1 + impacted(1,000 x (1 + name 1)) + work 1,000 = 3,001
        assertThat(refusal(3_000, 3, "{ radius(app: \"a\") { impacted { name } } }")).contains("costs 3,001");
    }

    @Test
    void aRequestMayHoldOnlyAFewExpensiveFields() {
        String sixty = "{ "
                + "r%d: radius(app: \"a\") { count } ".repeat(60)
                    .formatted(java.util.stream.IntStream.range(0, 60).boxed().toArray())
                + "g: graph { nodes { name } } }";

        assertThat(refusal(Integer.MAX_VALUE, 3, sixty)).isEqualTo(
                "The request holds 61 expensive fields (graph x1, radius x60), 58 over the limit of 3 (appgraph.graphql.max-expensive-fields): send them in separate requests");
        assertThat(refusal(Integer.MAX_VALUE, 3,
                "{ a: radius(app: \"a\") { count } b: radius(app: \"b\") { count } graph { nodes { name } } }"))
            .isNull();
    }

    @Test
    void fanOutsMultiplyWithoutWrappingAround() {
        String deep = "{ apps(first: 100) { edges { node { " + "dependents { ".repeat(9) + "name" + " }".repeat(9)
                + " } } } }";

        assertThat(refusal(Integer.MAX_VALUE - 1, 3, deep)).contains("over the limit");
    }

    private String refusal(int maxComplexity, int maxExpensive, String query) {
        ExecutionResult result = GraphQL.newGraphQL(this.schema)
            .instrumentation(new CostLimits(new QueryCost(this.costs), maxComplexity, maxExpensive))
            .build()
            .execute(query);
        return result.getErrors().stream().map(error -> error.getMessage()).findFirst().orElse(null);
    }

}
