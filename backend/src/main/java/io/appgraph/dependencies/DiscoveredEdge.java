package io.appgraph.dependencies;

import java.time.OffsetDateTime;

/**
 * A call one import asserts: {@code from} depends on {@code to}.
 *
 * @param from the caller's app name
 * @param to the callee's app name
 * @param observedAt when the service mesh saw the traffic; null for other sources
 * @param requestRate requests per second the mesh saw; null for other sources
 */
public record DiscoveredEdge(String from, String to, OffsetDateTime observedAt, Double requestRate) {

    /** A call a source declares or allows, without an observation. */
    public static DiscoveredEdge of(String from, String to) {
        return new DiscoveredEdge(from, to, null, null);
    }

    String key() {
        return this.from + " -> " + this.to;
    }

}
