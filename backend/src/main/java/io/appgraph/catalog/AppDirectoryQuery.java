package io.appgraph.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.appgraph.catalog.AppInputs.AppFilter;
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
 * A page of the app directory, and its total, in one statement built from the filter:
 * only the criteria given appear in it, so an unfiltered total comes from Neo4j's count
 * store and a page after a cursor is a range seek on the name index, whatever the
 * estate's size.
 *
 * <p>
 * Search goes through the full-text indexes of migration V0003: each word of the client's
 * text matches words of an app's name or description, or of its squad's name, by prefix
 * (search as you type), all words must match, and pages are ranked, name matches first.
 * Only letters and digits reach the index's query language, so punctuation and Lucene
 * syntax in the text are just separators. Ranked pages carry their position as cursor.
 */
@Component
final class AppDirectoryQuery {

    static final String CURSOR_KIND = "app";

    static final String SEARCH_CURSOR_KIND = "app-search";

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static final int MAX_WORDS = 8;

    private static final String SEARCH = """
            CALL () {
              CALL db.index.fulltext.queryNodes('app_search', $search) YIELD node, score
              RETURN node AS app, score
              UNION ALL
              CALL db.index.fulltext.queryNodes('squad_search', $search) YIELD node, score
              MATCH (node)<-[:OWNED_BY]-(app:App)
              RETURN app, score
            }
            WITH app, max(score) AS score""";

    private static final String TOTAL = """
            CALL () {
              %s
              RETURN count(app) AS total
            }
            """;

    // The page's apps are found first and projected after: Neo4j 5.26 fails to plan
    // projections that read app.name in the same scope as a read in name-index order
    // ("should not appear non-cached"). Orders other than by name carry each app's sort
    // key along, for its cursor.
    private static final String PAGE = """
            %1$sCALL () {
              %2$s
              RETURN collect(app) AS page%5$s
            }
            CALL (page) {
              UNWIND page AS app
              RETURN collect(%3$s) AS apps
            }
            RETURN %4$s AS total, apps%6$s
            """;

    // Keys are collected in lists of one, as collect() would drop null keys.
    private static final String KEYS = ", collect([key]) AS keys";

    private final Cypher cypher;

    AppDirectoryQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    /** A page of app records, for data fetchers to complete. */
    Connection<App> page(AppFilter filter, AppOrder order, Integer first, String after) {
        return run(filter, order, first, after, true, App.projection("app"), App::from, App::name, new HashMap<>());
    }

    /**
     * A page of apps planned for {@code selection}: one statement, its total only when
     * selected.
     */
    Connection<PlannedRow> planned(AppFilter filter, AppOrder order, Integer first, String after,
            DataFetchingFieldSelectionSet selection, PlanContext plan) {
        NodePlan app = plan.node("App", "app", plan.childrenAt(selection, "edges/node"), Map.of("__name", "%1$s.name"));
        return run(filter, order, first, after, selection.contains("totalCount"), app.expression(), app::read,
                row -> row.hidden("__name").asString(), plan.parameters());
    }

    private <T> Connection<T> run(AppFilter filter, AppOrder order, Integer first, String after, boolean total,
            String projection, Function<Value, T> read, Function<T, String> name, Map<String, Object> parameters) {
        String search = luceneQuery(filter.search());
        boolean ranked = filter.search() != null && !filter.search().isBlank();
        PageRequest page = PageRequest.of(first, after, ranked ? SEARCH_CURSOR_KIND : order.cursorKind());
        if (ranked && search == null) {
            return Connection.of(0, List.of(), page, name);
        }
        parameters.put("search", search);
        parameters.put("tier", (filter.tier() != null) ? filter.tier().name() : null);
        parameters.put("squad", blankToNull(filter.squad()));
        parameters.put("owner", blankToNull(filter.owner()));
        parameters.put("limit", page.limit());
        String matching = ranked ? ranked(filter) : inNameOrder(filter, null, false, false);
        String pageOf;
        int offset = ranked ? offset(page.after()) : 0;
        if (ranked) {
            parameters.put("offset", offset);
            pageOf = matching + "\nWITH app, score ORDER BY score DESC, app.name SKIP $offset LIMIT $limit";
        }
        else if (order.byName()) {
            parameters.put("after", page.after());
            pageOf = inNameOrder(filter, page.after(), true, order.descending()) + "\nWITH app ORDER BY app.name"
                    + (order.descending() ? " DESC" : "") + " LIMIT $limit";
        }
        else {
            pageOf = byKey(matching, order, page.after(), parameters);
        }
        boolean keyed = !ranked && !order.byName();
        String query = PAGE.formatted(total ? TOTAL.formatted(matching) : "", pageOf, projection, total ? "total" : "0",
                keyed ? KEYS : "", keyed ? ", keys" : "");
        return this.cypher.single(query, parameters, r -> {
            List<T> rows = r.get("apps").asList(read::apply);
            long totalCount = r.get("total").asLong();
            if (ranked) {
                return Connection.ofPositions(totalCount, rows, page, SEARCH_CURSOR_KIND, offset);
            }
            if (keyed) {
                List<String> keys = r.get("keys").asList(key -> key.get(0).asString(null));
                return Connection.of(totalCount, rows, page, (row, index) -> PageRequest.cursor(order.cursorKind(),
                        AppOrder.cursorValue(keys.get(index), name.apply(row))));
            }
            return Connection.of(totalCount, rows, page,
                    row -> PageRequest.cursor(order.cursorKind(), name.apply(row)));
        }).orElseThrow();
    }

    // Orders other than by name sort every matching app by its key (apps without one
    // last, in either direction), then by name; a page after a cursor starts after the
    // cursor's
    // key and name, so pages neither skip nor repeat apps while nothing changes.
    private static String byKey(String matching, AppOrder order, String after, Map<String, Object> parameters) {
        String direction = order.descending() ? " DESC" : "";
        String beyond = order.descending() ? "<" : ">";
        StringBuilder query = new StringBuilder(matching).append("\nWITH app, ")
            .append(order.key("app"))
            .append(" AS key");
        if (after != null) {
            AppOrder.After last = AppOrder.After.parse(after);
            parameters.put("afterKey", last.key());
            parameters.put("afterName", last.name());
            query.append((last.key() != null)
                    ? "\nWHERE key IS NULL OR key %s $afterKey OR (key = $afterKey AND app.name > $afterName)"
                        .formatted(beyond)
                    : "\nWHERE key IS NULL AND app.name > $afterName");
        }
        return query.append("\nWITH app, key ORDER BY key IS NULL, key")
            .append(direction)
            .append(", app.name LIMIT $limit")
            .toString();
    }

    // The squad and owner criteria start the match from the squad or person, so a page
    // costs
    // what that squad or person has, not the estate. A page reads the name index in order
    // (the
    // name predicate says it may); a count without criteria reads the count store.
    private static String inNameOrder(AppFilter filter, String after, boolean ordered, boolean descending) {
        List<String> patterns = new ArrayList<>();
        if (blankToNull(filter.squad()) != null) {
            patterns.add("(:Squad {name: $squad})<-[:OWNED_BY]-(app:App)");
        }
        if (blankToNull(filter.owner()) != null) {
            patterns.add("(:Person {handle: $owner})<-[:HAS_OWNER]-(app:App)");
        }
        if (patterns.isEmpty()) {
            patterns.add("(app:App)");
        }
        List<String> conditions = new ArrayList<>();
        if (after != null) {
            conditions.add(descending ? "app.name < $after" : "app.name > $after");
        }
        else if (ordered) {
            conditions.add("app.name IS NOT NULL");
        }
        if (filter.tier() != null) {
            conditions.add("app.tier = $tier");
        }
        return "MATCH " + String.join(", ", patterns)
                + (conditions.isEmpty() ? "" : "\nWHERE " + String.join(" AND ", conditions));
    }

    private static String ranked(AppFilter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.tier() != null) {
            conditions.add("app.tier = $tier");
        }
        if (blankToNull(filter.squad()) != null) {
            conditions.add("EXISTS { (app)-[:OWNED_BY]->(:Squad {name: $squad}) }");
        }
        if (blankToNull(filter.owner()) != null) {
            conditions.add("EXISTS { (app)-[:HAS_OWNER]->(:Person {handle: $owner}) }");
        }
        return conditions.isEmpty() ? SEARCH : SEARCH + "\nWHERE " + String.join(" AND ", conditions);
    }

    /**
     * The client's text as a Lucene query: every word required, each matching a whole
     * word (ranked higher, higher still in the name) or the start of one. Null when the
     * text holds no word at all.
     */
    static String luceneQuery(String text) {
        if (text == null) {
            return null;
        }
        List<String> clauses = new ArrayList<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find() && clauses.size() < MAX_WORDS) {
            String w = word.group();
            clauses.add("(name:%1$s^4 OR name:%1$s*^2 OR %1$s^2 OR %1$s*)".formatted(w));
        }
        return clauses.isEmpty() ? null : String.join(" AND ", clauses);
    }

    private static int offset(String after) {
        if (after == null) {
            return 0;
        }
        try {
            return Integer.parseInt(after);
        }
        catch (NumberFormatException ex) {
            throw new InvalidArgumentException("after is not a cursor returned by this list");
        }
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

}
