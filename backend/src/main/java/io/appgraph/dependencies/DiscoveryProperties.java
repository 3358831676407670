package io.appgraph.dependencies;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dependencies are learned from the platform.
 *
 * @param appLabels the pod labels that name a pod's app, tried in this order (env
 * {@code APPGRAPH_DISCOVERY_APP_LABELS}, comma-separated)
 * @param meshRetention how long an edge the service mesh saw keeps its MESH source
 * without being seen again; a quiet hour does not mean a call is gone, but a month does
 * (env {@code APPGRAPH_DISCOVERY_MESH_RETENTION})
 */
@ConfigurationProperties("appgraph.discovery")
record DiscoveryProperties(@DefaultValue( {
        "app.kubernetes.io/name", "app" }) List<String> appLabels, @DefaultValue("30d") Duration meshRetention){

    DiscoveryProperties {
        if (appLabels.isEmpty()) {
            throw new IllegalArgumentException("appgraph.discovery.app-labels must name at least one label");
        }
        if (meshRetention.isNegative() || meshRetention.isZero()) {
            throw new IllegalArgumentException(
                    "appgraph.discovery.mesh-retention must be positive, was " + meshRetention);
        }
    }

}
