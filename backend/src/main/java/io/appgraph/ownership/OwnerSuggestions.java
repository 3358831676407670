package io.appgraph.ownership;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.Values;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * Who could take an app on, best first: members of its squad who triggered its recent
 * releases (most recent first), then the squad's other members, then its ops buddy. Never
 * an inactive person, never the app's current owner; at most {@link #LIMIT}.
 */
@Component
final class OwnerSuggestions {

    static final int LIMIT = 5;

    // One more than shown, so that a caller can drop an alert's former owner and still
    // show five. Only the app's last 200 releases are read: a busy app has thousands,
    // and who released it lately is what counts. A person in several branches keeps
    // their best rank (min) and their latest release (max).
    private static final String SUGGEST = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            CALL (app) {
              OPTIONAL MATCH (app)-[:OWNED_BY]->(squad:Squad)
              CALL (app, squad) {
                MATCH (release:Release)-[:OF]->(app)
                WITH release ORDER BY coalesce(release.startedAt, release.finishedAt) DESC LIMIT 200
                MATCH (release)-[:TRIGGERED_BY]->(person:Person)-[:MEMBER_OF]->(squad)
                RETURN person, 0 AS rank, coalesce(release.startedAt, release.finishedAt) AS releasedAt
                UNION ALL
                MATCH (person:Person)-[:MEMBER_OF]->(squad)
                RETURN person, 1 AS rank, null AS releasedAt
                UNION ALL
                MATCH (squad)-[:HAS_BUDDY]->(person:Person)
                RETURN person, 2 AS rank, null AS releasedAt
              }
              WITH app, person, min(rank) AS rank, max(releasedAt) AS releasedAt
              WHERE coalesce(person.active, true) AND NOT EXISTS { (app)-[:HAS_OWNER]->(person) }
              WITH person, rank, releasedAt
              ORDER BY rank, releasedAt DESC, person.handle
              LIMIT 6
              RETURN collect({handle: person.handle, rank: rank, releasedAt: releasedAt}) AS rows
            }
            RETURN name AS key, rows
            """;

    private static final List<OwnerSuggestion.Reason> RANKS = List.of(OwnerSuggestion.Reason.values());

    private final Cypher cypher;

    OwnerSuggestions(Cypher cypher) {
        this.cypher = cypher;
    }

    /**
     * Candidates for each app, read in one statement, one more than {@link #LIMIT}: pass
     * them through {@link #top}. Unknown apps are absent.
     */
    Map<String, List<OwnerSuggestion>> forApps(Collection<String> names) {
        return this.cypher.listsByKey(SUGGEST, "names", names, OwnerSuggestions::suggestion);
    }

    /** The same, inside a unit of work (for notices written with the alerts). */
    Map<String, List<OwnerSuggestion>> forApps(TransactionContext tx, Collection<String> names) {
        Map<String, List<OwnerSuggestion>> all = new HashMap<>();
        this.cypher.run(tx, SUGGEST, Map.of("names", List.copyOf(names)))
            .forEach(r -> all.put(r.get("key").asString(), r.get("rows").asList(OwnerSuggestions::suggestion)));
        return all;
    }

    /** The best suggestions without {@code excluded} (an alert's former owner). */
    static List<OwnerSuggestion> top(List<OwnerSuggestion> suggestions, String excluded) {
        return suggestions.stream().filter(s -> !s.handle().equals(excluded)).limit(LIMIT).toList();
    }

    private static OwnerSuggestion suggestion(Value row) {
        return new OwnerSuggestion(row.get("handle").asString(), RANKS.get(row.get("rank").asInt()),
                Values.offsetDateTime(row.get("releasedAt")));
    }

}
