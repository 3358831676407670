package io.appgraph.dependencies;

import java.util.List;

import io.appgraph.catalog.Tier;

/** The graph the portal draws: apps sized by their dependents and coloured by squad. */
record DependencyGraph(List<Node> nodes, List<Edge> edges) {

    /** @param dependentCount apps that call this one directly */
    record Node(String name, String squad, Tier tier, int dependentCount, boolean alerting) {
    }

    /** A call from one app to another, with every source that reports it. */
    record Edge(String from, String to, List<DependencySource> sources) {
    }
}
