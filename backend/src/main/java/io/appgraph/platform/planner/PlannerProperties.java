package io.appgraph.platform.planner;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read planner.
 *
 * @param enabled plan reads into one Cypher statement each; false answers every read
 * through data fetchers and batch loaders, a way back should a planned read ever
 * misbehave (env {@code APPGRAPH_GRAPHQL_PLANNER_ENABLED})
 */
@ConfigurationProperties("appgraph.graphql.planner")
public record PlannerProperties(@DefaultValue("true") boolean enabled) {
}
