package io.appgraph.cost;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.appgraph.platform.Cypher;
import org.springframework.stereotype.Component;

/** Which of some app names the catalog has: only those names are looked up. */
@Component
final class KnownApps implements Function<Set<String>, Set<String>> {

    private static final String KNOWN = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            RETURN app.name AS name
            """;

    private final Cypher cypher;

    KnownApps(Cypher cypher) {
        this.cypher = cypher;
    }

    @Override
    public Set<String> apply(Set<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                this.cypher.list(KNOWN, Map.of("names", List.copyOf(names)), r -> r.get("name").asString()));
    }

}
