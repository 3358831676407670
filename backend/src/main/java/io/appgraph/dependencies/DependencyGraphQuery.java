package io.appgraph.dependencies;

import java.util.HashMap;
import java.util.Map;

import io.appgraph.catalog.Tier;
import io.appgraph.dependencies.DependencyGraph.Edge;
import io.appgraph.dependencies.DependencyGraph.Node;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.NotFoundException;
import io.appgraph.platform.Values;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Component;

/** Nodes and edges of the whole estate, or of one squad and its direct neighbours: two queries. */
@Component
final class DependencyGraphQuery {

    private static final String NODE_FIELDS = """
            app.name AS name, head([(app)-[:OWNED_BY]->(s:Squad) | s.name]) AS squad, app.tier AS tier,
            COUNT { (app)<-[:DEPENDS_ON]-(:App) } AS dependentCount,
            EXISTS { (app)<-[:ON]-(:Alert {status: 'FIRING'}) } AS alerting
            """;

    private static final String ALL_NODES = "MATCH (app:App) RETURN " + NODE_FIELDS + " ORDER BY name";

    private static final String ALL_EDGES = """
            MATCH (caller:App)-[d:DEPENDS_ON]->(callee:App)
            RETURN caller.name AS from, callee.name AS to, d.sources AS sources
            """;

    private static final String SQUAD_NODES = """
            MATCH (:Squad {name: $squad})<-[:OWNED_BY]-(own:App)
            CALL (own) {
              RETURN own AS app
              UNION
              MATCH (own)-[:DEPENDS_ON]-(app:App)
              RETURN app
            }
            WITH DISTINCT app
            RETURN %s ORDER BY name
            """.formatted(NODE_FIELDS);

    private static final String SQUAD_EDGES = """
            MATCH (:Squad {name: $squad})<-[:OWNED_BY]-(own:App)-[d:DEPENDS_ON]-(:App)
            WITH DISTINCT d
            RETURN startNode(d).name AS from, endNode(d).name AS to, d.sources AS sources
            """;

    private static final String SQUAD_EXISTS = "RETURN EXISTS { (:Squad {name: $squad}) } AS found";

    private final Cypher cypher;

    DependencyGraphQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    DependencyGraph of(String squad) {
        if (squad == null) {
            return new DependencyGraph(this.cypher.list(ALL_NODES, Map.of(), DependencyGraphQuery::node),
                    this.cypher.list(ALL_EDGES, Map.of(), DependencyGraphQuery::edge));
        }
        Map<String, Object> parameters = new HashMap<>(Map.of("squad", squad));
        return this.cypher.read(tx -> {
            if (!this.cypher.run(tx, SQUAD_EXISTS, parameters).get(0).get("found").asBoolean()) {
                throw new NotFoundException("No squad is named '" + squad + "'");
            }
            return new DependencyGraph(
                    this.cypher.run(tx, SQUAD_NODES, parameters).stream().map(DependencyGraphQuery::node).toList(),
                    this.cypher.run(tx, SQUAD_EDGES, parameters).stream().map(DependencyGraphQuery::edge).toList());
        });
    }

    private static Node node(Record r) {
        return new Node(r.get("name").asString(), r.get("squad").asString(null), Values.enumOrNull(r.get("tier"), Tier.class),
                r.get("dependentCount").asInt(), r.get("alerting").asBoolean());
    }

    static Edge edge(Record r) {
        return new Edge(r.get("from").asString(), r.get("to").asString(),
                Values.enumList(r.get("sources"), DependencySource.class));
    }
}
