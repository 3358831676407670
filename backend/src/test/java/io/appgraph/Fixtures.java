package io.appgraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * Builds small estates straight into the graph with Cypher, so a test states only the
 * groups, squads, people, apps and dependencies it is about. Defaults are plausible
 * values a test can assert on: a squad's Slack channel is {@code #<name>}, a person's
 * name is their handle in title case and their email {@code <handle>@example.com}, an app
 * is TIER_2.
 */
public final class Fixtures {

    private final Driver driver;

    public Fixtures(Driver driver) {
        this.driver = driver;
    }

    /** A group of the given type, under {@code parent} when that is not null. */
    public Fixtures group(String name, String type, String parent) {
        return run("""
                CREATE (g:Group {name: $name, type: $type})
                WITH g
                OPTIONAL MATCH (p:Group {name: $parent})
                FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (g)-[:PART_OF]->(p))
                """, params("name", name, "type", type, "parent", parent));
    }

    /** A squad in {@code group} with ops buddy {@code buddy}; either may be null. */
    public Fixtures squad(String name, String group, String buddy) {
        return run("""
                CREATE (s:Squad {name: $name, description: 'The ' + $name + ' squad', slackChannel: '#' + $name})
                WITH s
                OPTIONAL MATCH (g:Group {name: $group})
                FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | CREATE (s)-[:PART_OF]->(g))
                WITH s
                OPTIONAL MATCH (b:Person {handle: $buddy})
                FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END | CREATE (s)-[:HAS_BUDDY]->(b))
                """, params("name", name, "group", group, "buddy", buddy));
    }

    /** A squad with no group and no buddy. */
    public Fixtures squad(String name) {
        return squad(name, null, null);
    }

    /** An active person, member of the given squads. */
    public Fixtures person(String handle, String... squads) {
        return person(handle, true, squads);
    }

    /** A person who left on 2025-01-31, still member of the given squads. */
    public Fixtures leaver(String handle, String... squads) {
        return person(handle, false, squads);
    }

    /** Makes {@code handle} the ops buddy of {@code squad}. */
    public Fixtures buddy(String squad, String handle) {
        return run("MATCH (s:Squad {name: $squad}), (p:Person {handle: $handle}) CREATE (s)-[:HAS_BUDDY]->(p)",
                params("squad", squad, "handle", handle));
    }

    /** An app with no squad and no owner. */
    public Fixtures app(String name) {
        return app(name, null, null);
    }

    /** A TIER_2 app of {@code squad} owned by {@code owner}; either may be null. */
    public Fixtures app(String name, String squad, String owner) {
        return app(name, squad, owner, "TIER_2", "What " + name + " does");
    }

    /** An app with every field a test may filter on; squad and owner may be null. */
    public Fixtures app(String name, String squad, String owner, String tier, String description) {
        return run("""
                CREATE (a:App {name: $name, description: $description, tier: $tier,
                               runbookUrl: 'https://runbooks.example.com/' + $name,
                               linkLabels: ['pipeline'], linkUrls: ['https://ci.example.com/' + $name]})
                WITH a
                OPTIONAL MATCH (s:Squad {name: $squad})
                FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END
                  | CREATE (a)-[:OWNED_BY {since: datetime('2024-01-01T09:00:00Z')}]->(s))
                WITH a
                OPTIONAL MATCH (p:Person {handle: $owner})
                FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END
                  | CREATE (a)-[:HAS_OWNER {since: datetime('2024-01-01T09:00:00Z')}]->(p))
                """, params("name", name, "squad", squad, "owner", owner, "tier", tier, "description", description));
    }

    /** Bare apps with nothing but a name. */
    public Fixtures apps(String... names) {
        return run("UNWIND $names AS name CREATE (:App {name: name})", Map.of("names", List.of(names)));
    }

    /** TIER_2 apps of {@code squad}, owned by {@code owner}; both must exist already. */
    public Fixtures squadApps(String squad, String owner, String... names) {
        return run("""
                MATCH (s:Squad {name: $squad}), (p:Person {handle: $owner})
                UNWIND $names AS name
                CREATE (a:App {name: name, tier: 'TIER_2', description: 'What ' + name + ' does'})
                CREATE (a)-[:OWNED_BY {since: datetime('2024-01-01T09:00:00Z')}]->(s)
                CREATE (a)-[:HAS_OWNER {since: datetime('2024-01-01T09:00:00Z')}]->(p)
                """, params("squad", squad, "owner", owner, "names", List.of(names)));
    }

    /**
     * {@code caller} depends on (calls) {@code callee}, as reported by {@code sources}
     * (DECLARED when none).
     */
    public Fixtures dependsOn(String caller, String callee, String... sources) {
        List<String> reported = (sources.length == 0) ? List.of("DECLARED") : List.of(sources);
        return run("""
                MATCH (caller:App {name: $caller}), (callee:App {name: $callee})
                CREATE (caller)-[:DEPENDS_ON {sources: $sources, firstSeen: datetime('2024-01-01T09:00:00Z'),
                                              lastSeen: datetime('2024-06-01T09:00:00Z')}]->(callee)
                """, params("caller", caller, "callee", callee, "sources", reported));
    }

    /**
     * Declared dependencies along a chain, read right to left:
     * {@code chain("a", "b", "c")} means b calls a and c calls b. Missing apps are
     * created.
     */
    public Fixtures chain(String... names) {
        run("UNWIND $names AS name MERGE (:App {name: name})", Map.of("names", List.of(names)));
        for (int i = 1; i < names.length; i++) {
            dependsOn(names[i], names[i - 1]);
        }
        return this;
    }

    /** Runs any Cypher statement with parameters. */
    public Fixtures run(String statement, Map<String, Object> parameters) {
        try (var session = this.driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(statement, parameters).consume());
        }
        return this;
    }

    /**
     * Every node and relationship outside the migration records with all their
     * properties, one sorted line each: two equal snapshots mean nothing was written in
     * between.
     */
    public List<String> snapshot() {
        try (var session = this.driver.session()) {
            return session.executeRead(tx -> {
                List<String> lines = new ArrayList<>();
                tx.run("""
                        MATCH (n) WHERE NOT any(label IN labels(n) WHERE label STARTS WITH '__')
                        RETURN labels(n) AS labels, properties(n) AS properties
                        """).forEachRemaining(r -> lines.add(r.get("labels").asList() + " " + properties(r)));
                tx.run("""
                        MATCH (a)-[rel]->(b)
                        WHERE NOT any(label IN labels(a) + labels(b) WHERE label STARTS WITH '__')
                        RETURN coalesce(a.name, a.handle, elementId(a)) + ' -' + type(rel) + '-> '
                               + coalesce(b.name, b.handle, elementId(b)) AS labels, properties(rel) AS properties
                        """).forEachRemaining(r -> lines.add(r.get("labels").asString() + " " + properties(r)));
                Collections.sort(lines);
                return lines;
            });
        }
    }

    private Fixtures person(String handle, boolean active, String... squads) {
        return run("""
                CREATE (p:Person {handle: $handle, name: $name, email: $handle + '@example.com', active: $active,
                                  leftAt: CASE WHEN $active THEN null ELSE datetime('2025-01-31T17:00:00Z') END})
                WITH p
                UNWIND $squads AS squadName
                MATCH (s:Squad {name: squadName})
                CREATE (p)-[:MEMBER_OF]->(s)
                """,
                params("handle", handle, "name", titleCase(handle), "active", active, "squads", Arrays.asList(squads)));
    }

    private static Map<String, Object> properties(Record record) {
        return new TreeMap<>(record.get("properties").asMap());
    }

    private static String titleCase(String handle) {
        StringBuilder name = new StringBuilder();
        for (String part : handle.split("[._-]")) {
            if (!part.isEmpty()) {
                name.append(name.length() == 0 ? "" : " ")
                    .append(Character.toUpperCase(part.charAt(0)))
                    .append(part.substring(1));
            }
        }
        return name.toString();
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return parameters;
    }

}
