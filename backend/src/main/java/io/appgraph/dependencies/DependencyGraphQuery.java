package io.appgraph.dependencies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.appgraph.catalog.Tier;
import io.appgraph.dependencies.DependencyGraph.Edge;
import io.appgraph.dependencies.DependencyGraph.Node;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.NotFoundException;
import io.appgraph.platform.Values;
import io.appgraph.platform.planner.NodePlan;
import io.appgraph.platform.planner.PlanContext;
import io.appgraph.platform.planner.PlannedRow;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Component;

/**
 * Nodes and edges of the whole estate, or of one squad and its direct neighbours: two
 * queries.
 */
@Component
final class DependencyGraphQuery {

    private static final String NODE_FIELDS = """
            app.name AS name, head(COLLECT { MATCH (app)-[:OWNED_BY]->(s:Squad) RETURN s.name LIMIT 1 }) AS squad, app.tier AS tier,
            COUNT { (app)<-[:DEPENDS_ON]-(:App) } AS dependentCount,
            EXISTS { (app)<-[:ON]-(:Alert {status: 'FIRING'}) } AS alerting
            """;

    // What the graph holds: every app and dependency, or one squad's apps with their
    // direct
    // neighbours and the dependencies that touch its apps. Shared by both ways of reading
    // it.
    private static final String ALL_APPS = "MATCH (app:App)";

    private static final String SQUAD_APPS = """
            MATCH (:Squad {name: $squad})<-[:OWNED_BY]-(own:App)
            CALL (own) {
              RETURN own AS app
              UNION
              MATCH (own)-[:DEPENDS_ON]-(app:App)
              RETURN app
            }
            WITH DISTINCT app""";

    private static final String ALL_DEPENDENCIES = "MATCH (:App)-[d:DEPENDS_ON]->(:App)";

    private static final String SQUAD_DEPENDENCIES = """
            MATCH (:Squad {name: $squad})<-[:OWNED_BY]-(:App)-[d:DEPENDS_ON]-(:App)
            WITH DISTINCT d""";

    private static final String NODES = "%s\nRETURN " + NODE_FIELDS + " ORDER BY name";

    private static final String EDGES = "%s\nRETURN startNode(d).name AS from, endNode(d).name AS to, d.sources AS sources";

    private static final String ALL_NODES = NODES.formatted(ALL_APPS);

    private static final String ALL_EDGES = EDGES.formatted(ALL_DEPENDENCIES);

    private static final String SQUAD_NODES = NODES.formatted(SQUAD_APPS);

    private static final String SQUAD_EDGES = EDGES.formatted(SQUAD_DEPENDENCIES);

    private static final String SQUAD_EXISTS = "RETURN EXISTS { (:Squad {name: $squad}) } AS found";

    // Planned: one statement streaming one row per node, then one per edge. The first row
    // only
    // says whether the squad exists, so an unknown squad is told from one without apps.
    private static final String PLANNED = """
            CALL () {
              RETURN %1$s AS found, null AS node, null AS edge
              UNION ALL
              %2$s
              UNION ALL
              %3$s
            }
            RETURN found, node, edge
            """;

    private static final String PLANNED_NODES = "%s\nWITH app ORDER BY app.name\nRETURN true AS found, %%s AS node, null AS edge";

    private static final String PLANNED_EDGES = "%s\nRETURN true AS found, null AS node, %%s AS edge";

    private static final String NOTHING = "RETURN true AS found, null AS node, null AS edge LIMIT 0";

    private final Cypher cypher;

    DependencyGraphQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    DependencyGraph<Node, Edge> of(String squad) {
        if (squad == null) {
            return new DependencyGraph<>(this.cypher.list(ALL_NODES, Map.of(), DependencyGraphQuery::node),
                    this.cypher.list(ALL_EDGES, Map.of(), DependencyGraphQuery::edge));
        }
        Map<String, Object> parameters = new HashMap<>(Map.of("squad", squad));
        return this.cypher.read(tx -> {
            if (!this.cypher.run(tx, SQUAD_EXISTS, parameters).get(0).get("found").asBoolean()) {
                throw new NotFoundException("No squad is named '" + squad + "'");
            }
            return new DependencyGraph<>(
                    this.cypher.run(tx, SQUAD_NODES, parameters).stream().map(DependencyGraphQuery::node).toList(),
                    this.cypher.run(tx, SQUAD_EDGES, parameters).stream().map(DependencyGraphQuery::edge).toList());
        });
    }

    /** The graph for {@code selection}, in one statement planned by {@code plan}. */
    DependencyGraph<PlannedRow, PlannedRow> planned(String squad, DataFetchingFieldSelectionSet selection,
            PlanContext plan) {
        NodePlan node = plan.node("GraphNode", "app", plan.childrenAt(selection, "nodes"));
        NodePlan edge = plan.node("GraphEdge", "d", plan.childrenAt(selection, "edges"));
        String nodes = !selection.contains("nodes") ? NOTHING
                : PLANNED_NODES.formatted((squad == null) ? ALL_APPS : SQUAD_APPS).formatted(node.expression());
        String edges = !selection.contains("edges") ? NOTHING
                : PLANNED_EDGES.formatted((squad == null) ? ALL_DEPENDENCIES : SQUAD_DEPENDENCIES)
                    .formatted(edge.expression());
        String query = PLANNED.formatted((squad == null) ? "true" : "EXISTS { (:Squad {name: $squad}) }", nodes, edges);
        Map<String, Object> parameters = plan.parameters();
        parameters.put("squad", squad);
        return this.cypher.stream(query, parameters, records -> {
            List<PlannedRow> nodeRows = new ArrayList<>();
            List<PlannedRow> edgeRows = new ArrayList<>();
            for (Iterator<Record> rows = records.iterator(); rows.hasNext();) {
                Record row = rows.next();
                if (!row.get("found").asBoolean()) {
                    throw new NotFoundException("No squad is named '" + squad + "'");
                }
                if (!row.get("node").isNull()) {
                    nodeRows.add(node.read(row.get("node")));
                }
                else if (!row.get("edge").isNull()) {
                    edgeRows.add(edge.read(row.get("edge")));
                }
            }
            return new DependencyGraph<>(nodeRows, edgeRows);
        });
    }

    private static Node node(Record r) {
        return new Node(r.get("name").asString(), r.get("squad").asString(null),
                Values.enumOrNull(r.get("tier"), Tier.class), r.get("dependentCount").asInt(),
                r.get("alerting").asBoolean());
    }

    static Edge edge(Record r) {
        return new Edge(r.get("from").asString(), r.get("to").asString(),
                Values.enumList(r.get("sources"), DependencySource.class));
    }

}
