package io.appgraph.dependencies;

import java.util.List;

import io.appgraph.catalog.Tier;

/**
 * The graph the portal draws: apps sized by their dependents and coloured by squad. Nodes
 * and edges are the records below when read for data fetchers, planned rows when planned.
 */
record DependencyGraph<N, E>(List<N> nodes, List<E> edges) {

    /**
     * @param dependentCount apps that call this one directly
     */
    record Node(String name, String squad, Tier tier, int dependentCount, boolean alerting) {
    }

    /** A call from one app to another, with every source that reports it. */
    record Edge(String from, String to, List<DependencySource> sources) {
    }
}
