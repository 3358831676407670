package io.appgraph.platform;

import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Nested fields of many parents load through batch loaders: a handful of queries, not hundreds. */
class BatchLoadingIT extends IntegrationTest {

    @Autowired
    Cypher cypher;

    @Test
    void hundredAppsWithTheirSquadsOwnersAndDependenciesTakeAHandfulOfQueries() {
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
        var apps = this.graphQl.document("""
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
                }""").execute().path("apps.edges[*].node.name").entityList(String.class).get();
        long statements = this.cypher.statementCount() - before;

        assertThat(apps).hasSize(100);
        // apps page, squads, buddies, owners, dependencies, dependents, ownership chains
        assertThat(statements).isLessThanOrEqualTo(7);
        this.graphQl.document("{ apps(first: 100) { edges { node { owner { handle active } } } } }").execute()
                .path("apps.edges[*].node.owner.active").entityList(Boolean.class)
                .satisfies(active -> assertThat(active.stream().filter(a -> !a).count()).isEqualTo(10));
    }
}
