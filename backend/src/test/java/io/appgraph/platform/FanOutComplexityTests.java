package io.appgraph.platform;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Complexity grows with page sizes and list fan-out, so wide queries cost what they would load. */
class FanOutComplexityTests {

    private final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            type Query { apps(first: Int): AppConnection, app: App }
            type AppConnection { edges: [AppEdge] }
            type AppEdge { node: App }
            type App { name: String, dependents: [App] }
            """), RuntimeWiring.newRuntimeWiring().build());

    @Test
    void aPageOfAHundredCostsAHundredTimesItsSelection() {
        // apps: 100 x (1 + edges(1 + node(1 + name 1))) = 400
        assertThat(rejectedAbove(399, "{ apps(first: 100) { edges { node { name } } } }")).isTrue();
        assertThat(rejectedAbove(400, "{ apps(first: 100) { edges { node { name } } } }")).isFalse();
    }

    @Test
    void listsOfObjectsCostTenTimesTheirSelection() {
        // app: 1 + dependents(10 x (1 + name 1)) = 21
        assertThat(rejectedAbove(20, "{ app { dependents { name } } }")).isTrue();
        assertThat(rejectedAbove(21, "{ app { dependents { name } } }")).isFalse();
    }

    private boolean rejectedAbove(int max, String query) {
        ExecutionResult result = GraphQL.newGraphQL(this.schema)
                .instrumentation(new MaxQueryComplexityInstrumentation(max, new FanOutComplexity()))
                .build().execute(query);
        return result.getErrors().stream().anyMatch(e -> e.getMessage().contains("maximum query complexity exceeded"));
    }
}
