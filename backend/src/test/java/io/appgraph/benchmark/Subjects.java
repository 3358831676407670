package io.appgraph.benchmark;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * What the reads are about, picked from the loaded estate so that any size gives
 * comparable questions.
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

    // Search-as-you-type: the start of an app's name, at least three letters, as someone
    // types it.
    private static final int FEWEST_LETTERS = 3;

    // "A few dozen" matches: what a suggestion list has to cut down.
    private static final int WANTED_MATCHES = 36;

    // Typed prefixes whose names come closest to the wanted count; the exact count
    // decides among them.
    private static final int SHORTLIST = 50;

    static Subjects pick(Driver driver, String search) {
        try (var session = driver.session()) {
            String typical = session.executeRead(tx -> tx.run(RawCypher.TYPICAL_APP).single().get("name").asString());
            long hubImpacted = session.executeRead(
                    tx -> tx.run(RawCypher.BLAST_RADIUS_COUNT, Map.of("app", HUB)).single().get("count").asLong());
            long typicalImpacted = session.executeRead(
                    tx -> tx.run(RawCypher.BLAST_RADIUS_COUNT, Map.of("app", typical)).single().get("count").asLong());
            List<Record> texts = session.executeRead(tx -> tx.run(RawCypher.APP_TEXTS).list());
            String term = search.isBlank() ? searchTerm(texts) : search.toLowerCase(Locale.ROOT);
            return new Subjects(HUB, hubImpacted, typical, typicalImpacted, term, matches(texts, term));
        }
    }

    /**
     * The start of an app name that matches closest to a few dozen apps the way the
     * server searches: lower-cased name or description containing the text. Prefixes are
     * shortlisted by how many names start with them (a binary search in the sorted
     * names), then the shortlist is counted exactly. Ties go to the first in alphabetical
     * order, so an estate always gets the same text.
     */
    private static String searchTerm(List<Record> texts) {
        String[] names = texts.stream().map(text -> text.get("name").asString()).sorted().toArray(String[]::new);
        Comparator<Candidate> closest = Comparator.comparingInt((Candidate c) -> Math.abs(c.count() - WANTED_MATCHES))
            .thenComparing(Candidate::text);
        PriorityQueue<Candidate> shortlist = new PriorityQueue<>(closest.reversed());
        for (int i = 0; i < names.length; i++) {
            for (int letters = FEWEST_LETTERS; letters < names[i].length(); letters++) {
                String prefix = names[i].substring(0, letters);
                // Names sharing a prefix are adjacent: count each prefix at its first
                // name only.
                if (prefix.endsWith("-") || (i > 0 && names[i - 1].startsWith(prefix))) {
                    continue;
                }
                shortlist.add(new Candidate(prefix, startingWith(names, prefix)));
                if (shortlist.size() > SHORTLIST) {
                    shortlist.poll();
                }
            }
        }
        return shortlist.stream()
            .map(candidate -> new Candidate(candidate.text(), (int) matches(texts, candidate.text())))
            .min(closest)
            .map(Candidate::text)
            .orElseThrow();
    }

    private static int startingWith(String[] sortedNames, String prefix) {
        int from = Arrays.binarySearch(sortedNames, prefix);
        from = from >= 0 ? from : -from - 1;
        int to = Arrays.binarySearch(sortedNames, prefix + Character.MAX_VALUE);
        to = to >= 0 ? to : -to - 1;
        return to - from;
    }

    private record Candidate(String text, int count) {
    }

    private static long matches(List<Record> texts, String term) {
        return texts.stream()
            .filter(text -> text.get("name").asString().contains(term)
                    || text.get("description").asString().contains(term))
            .count();
    }
}
