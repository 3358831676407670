package io.appgraph.dependencies;

import java.util.List;

/**
 * Apps that depend on {@code app} directly or transitively, each once at its shortest
 * distance. Apps are {@code App} records when read for data fetchers, planned rows when
 * planned.
 *
 * @param truncated true when apps exist beyond {@code maxDepth}
 */
record BlastRadius<A>(A app, int maxDepth, int count, boolean truncated, List<ImpactedApp<A>> impacted) {

    /** An app in the blast radius; distance 1 means it calls the failing app directly. */
    record ImpactedApp<A>(int distance, A app) {
    }
}
