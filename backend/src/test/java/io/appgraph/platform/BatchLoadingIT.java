package io.appgraph.platform;

import java.util.Map;

import io.appgraph.IntegrationTest;
import io.appgraph.platform.planner.SelectionPlanner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.test.tester.ExecutionGraphQlServiceTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of a hundred apps with nested fields is one planned statement; with the planner
 * off, nested fields load through batch loaders: a handful of queries, not hundreds.
 */
class BatchLoadingIT extends IntegrationTest {

    private static final String PAGE = """
            {
              apps(first: 100) {
                edges { node {
                  name
                  squad { name buddy { handle } }
                  owner { handle active }
                  dependencies { name }
                  dependents { name }
                  ownershipChain { role name }
                } }
              }
            }""";

    @Autowired
    Cypher cypher;

    @Autowired
    ExecutionGraphQlService service;

    @Test
    void hundredAppsWithTheirSquadsOwnersAndDependenciesTakeOneStatementOrAHandfulOfBatches() {
        cypher("""
                CREATE (root:Group {name: 'engineering', type: 'organisation'})
                CREATE (dept:Group {name: 'payments', type: 'department'})-[:PART_OF]->(root)
                WITH dept
                UNWIND range(0, 9) AS s
                CREATE (squad:Squad {name: 'squad-' + s, slackChannel: '#squad-' + s})-[:PART_OF]->(dept)
                CREATE (buddy:Person {handle: 'buddy.' + s, active: true})
                CREATE (squad)-[:HAS_BUDDY]->(buddy)
                WITH squad, s
                UNWIND range(0, 9) AS a
                CREATE (owner:Person {handle: 'owner.' + s + '.' + a, active: a <> 3})-[:MEMBER_OF]->(squad)
                CREATE (app:App {name: 'app-' + s + '-' + a, tier: 'TIER_2'})-[:OWNED_BY {since: datetime()}]->(squad)
                CREATE (app)-[:HAS_OWNER {since: datetime()}]->(owner)
                """);
        cypher("""
                MATCH (a:App), (b:App) WHERE a.name < b.name AND (toInteger(split(a.name, '-')[2]) + 1) % 10 = toInteger(split(b.name, '-')[2])
                CREATE (a)-[:DEPENDS_ON {sources: ['DECLARED']}]->(b)
                """);

        long before = this.cypher.statementCount();
        var planned = this.graphQl.document(PAGE)
            .execute()
            .path("apps.edges[*].node.name")
            .entityList(String.class)
            .get();
        assertThat(planned).hasSize(100);
        assertThat(this.cypher.statementCount() - before).isEqualTo(1);

        before = this.cypher.statementCount();
        var apps = ExecutionGraphQlServiceTester.builder(this.service)
            .configureExecutionInput(
                    (input, builder) -> builder.graphQLContext(Map.of(SelectionPlanner.DISABLED, true)).build())
            .build()
            .document(PAGE)
            .execute()
            .path("apps.edges[*].node.name")
            .entityList(String.class)
            .get();
        long statements = this.cypher.statementCount() - before;

        assertThat(apps).hasSize(100);
        // apps page, squads, buddies, owners, dependencies, dependents, ownership chains
        assertThat(statements).isLessThanOrEqualTo(7);
        this.graphQl.document("{ apps(first: 100) { edges { node { owner { handle active } } } } }")
            .execute()
            .path("apps.edges[*].node.owner.active")
            .entityList(Boolean.class)
            .satisfies(active -> assertThat(active.stream().filter(a -> !a).count()).isEqualTo(10));
    }

}
