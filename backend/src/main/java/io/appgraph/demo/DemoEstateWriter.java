package io.appgraph.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.SummaryCounters;

/**
 * Writes a {@link DemoEstate} into Neo4j in batches of a few thousand rows, one
 * transaction per batch. Every statement merges on the unique keys (names, handles), so
 * writing the same estate twice leaves the graph as it was and two instances loading at
 * once do no harm.
 */
public final class DemoEstateWriter {

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
            SET p.name = row.name, p.email = row.email, p.active = row.active, p.leftAt = row.leftAt
            WITH p, row
            UNWIND row.squads AS squadName
            MERGE (s:Squad {name: squadName})
            MERGE (p)-[:MEMBER_OF]->(s)
            """;

    private static final String SQUADS = """
            UNWIND $rows AS row
            MATCH (department:Group {name: row.department})
            MATCH (buddy:Person {handle: row.buddy})
            MERGE (s:Squad {name: row.name})
            SET s.description = row.description, s.slackChannel = row.slackChannel
            MERGE (s)-[:PART_OF]->(department)
            MERGE (s)-[:HAS_BUDDY]->(buddy)
            """;

    private static final String APPS = """
            UNWIND $rows AS row
            MATCH (squad:Squad {name: row.squad})
            MATCH (owner:Person {handle: row.owner})
            MERGE (a:App {name: row.name})
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
            """;

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
            return run(session, GROUPS, rows(estate.groups(), DemoEstateWriter::groupRow))
                .plus(run(session, PEOPLE, rows(estate.people(), DemoEstateWriter::personRow)))
                .plus(run(session, SQUADS, rows(estate.squads(), DemoEstateWriter::squadRow)))
                .plus(run(session, APPS, rows(estate.apps(), DemoEstateWriter::appRow)))
                .plus(run(session, DEPENDENCIES, rows(estate.dependencies(), DemoEstateWriter::dependencyRow)));
        }
    }

    private static Written run(Session session, String cypher, List<Map<String, Object>> rows) {
        Written written = new Written(0, 0);
        for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE));
            SummaryCounters counters = session
                .executeWrite(tx -> tx.run(cypher, Map.of("rows", batch)).consume().counters());
            written = written.plus(new Written(counters.nodesCreated(), counters.relationshipsCreated()));
        }
        return written;
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

    private static Map<String, Object> dependencyRow(Dependency dependency) {
        return Map.of("caller", dependency.caller(), "callee", dependency.callee(), "sources", dependency.sources(),
                "firstSeen", dateTime(dependency.firstSeen()), "lastSeen", dateTime(dependency.lastSeen()));
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
