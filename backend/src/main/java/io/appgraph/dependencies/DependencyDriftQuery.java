package io.appgraph.dependencies;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.dependencies.DependencyDrift.DriftedDependencies;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.NotFoundException;
import io.appgraph.platform.Values;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Service;

/**
 * The drift between the dependency graph as declared, as allowed and as observed, in one
 * statement: the calls in scope (the estate, or the calls made or received by one squad's
 * apps) are counted per category in one pass, and each category's first calls, by caller
 * then callee, are a top-k that walks callers in name-index order and stops once it has
 * them. What the categories need to know about apps is kept on them by the imports
 * ({@code meshObserved}, {@code ingressGoverned}, {@code egressGoverned}), so no call
 * looks at other calls.
 */
@Service
final class DependencyDriftQuery {

    private static final String DECLARED_NOT_OBSERVED = """
            ('DECLARED' IN d.sources OR 'BACKSTAGE' IN d.sources) AND NOT 'MESH' IN d.sources
            AND caller.meshObserved = true""";

    private static final String OBSERVED_NOT_DECLARED = """
            'MESH' IN d.sources AND NOT 'DECLARED' IN d.sources AND NOT 'BACKSTAGE' IN d.sources""";

    private static final String OBSERVED_NOT_ALLOWED = """
            'MESH' IN d.sources AND NOT 'NETWORK_POLICY' IN d.sources
            AND (callee.ingressGoverned = true OR caller.egressGoverned = true)""";

    private static final String STALE = """
            'MESH' IN d.sources AND d.lastObserved < staleBefore""";

    private static final List<String> CATEGORIES = List.of("declaredNotObserved", "observedNotDeclared",
            "observedNotAllowed", "stale");

    private static final List<String> CONDITIONS = List.of(DECLARED_NOT_OBSERVED, OBSERVED_NOT_DECLARED,
            OBSERVED_NOT_ALLOWED, STALE);

    // The whole estate: every call once.
    private static final String ESTATE_CALLS = "MATCH (caller:App)-[d:DEPENDS_ON]->(callee:App)";

    // Callers in name order, so a top-k by caller then callee stops early.
    private static final String ESTATE_CALLS_BY_CALLER = """
            MATCH (caller:App) WHERE caller.name IS NOT NULL
            MATCH (caller)-[d:DEPENDS_ON]->(callee:App)""";

    // One squad: the calls its apps make and receive, each once.
    private static final String SQUAD_CALLS = """
            CALL (squad) {
              MATCH (squad)<-[:OWNED_BY]-(caller:App)-[d:DEPENDS_ON]->(callee:App)
              RETURN caller, d, callee
              UNION
              MATCH (squad)<-[:OWNED_BY]-(callee:App)<-[d:DEPENDS_ON]-(caller:App)
              RETURN caller, d, callee
            }""";

    private static final String DRIFT = """
            OPTIONAL MATCH (squad:Squad {name: $squad})
            WITH squad, datetime() - duration({days: $staleDays}) AS staleBefore
            WHERE $squad IS NULL OR squad IS NOT NULL
            CALL (squad, staleBefore) {
              %1$s
              RETURN max(CASE WHEN 'MESH' IN d.sources THEN d.lastObserved END) AS lastObserved,
                     %2$s
            }
            RETURN lastObserved,
                   %3$s
            """;

    private static final String COUNT = "count(CASE WHEN %1$s THEN 1 END) AS %2$sCount";

    private static final String FIRST = """
            %2$sCount, COLLECT {
              %3$s
              WITH caller, d, callee WHERE %1$s
              WITH caller, d, callee ORDER BY caller.name, callee.name LIMIT $first
              RETURN %4$s
            } AS %2$s""";

    private final String estate;

    private final String oneSquad;

    private final Cypher cypher;

    DependencyDriftQuery(Cypher cypher) {
        this.cypher = cypher;
        this.estate = query(ESTATE_CALLS, ESTATE_CALLS_BY_CALLER);
        this.oneSquad = query(SQUAD_CALLS, SQUAD_CALLS);
    }

    DependencyDrift of(String squad, int staleDays, int first) {
        if (staleDays < 1 || staleDays > 365) {
            throw new InvalidArgumentException("staleDays must be between 1 and 365, was " + staleDays);
        }
        if (first < 1 || first > 500) {
            throw new InvalidArgumentException("first must be between 1 and 500, was " + first);
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("squad", squad);
        parameters.put("staleDays", staleDays);
        parameters.put("first", first);
        Record drift = this.cypher.single((squad != null) ? this.oneSquad : this.estate, parameters, r -> r)
            .orElseThrow(() -> new NotFoundException("No squad is named '" + squad + "'"));
        return new DependencyDrift(staleDays, Values.offsetDateTime(drift.get("lastObserved")),
                category(drift, "declaredNotObserved"), category(drift, "observedNotDeclared"),
                category(drift, "observedNotAllowed"), category(drift, "stale"));
    }

    private static String query(String counted, String listed) {
        String row = Dependency.projection("caller", "d", "callee");
        StringBuilder counts = new StringBuilder();
        StringBuilder firsts = new StringBuilder();
        for (int i = 0; i < CATEGORIES.size(); i++) {
            String separator = (i == 0) ? "" : ",\n";
            counts.append(separator).append(COUNT.formatted(CONDITIONS.get(i), CATEGORIES.get(i)));
            firsts.append(separator).append(FIRST.formatted(CONDITIONS.get(i), CATEGORIES.get(i), listed, row));
        }
        return DRIFT.formatted(counted, counts, firsts);
    }

    private static DriftedDependencies category(Record drift, String name) {
        return new DriftedDependencies(drift.get(name + "Count").asLong(), drift.get(name).asList(Dependency::from));
    }

}
