package io.appgraph.benchmark;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * What the reads are about, picked from the loaded estate so that any size gives comparable
 * questions.
 *
 * @param hub the app nearly everything depends on
 * @param hubImpacted apps in the hub's blast radius
 * @param typical the first app, by name, with exactly two direct dependents
 * @param typicalImpacted apps in its blast radius
 * @param search the search-as-you-type text
 * @param searchMatches apps whose name or description contains it
 */
record Subjects(String hub, long hubImpacted, String typical, long typicalImpacted, String search, long searchMatches) {

    static final String HUB = "auth-service";

    // Search-as-you-type: the first three to six letters of a word, as someone types them.
    private static final int FEWEST_LETTERS = 3;

    private static final int MOST_LETTERS = 6;

    // "A few dozen" matches: what a suggestion list has to cut down.
    private static final int WANTED_MATCHES = 36;

    static Subjects pick(Driver driver, String search) {
        try (var session = driver.session()) {
            String typical = session.executeRead(tx -> tx.run(RawCypher.TYPICAL_APP).single().get("name").asString());
            long hubImpacted = session.executeRead(tx -> tx.run(RawCypher.BLAST_RADIUS_COUNT, Map.of("app", HUB)).single()
                    .get("count").asLong());
            long typicalImpacted = session.executeRead(tx -> tx.run(RawCypher.BLAST_RADIUS_COUNT, Map.of("app", typical))
                    .single().get("count").asLong());
            List<Record> texts = session.executeRead(tx -> tx.run(RawCypher.APP_TEXTS).list());
            String term = search.isBlank() ? searchTerm(texts) : search.toLowerCase(Locale.ROOT);
            return new Subjects(HUB, hubImpacted, typical, typicalImpacted, term, matches(texts, term));
        }
    }

    /**
     * The first letters of an app-name word that match closest to a few dozen apps, the way the
     * server searches: lower-cased name or description containing the text. Ties go to the first
     * in alphabetical order, so an estate always gets the same term.
     */
    private static String searchTerm(List<Record> texts) {
        Set<String> candidates = new TreeSet<>();
        for (Record text : texts) {
            for (String word : text.get("name").asString().split("-")) {
                if (word.chars().allMatch(Character::isLetter)) {
                    for (int letters = FEWEST_LETTERS; letters <= Math.min(MOST_LETTERS, word.length() - 1); letters++) {
                        candidates.add(word.substring(0, letters));
                    }
                }
            }
        }
        // One pass over every app, counting each candidate once per app.
        Map<String, Integer> counts = new HashMap<>();
        for (Record text : texts) {
            Set<String> seen = new HashSet<>();
            for (String field : List.of(text.get("name").asString(), text.get("description").asString())) {
                for (int i = 0; i < field.length(); i++) {
                    for (int letters = FEWEST_LETTERS; letters <= MOST_LETTERS && i + letters <= field.length(); letters++) {
                        String piece = field.substring(i, i + letters);
                        if (candidates.contains(piece)) {
                            seen.add(piece);
                        }
                    }
                }
            }
            seen.forEach(piece -> counts.merge(piece, 1, Integer::sum));
        }
        String best = null;
        for (String candidate : candidates) {
            if (best == null || Math.abs(counts.get(candidate) - WANTED_MATCHES) < Math.abs(counts.get(best) - WANTED_MATCHES)) {
                best = candidate;
            }
        }
        return best;
    }

    private static long matches(List<Record> texts, String term) {
        return texts.stream()
                .filter(text -> text.get("name").asString().contains(term) || text.get("description").asString().contains(term))
                .count();
    }
}
