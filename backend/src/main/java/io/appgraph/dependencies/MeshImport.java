package io.appgraph.dependencies;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;

/**
 * Writes what the mesh saw: the calls (MESH edges with their last sighting) and which
 * apps the mesh sees at all ({@code meshObserved}: they have a sidecar), so that drift
 * judges "declared but never observed" only for apps whose calls the mesh could have
 * seen.
 */
@Service
final class MeshImport {

    private static final String FORGET = """
            MATCH (app:App) WHERE app.meshObserved = true
              AND NOT EXISTS { (app)-[d:DEPENDS_ON]-(:App) WHERE 'MESH' IN d.sources }
            REMOVE app.meshObserved
            """;

    private static final String SEEN = """
            UNWIND $apps AS name
            MATCH (app:App {name: name})
            SET app.meshObserved = true
            """;

    private final DiscoveredEdges edges;

    private final Cypher cypher;

    MeshImport(DiscoveredEdges edges, Cypher cypher) {
        this.edges = edges;
        this.cypher = cypher;
    }

    void write(TransactionContext tx, List<DiscoveredEdge> seen, OffsetDateTime retainSince, ImportReport report) {
        this.edges.observe(tx, seen, retainSince, report);
        Set<String> apps = new LinkedHashSet<>();
        seen.forEach(edge -> {
            apps.add(edge.from());
            apps.add(edge.to());
        });
        this.cypher.run(tx, FORGET, Map.of());
        this.cypher.run(tx, SEEN, Map.of("apps", List.copyOf(apps)));
    }

}
