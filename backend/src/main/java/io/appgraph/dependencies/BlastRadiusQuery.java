package io.appgraph.dependencies;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.appgraph.catalog.App;
import io.appgraph.dependencies.BlastRadius.ImpactedApp;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.NotFoundException;
import io.appgraph.platform.planner.NodePlan;
import io.appgraph.platform.planner.PlanContext;
import io.appgraph.platform.planner.PlannedRow;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Component;

/**
 * The blast radius in one query. Asking for each caller once with the minimum path length
 * lets Neo4j plan a pruning breadth-first expansion
 * ({@code VarLengthExpand(Pruning,BFS)}) that visits each app once, however many cycles
 * and parallel paths the estate has; enumerating paths, or {@code ANY SHORTEST} with an
 * open end (which timed out on a 10,000-app estate), would not. It searches one hop
 * further than asked, only to tell whether the answer was cut off.
 *
 * <p>
 * Planned, it streams one row per impacted app (the failing app first, at distance 0)
 * rather than one row holding a list of thousands, and when no list is selected it only
 * counts.
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

    private static final String PLANNED_ROWS = """
            MATCH (target:App {name: $app})
            CALL (target) {
              RETURN 0 AS distance, target AS app
              UNION ALL
              MATCH path = (target)<-[:DEPENDS_ON*1..%1$d]-(caller:App)
              WHERE caller <> target
              WITH caller, min(length(path)) AS distance
              RETURN distance, caller AS app
            }
            WITH distance, app ORDER BY distance, app.name
            RETURN distance, CASE WHEN distance = 0 THEN %2$s WHEN distance <= $maxDepth THEN %3$s END AS row
            """;

    private static final String PLANNED_COUNT = """
            MATCH (target:App {name: $app})
            CALL (target) {
              MATCH path = (target)<-[:DEPENDS_ON*1..%1$d]-(caller:App)
              WHERE caller <> target
              WITH caller, min(length(path)) AS distance
              RETURN count(CASE WHEN distance <= $maxDepth THEN 1 END) AS count,
                     count(CASE WHEN distance > $maxDepth THEN 1 END) > 0 AS truncated
            }
            RETURN %2$s AS target, count, truncated
            """;

    // Cypher takes no parameters for path-length bounds, so there is one query text per
    // allowed
    // depth, built from integers here and never from client input.
    private static final String[] QUERIES = IntStream.rangeClosed(0, MAX_DEPTH)
        .mapToObj(depth -> TEMPLATE.formatted(depth + 1, App.projection("caller"), App.projection("target")))
        .toArray(String[]::new);

    private final Cypher cypher;

    BlastRadiusQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    BlastRadius<App> of(String app, Integer maxDepth) {
        int depth = depth(maxDepth);
        return this.cypher.single(QUERIES[depth], Map.of("app", app, "maxDepth", depth), r -> {
            var impacted = r.get("impacted")
                .asList(v -> new ImpactedApp<>(v.get("distance").asInt(), App.from(v.get("app"))));
            return new BlastRadius<>(App.from(r.get("target")), depth, impacted.size(), r.get("truncated").asBoolean(),
                    impacted);
        }).orElseThrow(() -> notFound(app));
    }

    /**
     * The blast radius for {@code selection}, in one statement planned by {@code plan}.
     */
    BlastRadius<PlannedRow> planned(String app, Integer maxDepth, DataFetchingFieldSelectionSet selection,
            PlanContext plan) {
        int depth = depth(maxDepth);
        Map<String, Object> parameters = plan.parameters();
        parameters.put("app", app);
        parameters.put("maxDepth", depth);
        if (!selection.contains("impacted")) {
            NodePlan target = plan.node("App", "target", plan.childrenAt(selection, "app"));
            return this.cypher
                .single(PLANNED_COUNT.formatted(depth + 1, target.expression()), parameters,
                        r -> new BlastRadius<>(target.read(r.get("target")), depth, r.get("count").asInt(),
                                r.get("truncated").asBoolean(), List.<ImpactedApp<PlannedRow>>of()))
                .orElseThrow(() -> notFound(app));
        }
        NodePlan target = plan.node("App", "app", plan.childrenAt(selection, "app"));
        NodePlan caller = plan.node("App", "app", plan.childrenAt(selection, "impacted/app"));
        return this.cypher.stream(PLANNED_ROWS.formatted(depth + 1, target.expression(), caller.expression()),
                parameters, records -> {
                    PlannedRow failing = null;
                    boolean truncated = false;
                    List<ImpactedApp<PlannedRow>> impacted = new ArrayList<>();
                    for (Iterator<Record> rows = records.iterator(); rows.hasNext();) {
                        Record r = rows.next();
                        int distance = r.get("distance").asInt();
                        if (distance == 0) {
                            failing = target.read(r.get("row"));
                        }
                        else if (distance <= depth) {
                            impacted.add(new ImpactedApp<>(distance, caller.read(r.get("row"))));
                        }
                        else {
                            truncated = true;
                        }
                    }
                    if (failing == null) {
                        throw notFound(app);
                    }
                    return new BlastRadius<>(failing, depth, impacted.size(), truncated, impacted);
                });
    }

    private static int depth(Integer maxDepth) {
        int depth = (maxDepth != null) ? maxDepth : DEFAULT_DEPTH;
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new InvalidArgumentException("maxDepth must be between 1 and " + MAX_DEPTH + ", was " + depth);
        }
        return depth;
    }

    private static NotFoundException notFound(String app) {
        return new NotFoundException("No app is named '" + app + "'");
    }

}
