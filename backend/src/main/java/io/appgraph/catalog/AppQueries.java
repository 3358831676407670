package io.appgraph.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.appgraph.catalog.AppInputs.AppFilter;
import io.appgraph.platform.Connection;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.PageRequest;
import org.springframework.stereotype.Component;

/** Reads apps: one by name, many by name (for batch loaders), and pages of the directory. */
@Component
public final class AppQueries {

    static final String CURSOR_KIND = "app";

    private static final String BY_NAMES = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            RETURN %s AS app
            """.formatted(App.projection("app"));

    // One fragment so the page and its totalCount always agree on what matches.
    private static final String FILTER = """
            ($search IS NULL OR toLower(app.name) CONTAINS $search OR toLower(coalesce(app.description, '')) CONTAINS $search)
            AND ($tier IS NULL OR app.tier = $tier)
            AND ($squad IS NULL OR EXISTS { (app)-[:OWNED_BY]->(:Squad {name: $squad}) })
            AND ($owner IS NULL OR EXISTS { (app)-[:HAS_OWNER]->(:Person {handle: $owner}) })
            """;

    private static final String PAGE = """
            CALL () {
              MATCH (app:App) WHERE %1$s
              RETURN count(app) AS total
            }
            CALL () {
              MATCH (app:App) WHERE %1$s AND ($after IS NULL OR app.name > $after)
              WITH app ORDER BY app.name LIMIT $limit
              RETURN collect(%2$s) AS apps
            }
            RETURN total, apps
            """.formatted(FILTER, App.projection("app"));

    // Bookmarks are stored as parallel label and URL lists; a label without a URL (or the reverse) is dropped.
    private static final String LINKS = """
            UNWIND $names AS key
            MATCH (app:App {name: key})
            WITH key, coalesce(app.linkLabels, []) AS labels, coalesce(app.linkUrls, []) AS urls
            RETURN key, [i IN range(0, CASE WHEN size(labels) < size(urls) THEN size(labels) ELSE size(urls) END - 1)
                         | {label: labels[i], url: urls[i]}] AS rows
            """;

    private final Cypher cypher;

    AppQueries(Cypher cypher) {
        this.cypher = cypher;
    }

    public Optional<App> findByName(String name) {
        return this.cypher.single(BY_NAMES, Map.of("names", List.of(name)), r -> App.from(r.get("app")));
    }

    /** Apps by name; names that match nothing are absent from the map. */
    public Map<String, App> findByNames(Collection<String> names) {
        Map<String, App> apps = new HashMap<>();
        this.cypher.list(BY_NAMES, Map.of("names", List.copyOf(names)), r -> App.from(r.get("app")))
                .forEach(app -> apps.put(app.name(), app));
        return apps;
    }

    /** Bookmarks of apps by name, in the order they were given. */
    Map<String, List<Link>> links(Collection<String> names) {
        return this.cypher.listsByKey(LINKS, "names", names,
                link -> new Link(link.get("label").asString(), link.get("url").asString()));
    }

    Connection<App> page(AppFilter filter, PageRequest page) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("search", blankToNull(filter.search()) == null ? null : filter.search().strip().toLowerCase());
        parameters.put("tier", filter.tier() == null ? null : filter.tier().name());
        parameters.put("squad", blankToNull(filter.squad()));
        parameters.put("owner", blankToNull(filter.owner()));
        parameters.put("after", page.after());
        parameters.put("limit", page.limit());
        return this.cypher.single(PAGE, parameters, r -> Connection.of(r.get("total").asLong(),
                r.get("apps").asList(App::from), page, app -> PageRequest.cursor(CURSOR_KIND, app.name())))
                .orElseThrow();
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text;
    }
}
