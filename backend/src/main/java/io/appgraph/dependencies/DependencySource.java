package io.appgraph.dependencies;

/** Where a dependency was learned from; an edge keeps every source that reports it. */
public enum DependencySource {

    DECLARED, NETWORK_POLICY, MESH, BACKSTAGE

}
