package io.appgraph.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Protections of the GraphQL endpoint against queries that would hurt the database or the
 * process (OWASP GraphQL cheat sheet; limits in the spirit of GitHub's API). Over-limit
 * requests are refused before any Cypher runs.
 *
 * @param maxDepth the deepest selection allowed; deeper documents are rejected before
 * execution (env {@code APPGRAPH_GRAPHQL_MAX_DEPTH})
 * @param maxComplexity the highest cost allowed ({@link QueryCost}): each field costs 1
 * plus its selection, paid once per item it may return (page size on paginated fields,
 * the estate's size on traversals and whole-estate lists, 10 on other lists), plus the
 * work of traversals. The hub's whole blast radius on a 10,000-app estate costs about
 * 150,000 (env {@code APPGRAPH_GRAPHQL_MAX_COMPLEXITY})
 * @param maxExpensiveFields how many expensive root fields (blast radius, dependency
 * graph) one request may hold (env {@code APPGRAPH_GRAPHQL_MAX_EXPENSIVE_FIELDS})
 * @param expensiveConcurrency how many expensive reads run at once; 0 means one per core
 * (env {@code APPGRAPH_GRAPHQL_EXPENSIVE_CONCURRENCY})
 * @param expensiveQueueTimeout how long an expensive read may wait for its turn before it
 * is refused as BUSY (env {@code APPGRAPH_GRAPHQL_EXPENSIVE_QUEUE_TIMEOUT})
 * @param timeout how long one request may run, fields and Neo4j transactions alike (env
 * {@code APPGRAPH_GRAPHQL_TIMEOUT})
 */
@ConfigurationProperties("appgraph.graphql")
public record GraphQlLimitsProperties(@DefaultValue("15") int maxDepth, @DefaultValue("2000000") int maxComplexity,
        @DefaultValue("3") int maxExpensiveFields, @DefaultValue("0") int expensiveConcurrency,
        @DefaultValue("3s") Duration expensiveQueueTimeout, @DefaultValue("10s") Duration timeout) {
}
