package io.appgraph.platform.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner turns a selection into one Cypher map per object: only declared names reach
 * the text, request values become parameters, and what no declaration covers falls back
 * to the type's source record. No database is needed to see the statement it plans.
 */
class SelectionPlannerTests {

    private static final String SCHEMA = """
            type Query { thing(name: String!): Thing }
            type Thing { name: String! size: Int owner: Person friends: [Thing!]! nickname: String
                         sized(min: Int): Int friendCount: Int }
            type Person { handle: String! }
            """;

    private final List<String> statements = new ArrayList<>();

    private final List<Map<String, Object>> parameters = new ArrayList<>();

    private final SelectionPlanner planner = new SelectionPlanner(List.of(
            TypeFields.of("Thing")
                .source("{name: %1$s.name}", value -> Map.of("name", value.get("name").asString()))
                .property("name")
                .property("size", "sizeInBytes")
                .one("owner", "Person", "(%1$s)-[:OWNED_BY]->(%2$s:Person)")
                .many("friends", "Thing", "(%1$s)-[:KNOWS]->(%2$s:Thing)", "%1$s.name")
                .expression("friendCount", "COUNT { (%1$s)-[:KNOWS]->(%2$s:Thing) WHERE %2$s <> %1$s }")
                .field("sized",
                        (variable, field,
                                context) -> PlannedField.value("CASE WHEN %s.sizeInBytes >= %s THEN 1 END"
                                    .formatted(variable, context.parameter(field.getArguments().get("min"))))),
            TypeFields.of("Person").property("handle")), new PlannerProperties(true));

    @Test
    void plansOnlyTheSelectedFieldsIntoOneNestedMap() {
        plan("{ thing(name: \"a\") { name owner { handle } friends { size } } }");

        assertThat(this.statements).containsExactly(
                "{name: thing.name, owner: head(COLLECT { MATCH (thing)-[:OWNED_BY]->(pv1:Person) RETURN {handle: pv1.handle} LIMIT 1 }), "
                        + "friends: COLLECT { MATCH (thing)-[:KNOWS]->(pv2:Thing) WITH pv2 ORDER BY pv2.name RETURN {size: pv2.sizeInBytes} }}");
    }

    @Test
    void aliasesAndArgumentValuesNeverReachTheCypherText() {
        plan("{ thing(name: \"a\") { `x: name big: sized(min: 100) small: sized(min: 1) } }".replace("`", ""));

        assertThat(this.statements.get(0)).doesNotContain("x:", "big", "small", "100")
            .isEqualTo("{name: thing.name, sized: CASE WHEN thing.sizeInBytes >= $pp1 THEN 1 END, "
                    + "sized_2: CASE WHEN thing.sizeInBytes >= $pp2 THEN 1 END}");
        assertThat(this.parameters.get(0)).containsEntry("pp1", 100).containsEntry("pp2", 1);
    }

    @Test
    void aFieldNoDeclarationCoversFetchesTheSourceRecordForItsDataFetcher() {
        plan("{ thing(name: \"a\") { name nickname } }");

        assertThat(this.statements).containsExactly("{name: thing.name, __source: {name: thing.name}}");
    }

    @Test
    void variablesAnExpressionIntroducesAreFreshNames() {
        plan("{ thing(name: \"a\") { owner { handle } friendCount } }");

        assertThat(this.statements).containsExactly(
                "{owner: head(COLLECT { MATCH (thing)-[:OWNED_BY]->(pv1:Person) RETURN {handle: pv1.handle} LIMIT 1 }), "
                        + "friendCount: COUNT { (thing)-[:KNOWS]->(pv2:Thing) WHERE pv2 <> thing }}");
    }

    @Test
    void typenameIsLeftToGraphQl() {
        plan("{ thing(name: \"a\") { __typename name } }");

        assertThat(this.statements).containsExactly("{name: thing.name}");
    }

    @Test
    void readsTheSelectedFieldsByResultKey() {
        NodePlan[] plan = new NodePlan[1];
        GraphQL graphQl = graphQl(environment -> this.planner.answer(environment, context -> {
            plan[0] = context.node("Thing", "thing", environment.getSelectionSet().getImmediateFields());
            return plan[0].read(Values.value(Map.of("name", "checkout", "owner", Map.of("handle", "ada"))));
        }, () -> null));

        Map<String, Object> data = graphQl.execute("{ thing(name: \"a\") { title: name owner { handle } } }").getData();

        assertThat(data).isEqualTo(Map.of("thing", Map.of("title", "checkout", "owner", Map.of("handle", "ada"))));
    }

    @Test
    void aDisabledPlannerAnswersThroughTheUnplannedPath() {
        GraphQL graphQl = graphQl(environment -> this.planner.answer(environment, context -> {
            throw new AssertionError("planned");
        }, () -> Map.of("name", "from records")));

        var result = graphQl.execute(ExecutionInput.newExecutionInput("{ thing(name: \"a\") { name } }")
            .graphQLContext(Map.of(SelectionPlanner.DISABLED, true))
            .build());

        assertThat(result.<Map<String, Object>>getData()).isEqualTo(Map.of("thing", Map.of("name", "from records")));
    }

    private void plan(String query) {
        GraphQL graphQl = graphQl(environment -> this.planner.answer(environment, context -> {
            NodePlan plan = context.node("Thing", "thing", environment.getSelectionSet().getImmediateFields());
            this.statements.add(plan.expression());
            this.parameters.add(context.parameters());
            return null;
        }, () -> null));
        var result = graphQl.execute(query);
        assertThat(result.getErrors()).isEmpty();
    }

    private static GraphQL graphQl(graphql.schema.DataFetcher<?> thing) {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
            .type("Query", type -> type.dataFetcher("thing", thing))
            .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring);
        return GraphQL.newGraphQL(schema).instrumentation(new PlannedFieldResolution()).build();
    }

}
