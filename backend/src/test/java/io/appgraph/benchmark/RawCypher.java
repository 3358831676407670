package io.appgraph.benchmark;

/**
 * The benchmark's reads written as one would by hand against the driver: the yardstick
 * the GraphQL figures are compared with. Each returns what the matching contract
 * operation shows.
 */
final class RawCypher {

    static final String SHAPE = """
            CALL () { MATCH (a:App) RETURN count(a) AS apps }
            CALL () { MATCH (:App)-[d:DEPENDS_ON]->(:App) RETURN count(d) AS dependencies }
            CALL () { MATCH (s:Squad) RETURN count(s) AS squads }
            CALL () { MATCH (p:Person) RETURN count(p) AS people }
            RETURN apps, dependencies, squads, people
            """;

    static final String TYPICAL_APP = """
            MATCH (a:App) WHERE COUNT { (a)<-[:DEPENDS_ON]-() } = 2
            RETURN a.name AS name ORDER BY a.name LIMIT 1
            """;

    static final String APP_TEXTS = """
            MATCH (a:App)
            RETURN toLower(a.name) AS name, toLower(coalesce(a.description, '')) AS description
            """;

    static final String PING = "RETURN 1 AS one";

    // One hop further than asked, only to tell whether the answer was cut off.
    static final String BLAST_RADIUS_COUNT = """
            MATCH (target:App {name: $app})
            CALL (target) {
              MATCH path = (target)<-[:DEPENDS_ON*1..11]-(caller:App)
              WHERE caller <> target
              WITH caller, min(length(path)) AS distance
              RETURN count(CASE WHEN distance <= 10 THEN 1 END) AS count,
                     count(CASE WHEN distance > 10 THEN 1 END) > 0 AS truncated
            }
            RETURN count, truncated
            """;

    static final String BLAST_RADIUS = """
            MATCH (target:App {name: $app})
            CALL (target) {
              MATCH path = (target)<-[:DEPENDS_ON*1..10]-(caller:App)
              WHERE caller <> target
              RETURN caller, min(length(path)) AS distance
            }
            OPTIONAL MATCH (caller)-[:OWNED_BY]->(squad:Squad)
            OPTIONAL MATCH (caller)-[:HAS_OWNER]->(owner:Person)
            RETURN distance, caller.name AS name, squad.name AS squad, owner.handle AS owner, owner.active AS active
            ORDER BY distance, name
            """;

    static final String APP_PAGE = """
            MATCH (app:App {name: $name})
            OPTIONAL MATCH (app)-[:OWNED_BY]->(squad:Squad)
            OPTIONAL MATCH (app)-[:HAS_OWNER]->(owner:Person)
            RETURN app {.name, .description, .tier, .linkLabels, .linkUrls} AS app,
                   squad {.name, .slackChannel, buddy: head([(squad)-[:HAS_BUDDY]->(b:Person) | b.handle])} AS squad,
                   owner {.handle, .name, .active} AS owner,
                   [(app)-[:DEPENDS_ON]->(d:App) | d.name] AS dependencies,
                   [(app)<-[:DEPENDS_ON]-(d:App) | d.name] AS dependents,
                   head(COLLECT {
                     MATCH path = (squad)-[:PART_OF]->(:Group)-[:PART_OF*0..19]->(:Group)
                     RETURN [g IN tail(nodes(path)) | g.name] AS groups ORDER BY length(path) DESC LIMIT 1
                   }) AS groups,
                   COLLECT {
                     MATCH (r:Release)-[:OF]->(app)
                     RETURN r {.externalId, .version, .status, .startedAt, .finishedAt} AS release
                     ORDER BY r.startedAt DESC LIMIT 20
                   } AS releases
            """;

    static final String APPS_PAGE = """
            MATCH (app:App)
            WITH app ORDER BY app.name LIMIT 101
            OPTIONAL MATCH (app)-[:OWNED_BY]->(squad:Squad)
            OPTIONAL MATCH (app)-[:HAS_OWNER]->(owner:Person)
            RETURN app.name AS name, squad.name AS squad, owner.handle AS owner, app.tier AS tier
            """;

    static final String APPS_COUNT = "MATCH (app:App) RETURN count(app) AS total";

    // What the AppSearch operation shows: the first matches and how many there are.
    static final String SEARCH = """
            CALL () {
              MATCH (app:App)
              WHERE toLower(app.name) CONTAINS $search OR toLower(coalesce(app.description, '')) CONTAINS $search
              RETURN count(app) AS total
            }
            MATCH (app:App)
            WHERE toLower(app.name) CONTAINS $search OR toLower(coalesce(app.description, '')) CONTAINS $search
            WITH total, app ORDER BY app.name LIMIT $first
            OPTIONAL MATCH (app)-[:OWNED_BY]->(squad:Squad)
            RETURN total, app.name AS name, app.description AS description, squad.name AS squad
            """;

    static final String GRAPH_NODES = """
            MATCH (app:App)
            RETURN app.name AS name, head([(app)-[:OWNED_BY]->(s:Squad) | s.name]) AS squad,
                   COUNT { (app)<-[:DEPENDS_ON]-(:App) } AS dependentCount,
                   EXISTS { (app)<-[:ON]-(:Alert {status: 'FIRING'}) } AS alerting
            """;

    static final String GRAPH_EDGES = """
            MATCH (caller:App)-[d:DEPENDS_ON]->(callee:App)
            RETURN caller.name AS from, callee.name AS to, d.sources AS sources
            """;

    private RawCypher() {
    }

}
