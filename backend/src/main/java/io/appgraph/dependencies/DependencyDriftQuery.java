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
 * read: per category a count and the first calls by caller then callee, each a bounded
 * top-k over the calls in scope (the estate, or the calls touching one squad's apps).
 * Only apps the mesh sees are judged for calls never observed: an app without a sidecar
 * has no observed calls at all.
 */
@Service
final class DependencyDriftQuery {

    private static final String IN_SCOPE = """
            ($squad IS NULL OR EXISTS { (caller)-[:OWNED_BY]->(:Squad {name: $squad}) }
                            OR EXISTS { (callee)-[:OWNED_BY]->(:Squad {name: $squad}) })""";

    private static final String DECLARED_NOT_OBSERVED = """
            ('DECLARED' IN d.sources OR 'BACKSTAGE' IN d.sources) AND NOT 'MESH' IN d.sources
            AND EXISTS { (caller)-[seen:DEPENDS_ON]-(:App) WHERE 'MESH' IN seen.sources }""";

    private static final String OBSERVED_NOT_DECLARED = """
            'MESH' IN d.sources AND NOT 'DECLARED' IN d.sources AND NOT 'BACKSTAGE' IN d.sources""";

    private static final String OBSERVED_NOT_ALLOWED = """
            'MESH' IN d.sources AND NOT 'NETWORK_POLICY' IN d.sources
            AND (callee.ingressGoverned = true OR caller.egressGoverned = true)""";

    private static final String STALE = """
            'MESH' IN d.sources AND d.lastObserved < $staleBefore""";

    private static final String CATEGORY = """
            COUNT { MATCH (caller:App)-[d:DEPENDS_ON]->(callee:App) WHERE %2$s AND %1$s } AS %3$sCount,
            COLLECT { MATCH (caller:App)-[d:DEPENDS_ON]->(callee:App) WHERE %2$s AND %1$s
                      WITH caller, d, callee ORDER BY caller.name, callee.name LIMIT $first
                      RETURN %4$s } AS %3$s""";

    private static final String DRIFT = """
            OPTIONAL MATCH (squad:Squad {name: $squad})
            WITH squad, datetime() - duration({days: $staleDays}) AS staleBefore
            WHERE $squad IS NULL OR squad IS NOT NULL
            CALL (staleBefore) {
              MATCH (caller:App)-[d:DEPENDS_ON]->(callee:App)
              WHERE 'MESH' IN d.sources AND %s
              RETURN max(d.lastObserved) AS lastObserved
            }
            RETURN lastObserved,
            %s,
            %s,
            %s,
            %s
            """;

    private final String query;

    private final Cypher cypher;

    DependencyDriftQuery(Cypher cypher) {
        this.cypher = cypher;
        String row = Dependency.projection("caller", "d", "callee");
        this.query = DRIFT
            .formatted(IN_SCOPE, category(DECLARED_NOT_OBSERVED, "declaredNotObserved", row),
                    category(OBSERVED_NOT_DECLARED, "observedNotDeclared", row),
                    category(OBSERVED_NOT_ALLOWED, "observedNotAllowed", row), category(STALE, "stale", row))
            .replace("$staleBefore", "staleBefore");
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
        Record drift = this.cypher.single(this.query, parameters, r -> r)
            .orElseThrow(() -> new NotFoundException("No squad is named '" + squad + "'"));
        return new DependencyDrift(staleDays, Values.offsetDateTime(drift.get("lastObserved")),
                category(drift, "declaredNotObserved"), category(drift, "observedNotDeclared"),
                category(drift, "observedNotAllowed"), category(drift, "stale"));
    }

    private static String category(String condition, String name, String row) {
        return CATEGORY.formatted(condition, IN_SCOPE, name, row);
    }

    private static DriftedDependencies category(Record drift, String name) {
        List<Dependency> dependencies = drift.get(name).asList(Dependency::from);
        return new DriftedDependencies(drift.get(name + "Count").asLong(), dependencies);
    }

}
