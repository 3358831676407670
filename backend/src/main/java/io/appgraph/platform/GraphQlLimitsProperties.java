package io.appgraph.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Protections of the GraphQL endpoint against queries that would hurt the database or the
 * process (OWASP GraphQL cheat sheet; limits in the spirit of GitHub's API).
 *
 * @param maxDepth the deepest selection allowed; deeper documents are rejected before execution (env {@code APPGRAPH_GRAPHQL_MAX_DEPTH})
 * @param maxComplexity the highest complexity score allowed: each field costs 1 plus its
 *        selections, multiplied by {@code first} on paginated fields and by 10 on other lists of
 *        objects, an estimate of their fan-out. A page of 100 apps with squads, owners,
 *        dependencies, dependents and ownership chains scores about 8,100 (env {@code APPGRAPH_GRAPHQL_MAX_COMPLEXITY})
 * @param timeout how long one request may run, fields and Neo4j transactions alike (env {@code APPGRAPH_GRAPHQL_TIMEOUT})
 */
@ConfigurationProperties("appgraph.graphql")
public record GraphQlLimitsProperties(
        @DefaultValue("15") int maxDepth,
        @DefaultValue("20000") int maxComplexity,
        @DefaultValue("10s") Duration timeout) {
}
