package io.appgraph.releases;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.appgraph.platform.Connection;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.PageRequest;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Pages of each app's releases, newest first, loaded for many apps at once: one query per
 * distinct page size in the batch (in practice one).
 */
@Component
final class ReleaseQueries {

    static final String NAME = "appReleases";

    static final String CURSOR_KIND = "release";

    private static final String PAGES = """
            UNWIND $keys AS key
            MATCH (app:App {name: key.app})
            CALL (app, key) {
              MATCH (release:Release)-[:OF]->(app)
              WHERE key.afterTime IS NULL OR release.startedAt < key.afterTime
                 OR (release.startedAt = key.afterTime AND release.externalId < key.afterId)
              WITH release ORDER BY release.startedAt DESC, release.externalId DESC
              LIMIT $limit
              RETURN collect(%s) AS releases
            }
            RETURN key.app AS app, key.after AS after, COUNT { (:Release)-[:OF]->(app) } AS total, releases
            """.formatted(Release.projection("release"));

    private final Cypher cypher;

    ReleaseQueries(Cypher cypher, BatchLoaderRegistry registry) {
        this.cypher = cypher;
        registry.<PageKey, Connection<Release>>forName(NAME)
            .registerMappedBatchLoader((keys, environment) -> Mono.fromSupplier(() -> load(keys)));
    }

    static PageKey key(String app, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, CURSOR_KIND);
        return new PageKey(app, page.first(), page.after());
    }

    static String cursor(Release release) {
        return PageRequest.cursor(CURSOR_KIND, release.startedAt().toInstant() + "|" + release.externalId());
    }

    private Map<PageKey, Connection<Release>> load(Set<PageKey> keys) {
        Map<PageKey, Connection<Release>> pages = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(PageKey::first)).forEach((first, sameSize) -> {
            List<Map<String, Object>> rows = sameSize.stream().map(PageKey::row).toList();
            this.cypher.list(PAGES, Map.of("keys", rows, "limit", first + 1), r -> r).forEach(r -> {
                PageKey key = new PageKey(r.get("app").asString(), first, r.get("after").asString(null));
                pages.put(key, Connection.of(r.get("total").asLong(), r.get("releases").asList(Release::from),
                        new PageRequest(first, key.after()), ReleaseQueries::cursor));
            });
        });
        return pages;
    }

    /**
     * One app's page of releases: the DataLoader key. {@code after} is the decoded
     * cursor.
     */
    record PageKey(String app, int first, String after) {

        Map<String, Object> row() {
            Map<String, Object> row = new HashMap<>();
            row.put("app", this.app);
            row.put("after", this.after);
            if (this.after != null) {
                int bar = this.after.indexOf('|');
                try {
                    row.put("afterTime", OffsetDateTime.parse(this.after.substring(0, bar).replace("Z", "+00:00")));
                }
                catch (RuntimeException ex) {
                    throw new InvalidArgumentException("after is not a cursor returned by this list");
                }
                row.put("afterId", this.after.substring(bar + 1));
            }
            else {
                row.put("afterTime", null);
                row.put("afterId", null);
            }
            return row;
        }
    }

}
