package io.appgraph.ownership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.Values;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/** Who is accountable for apps now, and who was before: one query per batch of apps. */
@Component
final class OwnershipQueries {

    // Groups form a tree (upsertGroup refuses cycles); the longest path upwards is the way to the
    // root, bounded like every traversal.
    private static final String CHAINS = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            OPTIONAL MATCH (app)-[:HAS_OWNER]->(owner:Person)
            OPTIONAL MATCH (app)-[:OWNED_BY]->(squad:Squad)
            OPTIONAL MATCH (squad)-[:HAS_BUDDY]->(buddy:Person)
            CALL (squad) {
              OPTIONAL MATCH path = (squad)-[:PART_OF]->(:Group)-[:PART_OF*0..19]->(:Group)
              WITH path ORDER BY length(path) DESC LIMIT 1
              RETURN CASE WHEN path IS NULL THEN [] ELSE [g IN tail(nodes(path)) | g {.name, .type}] END AS groups
            }
            RETURN name,
                   owner {.handle, .name, .email, .active} AS owner,
                   squad {.name, .slackChannel} AS squad,
                   buddy {.handle, .name, .email, .active} AS buddy,
                   groups
            """;

    private static final String HISTORY = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            CALL (app) {
              MATCH (app)-[r:HAS_OWNER|PREVIOUSLY_HAD_OWNER]->(p:Person)
              RETURN 'OWNER' AS role, p.handle AS who, r.since AS since, r.until AS until
              UNION
              MATCH (app)-[r:OWNED_BY|PREVIOUSLY_OWNED_BY]->(s:Squad)
              RETURN 'SQUAD' AS role, s.name AS who, r.since AS since, r.until AS until
            }
            WITH name, role, who, since, until
            ORDER BY until IS NULL DESC, until DESC, since DESC
            RETURN name, collect({role: role, name: who, since: since, until: until})[..100] AS periods
            """;

    private final Cypher cypher;

    OwnershipQueries(Cypher cypher) {
        this.cypher = cypher;
    }

    Map<String, List<OwnershipLink>> chains(Collection<String> appNames) {
        Map<String, List<OwnershipLink>> chains = new HashMap<>();
        this.cypher.list(CHAINS, Map.of("names", List.copyOf(appNames)), r -> r)
                .forEach(r -> chains.put(r.get("name").asString(), chain(r)));
        return chains;
    }

    Map<String, List<OwnershipPeriod>> history(Collection<String> appNames) {
        Map<String, List<OwnershipPeriod>> history = new HashMap<>();
        this.cypher.list(HISTORY, Map.of("names", List.copyOf(appNames)), r -> r)
                .forEach(r -> history.put(r.get("name").asString(), r.get("periods").asList(p -> new OwnershipPeriod(
                        OwnershipRole.valueOf(p.get("role").asString()), p.get("name").asString(),
                        Values.offsetDateTime(p.get("since")), Values.offsetDateTime(p.get("until"))))));
        return history;
    }

    private static List<OwnershipLink> chain(Record row) {
        List<OwnershipLink> chain = new ArrayList<>();
        Value owner = row.get("owner");
        if (!owner.isNull()) {
            chain.add(person(OwnershipRole.OWNER, owner));
        }
        Value squad = row.get("squad");
        if (!squad.isNull()) {
            chain.add(new OwnershipLink(OwnershipRole.SQUAD, squad.get("name").asString(), null,
                    squad.get("slackChannel").asString(null), null));
        }
        Value buddy = row.get("buddy");
        if (!buddy.isNull()) {
            chain.add(person(OwnershipRole.BUDDY, buddy));
        }
        for (Value group : row.get("groups").values()) {
            chain.add(new OwnershipLink(OwnershipRole.GROUP, group.get("name").asString(),
                    group.get("type").asString(null), null, null));
        }
        return chain;
    }

    private static OwnershipLink person(OwnershipRole role, Value person) {
        return new OwnershipLink(role, person.get("handle").asString(), person.get("name").asString(null),
                person.get("email").asString(null), person.get("active").asBoolean(true));
    }
}
