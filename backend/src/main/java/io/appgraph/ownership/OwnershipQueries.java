package io.appgraph.ownership;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.Values;
import org.springframework.stereotype.Component;

/** Who is accountable for apps now, and who was before: one query per batch of apps. */
@Component
final class OwnershipQueries {

    // Groups form a tree (upsertGroup refuses cycles); the longest path upwards is the
    // way to the
    // root, bounded like every traversal. Each app's chain comes back as one list, in the
    // order
    // the API lists it: owner, squad, buddy, then each group up to the root.
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
            WITH name,
                 CASE WHEN owner IS NULL THEN [] ELSE [{role: 'OWNER', name: owner.handle, title: owner.name,
                      contact: owner.email, active: coalesce(owner.active, true)}] END
                 + CASE WHEN squad IS NULL THEN [] ELSE [{role: 'SQUAD', name: squad.name, contact: squad.slackChannel}] END
                 + CASE WHEN buddy IS NULL THEN [] ELSE [{role: 'BUDDY', name: buddy.handle, title: buddy.name,
                      contact: buddy.email, active: coalesce(buddy.active, true)}] END
                 + [g IN groups | {role: 'GROUP', name: g.name, title: g.type}] AS chain
            RETURN name AS key, chain AS rows
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
            ORDER BY until IS NULL DESC, until DESC, since DESC, role, who
            RETURN name AS key, collect({role: role, name: who, since: since, until: until})[..100] AS rows
            """;

    private final Cypher cypher;

    OwnershipQueries(Cypher cypher) {
        this.cypher = cypher;
    }

    Map<String, List<OwnershipLink>> chains(Collection<String> appNames) {
        return this.cypher.listsByKey(CHAINS, "names", appNames,
                link -> new OwnershipLink(OwnershipRole.valueOf(link.get("role").asString()),
                        link.get("name").asString(), link.get("title").asString(null),
                        link.get("contact").asString(null),
                        link.get("active").isNull() ? null : link.get("active").asBoolean()));
    }

    Map<String, List<OwnershipPeriod>> history(Collection<String> appNames) {
        return this.cypher.listsByKey(HISTORY, "names", appNames,
                period -> new OwnershipPeriod(OwnershipRole.valueOf(period.get("role").asString()),
                        period.get("name").asString(), Values.offsetDateTime(period.get("since")),
                        Values.offsetDateTime(period.get("until"))));
    }

}
