package io.appgraph.dependencies;

import java.util.List;

import io.appgraph.catalog.App;

/**
 * Apps that depend on {@code app} directly or transitively, each once at its shortest distance.
 *
 * @param truncated true when apps exist beyond {@code maxDepth}
 */
record BlastRadius(App app, int maxDepth, int count, boolean truncated, List<ImpactedApp> impacted) {

    /** An app in the blast radius; distance 1 means it calls the failing app directly. */
    record ImpactedApp(int distance, App app) {
    }
}
