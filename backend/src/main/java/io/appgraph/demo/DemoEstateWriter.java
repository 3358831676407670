package io.appgraph.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.appgraph.demo.DemoEstate.App;
import io.appgraph.demo.DemoEstate.Dependency;
import io.appgraph.demo.DemoEstate.Group;
import io.appgraph.demo.DemoEstate.Link;
import io.appgraph.demo.DemoEstate.Person;
import io.appgraph.demo.DemoEstate.Squad;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.SummaryCounters;

/**
 * Writes a {@link DemoEstate} and its {@link DemoReleases} into Neo4j in batches of a few
 * thousand rows, one transaction per batch. The estate's statements merge on the unique
 * keys (names, handles) and the releases' skip a batch already written, so writing the
 * same estate and releases twice leaves the graph as it was. Every node a write creates
 * carries the {@value #LABEL} label, so what a demo load wrote can be told from anything
 * else (see {@link DemoEstateLoader}).
 */
public final class DemoEstateWriter {

    /** The label of every node the demo writes. */
    public static final String LABEL = "DemoData";

    private static final Log log = LogFactory.getLog(DemoEstateWriter.class);

    // Few round trips, yet far from the embedded server's 30 s transaction timeout: on a
    // cold,
    // busy 2-core machine 5,000 people took 10 s in one transaction.
    private static final int BATCH_SIZE = 2_500;

    // Planning a statement costs more than its rows at demo size, so each kind of node is
    // one
    // statement together with the relationships that hang off it. Groups link their
    // parent in the
    // same statement, which works because the organisation comes first in the list.
    private static final String GROUPS = """
            UNWIND $rows AS row
            MERGE (g:Group {name: row.name})
            ON CREATE SET g:DemoData
            SET g.type = row.type
            WITH g, row
            WHERE row.parent IS NOT NULL
            MATCH (parent:Group {name: row.parent})
            MERGE (g)-[:PART_OF]->(parent)
            """;

    // Memberships merge the squad by name only; the squads statement that follows sets
    // the rest.
    private static final String PEOPLE = """
            UNWIND $rows AS row
            MERGE (p:Person {handle: row.handle})
            ON CREATE SET p:DemoData
            SET p.name = row.name, p.email = row.email, p.active = row.active, p.leftAt = row.leftAt
            WITH p, row
            UNWIND row.squads AS squadName
            MERGE (s:Squad {name: squadName})
            ON CREATE SET s:DemoData
            MERGE (p)-[:MEMBER_OF]->(s)
            """;

    private static final String SQUADS = """
            UNWIND $rows AS row
            MATCH (department:Group {name: row.department})
            MATCH (buddy:Person {handle: row.buddy})
            MERGE (s:Squad {name: row.name})
            ON CREATE SET s:DemoData
            SET s.description = row.description, s.slackChannel = row.slackChannel
            MERGE (s)-[:PART_OF]->(department)
            MERGE (s)-[:HAS_BUDDY]->(buddy)
            """;

    private static final String APPS = """
            UNWIND $rows AS row
            MATCH (squad:Squad {name: row.squad})
            MATCH (owner:Person {handle: row.owner})
            MERGE (a:App {name: row.name})
            ON CREATE SET a:DemoData
            SET a.description = row.description, a.tier = row.tier, a.runbookUrl = row.runbookUrl,
                a.linkLabels = row.linkLabels, a.linkUrls = row.linkUrls, a.createdAt = row.createdAt
            MERGE (a)-[ownedBy:OWNED_BY]->(squad)
            SET ownedBy.since = row.ownedSince
            MERGE (a)-[hasOwner:HAS_OWNER]->(owner)
            SET hasOwner.since = row.ownerSince
            """;

    private static final String DEPENDENCIES = """
            UNWIND $rows AS row
            MATCH (caller:App {name: row.caller})
            MATCH (callee:App {name: row.callee})
            MERGE (caller)-[d:DEPENDS_ON]->(callee)
            SET d.sources = row.sources, d.firstSeen = row.firstSeen, d.lastSeen = row.lastSeen
            FOREACH (_ IN CASE WHEN 'MESH' IN row.sources THEN [1] ELSE [] END |
              SET d.lastObserved = row.lastSeen, d.requestRate = row.requestRate,
                  caller.meshObserved = true, callee.meshObserved = true)
            FOREACH (_ IN CASE WHEN 'NETWORK_POLICY' IN row.sources THEN [1] ELSE [] END |
              SET callee.ingressGoverned = true)
            """;

    // Creates rather than merges: far faster for the bulk of the data. A batch
    // is one transaction, so when its first release exists all of it does, and a second
    // write of the same releases (or the driver retrying a batch that did commit) adds
    // nothing. Checking every row instead doubled the time.
    private static final String RELEASES = """
            WITH $rows AS rows WHERE NOT EXISTS { MATCH (:Release {externalId: $rows[0].externalId}) }
            UNWIND rows AS row
            MATCH (app:App {name: row.app})
            MATCH (by:Person {handle: row.triggeredBy})
            CREATE (r:Release:DemoData {externalId: row.externalId, version: row.version, commit: row.commit,
                    pipelineUrl: row.pipelineUrl, environment: row.environment, status: row.status,
                    startedAt: row.startedAt, finishedAt: row.finishedAt, committedAt: row.committedAt})
            CREATE (r)-[:OF]->(app)
            CREATE (r)-[:TRIGGERED_BY]->(by)
            """;

    // The node shape the alerts feature writes (its AlertWriter): an episode keyed by
    // fingerprint and start, ON its app when the catalog knows it, ACKNOWLEDGED_BY
    // whoever
    // took it on. No AlertGroup: those are Alertmanager's notifications, which the demo
    // never sent.
    private static final String ALERTS = """
            UNWIND $rows AS row
            MERGE (alert:Alert {id: row.id})
            ON CREATE SET alert:DemoData
            SET alert += row.properties
            WITH alert, row
            OPTIONAL MATCH (app:App {name: row.app})
            FOREACH (found IN CASE WHEN app IS NULL THEN [] ELSE [1] END | MERGE (alert)-[:ON]->(app))
            WITH alert, row
            OPTIONAL MATCH (person:Person {handle: row.acknowledgedBy})
            FOREACH (found IN CASE WHEN person IS NULL THEN [] ELSE [1] END |
              MERGE (alert)-[:ACKNOWLEDGED_BY]->(person))
            """;

    // Releases are the bulk of the rows and cheap each: fewer, larger transactions.
    private static final int RELEASE_BATCH_SIZE = 5_000;

    private DemoEstateWriter() {
    }

    /**
     * Writes the estate: groups, people with their memberships, squads, apps, then
     * dependencies, so every statement finds the nodes it links. Expects the schema's
     * unique constraints to exist; without them the merges still work, only slowly.
     * @param driver where to write, using the default database
     * @param estate what to write
     * @return how many nodes and relationships the writes created (zero when already
     * present)
     */
    public static Written write(Driver driver, DemoEstate estate) {
        try (Session session = driver.session(SessionConfig.defaultConfig())) {
            return run(session, "groups", GROUPS, rows(estate.groups(), DemoEstateWriter::groupRow))
                .plus(run(session, "people", PEOPLE, rows(estate.people(), DemoEstateWriter::personRow)))
                .plus(run(session, "squads", SQUADS, rows(estate.squads(), DemoEstateWriter::squadRow)))
                .plus(run(session, "apps", APPS, rows(estate.apps(), DemoEstateWriter::appRow)))
                .plus(run(session, "dependencies", DEPENDENCIES,
                        rows(estate.dependencies(), DemoEstateWriter::dependencyRow)));
        }
    }

    /**
     * Writes the releases of an estate already written, each with its app and who
     * triggered it, generating them batch by batch as it goes.
     * @param driver where to write, using the default database
     * @param releases what to write
     * @return how many nodes and relationships the writes created (zero when already
     * present)
     */
    public static Written write(Driver driver, DemoReleases releases) {
        Written written = new Written(0, 0);
        try (Session session = driver.session(SessionConfig.defaultConfig())) {
            List<Map<String, Object>> batch = new ArrayList<>(RELEASE_BATCH_SIZE);
            int done = 0;
            for (DemoReleases.Release release : releases) {
                batch.add(releaseRow(release));
                if (batch.size() == RELEASE_BATCH_SIZE) {
                    written = written.plus(runBatch(session, "releases", RELEASES, batch, done, releases.size()));
                    done += batch.size();
                    batch = new ArrayList<>(RELEASE_BATCH_SIZE);
                }
            }
            if (!batch.isEmpty()) {
                written = written.plus(runBatch(session, "releases", RELEASES, batch, done, releases.size()));
            }
        }
        return written;
    }

    /**
     * Writes alerts on an estate already written: each episode on its app (none when
     * unmatched), with who acknowledged it.
     * @param driver where to write, using the default database
     * @param alerts what to write
     * @return how many nodes and relationships the writes created (zero when already
     * present)
     */
    public static Written writeAlerts(Driver driver, List<DemoAlerts.Alert> alerts) {
        try (Session session = driver.session(SessionConfig.defaultConfig())) {
            return run(session, "alerts", ALERTS, rows(alerts, DemoEstateWriter::alertRow));
        }
    }

    private static Written run(Session session, String what, String cypher, List<Map<String, Object>> rows) {
        Written written = new Written(0, 0);
        for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE));
            written = written.plus(runBatch(session, what, cypher, batch, from, rows.size()));
        }
        return written;
    }

    private static Written runBatch(Session session, String what, String cypher, List<Map<String, Object>> batch,
            int from, int total) {
        SummaryCounters counters = session
            .executeWrite(tx -> tx.run(cypher, Map.of("rows", batch)).consume().counters());
        if (log.isDebugEnabled()) {
            log.debug("Wrote demo %s %d to %d of %d".formatted(what, from + 1, from + batch.size(), total));
        }
        return new Written(counters.nodesCreated(), counters.relationshipsCreated());
    }

    private static <T> List<Map<String, Object>> rows(List<T> items, Function<T, Map<String, Object>> toRow) {
        return items.stream().map(toRow).toList();
    }

    private static Map<String, Object> groupRow(Group group) {
        // HashMaps where a value may be null, which Map.of refuses.
        Map<String, Object> row = new HashMap<>();
        row.put("name", group.name());
        row.put("type", group.type());
        row.put("parent", group.parent());
        return row;
    }

    private static Map<String, Object> personRow(Person person) {
        Map<String, Object> row = new HashMap<>();
        row.put("handle", person.handle());
        row.put("name", person.name());
        row.put("email", person.email());
        row.put("active", person.active());
        row.put("leftAt", dateTime(person.leftAt()));
        row.put("squads", person.squads());
        return row;
    }

    private static Map<String, Object> squadRow(Squad squad) {
        return Map.of("name", squad.name(), "department", squad.department(), "description", squad.description(),
                "slackChannel", squad.slackChannel(), "buddy", squad.buddy());
    }

    private static Map<String, Object> appRow(App app) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", app.name());
        row.put("description", app.description());
        row.put("tier", app.tier());
        row.put("squad", app.squad());
        row.put("owner", app.owner());
        row.put("runbookUrl", app.runbookUrl());
        row.put("linkLabels", app.links().stream().map(Link::label).toList());
        row.put("linkUrls", app.links().stream().map(Link::url).toList());
        row.put("createdAt", dateTime(app.createdAt()));
        row.put("ownedSince", dateTime(app.ownedSince()));
        row.put("ownerSince", dateTime(app.ownerSince()));
        return row;
    }

    // What the mesh saw (only for MESH calls): as if imported from Prometheus, with a
    // request rate that follows from the names, so the same seed gives the same estate.
    private static Map<String, Object> dependencyRow(Dependency dependency) {
        double requestRate = Math.floorMod((dependency.caller() + ">" + dependency.callee()).hashCode(), 5000) / 100.0
                + 0.05;
        return Map.of("caller", dependency.caller(), "callee", dependency.callee(), "sources", dependency.sources(),
                "firstSeen", dateTime(dependency.firstSeen()), "lastSeen", dateTime(dependency.lastSeen()),
                "requestRate", requestRate);
    }

    private static Map<String, Object> releaseRow(DemoReleases.Release release) {
        Map<String, Object> row = new HashMap<>();
        row.put("externalId", release.externalId());
        row.put("app", release.app());
        row.put("version", release.version());
        row.put("commit", release.commit());
        row.put("pipelineUrl", release.pipelineUrl());
        row.put("environment", release.environment());
        row.put("status", release.status());
        row.put("startedAt", dateTime(release.startedAt()));
        row.put("finishedAt", dateTime(release.finishedAt()));
        row.put("committedAt", dateTime(release.committedAt()));
        row.put("triggeredBy", release.triggeredBy());
        return row;
    }

    private static Map<String, Object> alertRow(DemoAlerts.Alert alert) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("fingerprint", alert.fingerprint());
        properties.put("name", alert.name());
        properties.put("severity", alert.severity());
        properties.put("status", alert.status());
        properties.put("startsAt", dateTime(alert.startsAt()));
        properties.put("endsAt", dateTime(alert.endsAt()));
        properties.put("summary", alert.summary());
        properties.put("description", alert.description());
        properties.put("runbookAnnotation", alert.runbookUrl());
        properties.put("generatorUrl", alert.generatorUrl());
        properties.put("namespace", alert.namespace());
        properties.put("pod", alert.pod());
        properties.put("container", alert.container());
        properties.put("labelNames", List.copyOf(alert.labels().keySet()));
        properties.put("labelValues", List.copyOf(alert.labels().values()));
        properties.put("appLabel", alert.appLabel());
        properties.put("acknowledgedAt", dateTime(alert.acknowledgedAt()));
        Map<String, Object> row = new HashMap<>();
        row.put("id", alert.id());
        row.put("app", alert.app());
        row.put("acknowledgedBy", alert.acknowledgedBy());
        row.put("properties", properties);
        return row;
    }

    // The driver has no mapping for Instant; an OffsetDateTime in UTC becomes a Cypher
    // DateTime.
    private static OffsetDateTime dateTime(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * What a write created.
     *
     * @param nodesCreated nodes that did not exist before
     * @param relationshipsCreated relationships that did not exist before
     */
    public record Written(int nodesCreated, int relationshipsCreated) {

        Written plus(Written other) {
            return new Written(this.nodesCreated + other.nodesCreated,
                    this.relationshipsCreated + other.relationshipsCreated);
        }
    }

}
