package io.appgraph.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.appgraph.platform.Cypher;
import org.springframework.stereotype.Component;

/**
 * Reads apps for data fetchers: one by name, many by name (for batch loaders), their
 * bookmarks.
 */
@Component
public final class AppQueries {

    private static final String BY_NAMES = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            RETURN %s AS app
            """.formatted(App.projection("app"));

    // Bookmarks are stored as parallel label and URL lists; a label without a URL (or the
    // reverse) is dropped.
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

}
