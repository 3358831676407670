package io.appgraph.dependencies;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.appgraph.dependencies.ImportReport.Change;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;

/**
 * The edges one source asserts, kept apart from every other source's: an edge carries the
 * set of sources that report it, an import adds its source to the edges it lists and
 * withdraws it from the edges it no longer lists, and an edge goes once no source is
 * left. So a network-policy import never undoes what was declared, and a Backstage import
 * never undoes what the mesh saw. Apps an import names that appgraph does not know are
 * created with lifecycle {@code DISCOVERED} and no squad or owner, so they show up as
 * ownership gaps instead of being dropped.
 * <p>
 * Everything happens in the caller's transaction, in chunks, so an import of a whole
 * cluster is one transaction of a bounded number of statements.
 */
@Service
public final class DiscoveredEdges {

    /**
     * Lifecycle of apps appgraph learned from the platform and nobody has described yet.
     */
    public static final String DISCOVERED = "DISCOVERED";

    private static final int CHUNK = 5_000;

    private static final String CREATE_APPS = """
            UNWIND $names AS name
            OPTIONAL MATCH (known:App {name: name})
            WITH name, known IS NULL AS missing
            MERGE (app:App {name: name})
              ON CREATE SET app.createdAt = datetime(), app.updatedAt = datetime(),
                            app.lifecycle = $discovered, app.discoveredBy = $source
            RETURN count(CASE WHEN missing THEN 1 END) AS created, count(*) AS named
            """;

    // One row per distinct edge. An edge the source already asserts is unchanged, unless
    // it brings a newer mesh observation.
    private static final String ASSERT = """
            UNWIND $edges AS edge
            MATCH (caller:App {name: edge.from}), (callee:App {name: edge.to})
            OPTIONAL MATCH (caller)-[known:DEPENDS_ON]->(callee)
            WITH caller, callee, edge, known IS NULL AS created, coalesce($source IN known.sources, false) AS had,
                 edge.observedAt IS NOT NULL AND (known.lastObserved IS NULL OR edge.observedAt > known.lastObserved) AS newer
            MERGE (caller)-[d:DEPENDS_ON]->(callee)
              ON CREATE SET d.firstSeen = datetime(), d.lastSeen = datetime(), d.sources = []
            SET d.sources = CASE WHEN had THEN d.sources ELSE d.sources + $source END
            FOREACH (_ IN CASE WHEN newer THEN [1] ELSE [] END |
              SET d.lastObserved = edge.observedAt, d.requestRate = edge.requestRate)
            RETURN count(CASE WHEN created THEN 1 END) AS created,
                   count(CASE WHEN NOT created AND (NOT had OR newer) THEN 1 END) AS updated,
                   count(CASE WHEN NOT created AND had AND NOT newer THEN 1 END) AS unchanged
            """;

    // The source's edges this import does not list (for the mesh: only those not seen
    // since retainSince) lose the source; those left without any source go.
    private static final String WITHDRAW = """
            MATCH (caller:App)-[d:DEPENDS_ON]->(callee:App)
            WHERE $source IN d.sources
              AND ($callers IS NULL OR caller.name IN $callers)
              AND NOT (caller.name + ' -> ' + callee.name) IN $listed
              AND ($retainSince IS NULL OR d.lastObserved IS NULL OR d.lastObserved < $retainSince)
            SET d.sources = [s IN d.sources WHERE s <> $source]
            FOREACH (_ IN CASE WHEN $source = 'MESH' THEN [1] ELSE [] END |
              REMOVE d.lastObserved, d.requestRate)
            WITH d, size(d.sources) = 0 AS orphan
            CALL (d, orphan) {
              WITH d WHERE orphan
              DELETE d
            }
            RETURN count(*) AS removed
            """;

    private final Cypher cypher;

    DiscoveredEdges(Cypher cypher) {
        this.cypher = cypher;
    }

    /**
     * Makes {@code edges} exactly what {@code source} asserts, creating the apps they
     * name that appgraph does not know.
     */
    public void replace(TransactionContext tx, DependencySource source, Collection<DiscoveredEdge> edges,
            ImportReport report) {
        replace(tx, source, List.of(), edges, report);
    }

    /**
     * As
     * {@link #replace(TransactionContext, DependencySource, Collection, ImportReport)},
     * also creating the apps of {@code apps} (named by the source without an edge, such
     * as an app a deny-all policy isolates).
     */
    public void replace(TransactionContext tx, DependencySource source, Collection<String> apps,
            Collection<DiscoveredEdge> edges, ImportReport report) {
        write(tx, source, apps, edges, null, null, report);
    }

    /**
     * Makes {@code edges} exactly what {@code source} asserts about the calls of
     * {@code callers}, for a source that speaks for part of the estate at a time (a
     * Backstage catalog file): calls of other apps that the source asserted before keep
     * it, and {@code edges} may add to them.
     */
    public void replaceFrom(TransactionContext tx, DependencySource source, Collection<String> callers,
            Collection<DiscoveredEdge> edges, ImportReport report) {
        write(tx, source, List.of(), edges, null, List.copyOf(callers), report);
    }

    /**
     * The mesh's observations: the edges seen get the source and their newest
     * observation; edges it saw before but not in this sample keep it until they have not
     * been seen since {@code retainSince}, because a quiet hour does not mean a call is
     * gone.
     */
    void observe(TransactionContext tx, Collection<DiscoveredEdge> edges, OffsetDateTime retainSince,
            ImportReport report) {
        write(tx, DependencySource.MESH, List.of(), edges, retainSince, null, report);
    }

    private void write(TransactionContext tx, DependencySource source, Collection<String> apps,
            Collection<DiscoveredEdge> edges, OffsetDateTime retainSince, List<String> callers, ImportReport report) {
        Map<String, DiscoveredEdge> distinct = distinct(edges);
        Set<String> names = new LinkedHashSet<>(apps);
        distinct.values().forEach(edge -> {
            names.add(edge.from());
            names.add(edge.to());
        });
        checkNames(names);
        for (List<String> chunk : chunks(List.copyOf(names))) {
            Record created = this.cypher
                .run(tx, CREATE_APPS, Map.of("names", chunk, "discovered", DISCOVERED, "source", source.name()))
                .get(0);
            report.count("apps", Change.CREATED, created.get("created").asLong());
            report.count("apps", Change.UNCHANGED, created.get("named").asLong() - created.get("created").asLong());
        }
        for (List<DiscoveredEdge> chunk : chunks(List.copyOf(distinct.values()))) {
            Record asserted = this.cypher
                .run(tx, ASSERT,
                        Map.of("edges", chunk.stream().map(DiscoveredEdges::row).toList(), "source", source.name()))
                .get(0);
            report.count("edges", Change.CREATED, asserted.get("created").asLong());
            report.count("edges", Change.UPDATED, asserted.get("updated").asLong());
            report.count("edges", Change.UNCHANGED, asserted.get("unchanged").asLong());
        }
        Map<String, Object> withdraw = new HashMap<>();
        withdraw.put("source", source.name());
        withdraw.put("listed", List.copyOf(distinct.keySet()));
        withdraw.put("retainSince", retainSince);
        withdraw.put("callers", callers);
        Record withdrawn = this.cypher.run(tx, WITHDRAW, withdraw).get(0);
        report.count("edges", Change.REMOVED, withdrawn.get("removed").asLong());
    }

    // One edge per caller and callee; of repeated observations, the newest counts.
    private static Map<String, DiscoveredEdge> distinct(Collection<DiscoveredEdge> edges) {
        Map<String, DiscoveredEdge> distinct = new LinkedHashMap<>();
        for (DiscoveredEdge edge : edges) {
            distinct.merge(edge.key(), edge, (kept, other) -> newer(other, kept) ? other : kept);
        }
        return distinct;
    }

    private static boolean newer(DiscoveredEdge edge, DiscoveredEdge than) {
        return edge.observedAt() != null && (than.observedAt() == null || edge.observedAt().isAfter(than.observedAt()));
    }

    private static void checkNames(Set<String> names) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            InputRules.dnsLabel("app", name).map(UserError::message).ifPresent(problems::add);
            if (problems.size() == 20) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRefusedException("Invalid app names", problems);
        }
    }

    private static Map<String, Object> row(DiscoveredEdge edge) {
        Map<String, Object> row = new HashMap<>();
        row.put("from", edge.from());
        row.put("to", edge.to());
        row.put("observedAt", edge.observedAt());
        row.put("requestRate", edge.requestRate());
        return row;
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < items.size(); start += CHUNK) {
            chunks.add(items.subList(start, Math.min(items.size(), start + CHUNK)));
        }
        return chunks;
    }

}
