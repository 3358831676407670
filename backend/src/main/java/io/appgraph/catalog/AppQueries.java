package io.appgraph.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/** Reads apps: one by name, many by name (for batch loaders), and pages of the directory. */
@Component
public final class AppQueries {

    private static final String BY_NAMES = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            RETURN %s AS app
            """.formatted(App.projection("app"));

    private static final String LINKS = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            RETURN name, coalesce(app.linkLabels, []) AS labels, coalesce(app.linkUrls, []) AS urls
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

    /** Bookmarks of apps by name, in the order they were given; stored as parallel label and URL lists. */
    Map<String, List<Link>> links(Collection<String> names) {
        Map<String, List<Link>> links = new HashMap<>();
        this.cypher.list(LINKS, Map.of("names", List.copyOf(names)), r -> r).forEach(r -> {
            List<String> labels = r.get("labels").asList(Value::asString);
            List<String> urls = r.get("urls").asList(Value::asString);
            links.put(r.get("name").asString(), IntStream.range(0, Math.min(labels.size(), urls.size()))
                    .mapToObj(i -> new Link(labels.get(i), urls.get(i))).toList());
        });
        return links;
    }
}
