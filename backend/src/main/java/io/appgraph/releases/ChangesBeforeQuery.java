package io.appgraph.releases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.NotFoundException;
import io.appgraph.platform.planner.NodePlan;
import io.appgraph.platform.planner.PlanContext;
import io.appgraph.platform.planner.PlannedRow;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * The usual suspects of an incident on an app at a given time: releases started in
 * {@code [at - window, at]} on the app (distance 0) and on the apps it depends on
 * (DEPENDS_ON outgoing, caller to callee) up to {@code depth} hops, each app at its
 * shortest distance. The apps come first, as in the blast radius, with the minimum path
 * length per callee so that Neo4j plans a pruning breadth-first expansion that visits
 * each app once through cycles; then each app's releases in the window. Ordered by
 * distance, then newest first, then externalId.
 */
@Component
public final class ChangesBeforeQuery {

    static final int DEFAULT_WINDOW_MINUTES = 30;

    static final int MAX_WINDOW_MINUTES = 7 * 24 * 60;

    static final int DEFAULT_DEPTH = 2;

    static final int MAX_DEPTH = 5;

    // Cypher takes no parameters for path-length bounds: the depth, a checked integer, is
    // formatted into the text.
    // Found first and projected after: Neo4j 5.26 fails to plan the projection in the
    // scope
    // of the ordered read ("insertCachedProperties").
    private static final String QUERY = """
            MATCH (target:App {name: $app})
            CALL (target) {
              CALL (target) {
                RETURN target AS app, 0 AS distance
                %1$s
              }
              MATCH (release:Release)-[:OF]->(app)
              WHERE release.startedAt >= $since AND release.startedAt <= $at
              WITH distance, release ORDER BY distance, release.startedAt DESC, release.externalId DESC
              RETURN collect({distance: distance, release: release}) AS found
            }
            CALL (found) {
              UNWIND found AS change
              WITH change.distance AS distance, change.release AS release
              RETURN collect({distance: distance, release: %2$s}) AS changes
            }
            RETURN changes
            """;

    private static final String CALLEES = """
            UNION ALL
                MATCH path = (target)-[:DEPENDS_ON*1..%d]->(callee:App)
                WHERE callee <> target
                WITH callee, min(length(path)) AS distance
                RETURN callee AS app, distance""";

    private final Cypher cypher;

    ChangesBeforeQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    public List<ChangeBefore<Release>> of(String app, OffsetDateTime at, Integer windowMinutes, Integer depth) {
        return run(app, at, windowMinutes, depth, Release.projection("release"), Release::from, Map.of());
    }

    public List<ChangeBefore<PlannedRow>> planned(String app, OffsetDateTime at, Integer windowMinutes, Integer depth,
            DataFetchingFieldSelectionSet selection, PlanContext plan) {
        NodePlan release = plan.node("Release", "release", plan.childrenAt(selection, "release"));
        return run(app, at, windowMinutes, depth, release.expression(), release::read, plan.parameters());
    }

    private <T> List<ChangeBefore<T>> run(String app, OffsetDateTime at, Integer windowMinutes, Integer depth,
            String projection, Function<Value, T> read, Map<String, Object> planParameters) {
        int window = bounded("windowMinutes", windowMinutes, DEFAULT_WINDOW_MINUTES, 1, MAX_WINDOW_MINUTES);
        int hops = bounded("depth", depth, DEFAULT_DEPTH, 0, MAX_DEPTH);
        OffsetDateTime until = at.withOffsetSameInstant(ZoneOffset.UTC);
        Map<String, Object> parameters = new HashMap<>(planParameters);
        parameters.put("app", app);
        parameters.put("at", until);
        parameters.put("since", until.minusMinutes(window));
        String query = QUERY.formatted((hops == 0) ? "" : CALLEES.formatted(hops), projection);
        return this.cypher
            .single(query, parameters,
                    r -> r.get("changes")
                        .asList(v -> new ChangeBefore<>(v.get("distance").asInt(), read.apply(v.get("release")))))
            .orElseThrow(() -> new NotFoundException("No app is named '" + app + "'"));
    }

    private static int bounded(String name, Integer value, int defaultValue, int min, int max) {
        int chosen = (value != null) ? value : defaultValue;
        if (chosen < min || chosen > max) {
            throw new InvalidArgumentException(
                    "%s must be between %d and %d, was %d".formatted(name, min, max, chosen));
        }
        return chosen;
    }

}
