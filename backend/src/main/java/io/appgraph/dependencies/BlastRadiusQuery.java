package io.appgraph.dependencies;

import java.util.Map;
import java.util.stream.IntStream;

import io.appgraph.catalog.App;
import io.appgraph.dependencies.BlastRadius.ImpactedApp;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * The blast radius in one query. Asking for each caller once with the minimum path length lets
 * Neo4j plan a pruning breadth-first expansion ({@code VarLengthExpand(Pruning,BFS)}) that visits
 * each app once, however many cycles and parallel paths the estate has; enumerating paths, or
 * {@code ANY SHORTEST} with an open end (which timed out on a 10,000-app estate), would not.
 * It searches one hop further than asked, only to tell whether the answer was cut off.
 */
@Component
final class BlastRadiusQuery {

    static final int DEFAULT_DEPTH = 10;

    static final int MAX_DEPTH = 20;

    private static final String TEMPLATE = """
            MATCH (target:App {name: $app})
            CALL (target) {
              MATCH path = (target)<-[:DEPENDS_ON*1..%d]-(caller:App)
              WHERE caller <> target
              WITH caller, min(length(path)) AS distance
              ORDER BY distance, caller.name
              RETURN collect(CASE WHEN distance <= $maxDepth THEN {distance: distance, app: %s} END) AS impacted,
                     count(CASE WHEN distance > $maxDepth THEN 1 END) > 0 AS truncated
            }
            RETURN %s AS target, impacted, truncated
            """;

    // Cypher takes no parameters for path-length bounds, so there is one query text per allowed
    // depth, built from integers here and never from client input.
    private static final String[] QUERIES = IntStream.rangeClosed(0, MAX_DEPTH)
            .mapToObj(depth -> TEMPLATE.formatted(depth + 1, App.projection("caller"), App.projection("target")))
            .toArray(String[]::new);

    private final Cypher cypher;

    BlastRadiusQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    BlastRadius of(String app, Integer maxDepth) {
        int depth = (maxDepth != null) ? maxDepth : DEFAULT_DEPTH;
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new InvalidArgumentException("maxDepth must be between 1 and " + MAX_DEPTH + ", was " + depth);
        }
        return this.cypher.single(QUERIES[depth], Map.of("app", app, "maxDepth", depth), r -> {
            var impacted = r.get("impacted").asList(v -> new ImpactedApp(v.get("distance").asInt(), App.from(v.get("app"))));
            return new BlastRadius(App.from(r.get("target")), depth, impacted.size(), r.get("truncated").asBoolean(), impacted);
        }).orElseThrow(() -> new NotFoundException("No app is named '" + app + "'"));
    }
}
