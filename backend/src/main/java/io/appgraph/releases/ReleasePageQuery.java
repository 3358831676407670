package io.appgraph.releases;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.appgraph.platform.Connection;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.PageRequest;
import io.appgraph.platform.planner.NodePlan;
import io.appgraph.platform.planner.PlanContext;
import io.appgraph.platform.planner.PlannedRow;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * A page of the estate's release history, newest first (by {@code startedAt}, then
 * {@code externalId}, both descending), and its total, in one statement built from the
 * filter: only the criteria given appear in it. Without app or squad the page is a
 * backwards range read of the {@code startedAt} index (a day's page reads that day's
 * entries only); an app or squad starts the match from its releases; an environment or a
 * status with no app or squad uses the composite indexes of V0004.
 *
 * <p>
 * A release is read only once it has a {@code startedAt}: a finish waiting for its start
 * is not in the history.
 */
@Component
final class ReleasePageQuery {

    private static final String TOTAL = """
            CALL () {
              %s
              RETURN count(release) AS total
            }
            """;

    // Found first and projected after, as in the app directory: Neo4j 5.26 fails to plan
    // some projections in the same scope as a read in index order.
    private static final String PAGE = """
            %1$sCALL () {
              %2$s
              WITH release ORDER BY release.startedAt DESC, release.externalId DESC LIMIT $limit
              RETURN collect(release) AS page
            }
            CALL (page) {
              UNWIND page AS release
              RETURN collect(%3$s) AS releases
            }
            RETURN %4$s AS total, releases
            """;

    private final Cypher cypher;

    ReleasePageQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    /** A page of release records, for data fetchers to complete. */
    Connection<Release> page(ReleaseInputs.ReleaseFilter filter, Integer first, String after) {
        return run(filter, first, after, true, Release.projection("release"), Release::from, ReleaseQueries::cursor,
                new HashMap<>());
    }

    /**
     * A page planned for {@code selection}: one statement, its total only when selected.
     */
    Connection<PlannedRow> planned(ReleaseInputs.ReleaseFilter filter, Integer first, String after,
            DataFetchingFieldSelectionSet selection, PlanContext plan) {
        NodePlan release = plan.node("Release", "release", plan.childrenAt(selection, "edges/node"),
                Map.of("__startedAt", "%1$s.startedAt", "__externalId", "%1$s.externalId"));
        return run(filter, first, after, selection.contains("totalCount"), release.expression(), release::read,
                row -> PageRequest.cursor(ReleaseQueries.CURSOR_KIND,
                        row.hidden("__startedAt").asZonedDateTime().toInstant() + "|"
                                + row.hidden("__externalId").asString()),
                plan.parameters());
    }

    private <T> Connection<T> run(ReleaseInputs.ReleaseFilter filter, Integer first, String after, boolean total,
            String projection, Function<Value, T> read, Function<T, String> cursor, Map<String, Object> parameters) {
        PageRequest page = PageRequest.of(first, after, ReleaseQueries.CURSOR_KIND);
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw new InvalidArgumentException(
                    "filter.from (%s) must be before filter.to (%s)".formatted(filter.from(), filter.to()));
        }
        parameters.put("app", blankToNull(filter.app()));
        parameters.put("squad", blankToNull(filter.squad()));
        parameters.put("environment", blankToNull(filter.environment()));
        parameters.put("status", (filter.status() != null) ? filter.status().name() : null);
        parameters.put("from", (filter.from() != null) ? filter.from().withOffsetSameInstant(ZoneOffset.UTC) : null);
        parameters.put("to", (filter.to() != null) ? filter.to().withOffsetSameInstant(ZoneOffset.UTC) : null);
        parameters.put("limit", page.limit());
        Map<String, Object> cursorKey = new ReleaseQueries.PageKey(null, page.first(), page.after()).row();
        parameters.put("afterTime", cursorKey.get("afterTime"));
        parameters.put("afterId", cursorKey.get("afterId"));
        String query = PAGE.formatted(total ? TOTAL.formatted(matching(filter, false)) : "",
                matching(filter, page.after() != null), projection, total ? "total" : "0");
        return this.cypher
            .single(query, parameters,
                    r -> Connection.of(r.get("total").asLong(), r.get("releases").asList(read::apply), page, cursor))
            .orElseThrow();
    }

    private static String matching(ReleaseInputs.ReleaseFilter filter, boolean afterCursor) {
        String pattern;
        if (blankToNull(filter.app()) != null) {
            pattern = "(release:Release)-[:OF]->(:App {name: $app})";
        }
        else if (blankToNull(filter.squad()) != null) {
            pattern = "(release:Release)-[:OF]->(:App)-[:OWNED_BY]->(:Squad {name: $squad})";
        }
        else {
            pattern = "(release:Release)";
        }
        List<String> conditions = new ArrayList<>();
        conditions.add("release.startedAt IS NOT NULL");
        if (blankToNull(filter.app()) != null && blankToNull(filter.squad()) != null) {
            conditions.add("EXISTS { (release)-[:OF]->(:App)-[:OWNED_BY]->(:Squad {name: $squad}) }");
        }
        if (filter.from() != null) {
            conditions.add("release.startedAt >= $from");
        }
        if (filter.to() != null) {
            conditions.add("release.startedAt < $to");
        }
        if (blankToNull(filter.environment()) != null) {
            conditions.add("release.environment = $environment");
        }
        if (filter.status() != null) {
            conditions.add("release.status = $status");
        }
        if (afterCursor) {
            // The first half is a range seek; the second breaks ties of one instant.
            conditions.add("release.startedAt <= $afterTime");
            conditions.add("(release.startedAt < $afterTime OR release.externalId < $afterId)");
        }
        return "MATCH " + pattern + "\nWHERE " + String.join(" AND ", conditions);
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

}
