package io.appgraph.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How big the estate is, for pricing requests before they run: nodes per label and
 * relationships per type, read from Neo4j's count store (constant time) and refreshed in
 * the background, so a request is priced without a query of its own. Labels and types
 * come from feature code, never from clients.
 */
@Component
public final class GraphCounts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Cypher cypher;

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    GraphCounts(Cypher cypher) {
        this.cypher = cypher;
    }

    /** Nodes with {@code label}, as of the last refresh. */
    public long nodes(String label) {
        return this.counts.computeIfAbsent("MATCH (n:" + checked(label) + ") RETURN count(n) AS count", this::count);
    }

    /** Relationships of {@code type}, as of the last refresh. */
    public long relationships(String type) {
        return this.counts.computeIfAbsent("MATCH ()-[n:" + checked(type) + "]->() RETURN count(n) AS count",
                this::count);
    }

    @Scheduled(fixedDelayString = "${appgraph.graphql.estate-size-refresh:30s}")
    void refresh() {
        this.counts.replaceAll((query, previous) -> count(query));
    }

    // Keyed by the count-store query itself: one per label or type a feature asked about.
    // Not
    // counted among the statements that answer requests: pricing is not answering.
    private long count(String query) {
        return this.cypher.read(tx -> tx.run(query, Map.of()).single().get("count").asLong());
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a label or relationship type: " + name);
        }
        return name;
    }

}
