package io.appgraph.dependencies;

import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;

/**
 * Writes what a cluster's network policies say: the calls they allow (NETWORK_POLICY
 * edges) and which apps they govern, ingress or egress, so that drift can tell traffic
 * the policies do not allow from traffic to apps no policy restricts. Both replace what
 * the previous import said.
 */
@Service
final class NetworkPolicyImport {

    private static final String GOVERN = """
            UNWIND $apps AS name
            MATCH (app:App {name: name})
            SET app.%1$s = true
            """;

    private static final String RELEASE = """
            MATCH (app:App) WHERE app.%1$s = true AND NOT app.name IN $apps
            REMOVE app.%1$s
            """;

    private final DiscoveredEdges edges;

    private final Cypher cypher;

    NetworkPolicyImport(DiscoveredEdges edges, Cypher cypher) {
        this.edges = edges;
        this.cypher = cypher;
    }

    void write(TransactionContext tx, NetworkPolicies policies, ImportReport report) {
        this.edges.replace(tx, DependencySource.NETWORK_POLICY, policies.apps(), policies.edges(), report);
        govern(tx, "ingressGoverned", List.copyOf(policies.ingressGoverned()));
        govern(tx, "egressGoverned", List.copyOf(policies.egressGoverned()));
    }

    private void govern(TransactionContext tx, String property, List<String> apps) {
        this.cypher.run(tx, RELEASE.formatted(property), Map.of("apps", apps));
        this.cypher.run(tx, GOVERN.formatted(property), Map.of("apps", apps));
    }

}
