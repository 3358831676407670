package io.appgraph.ownership;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.NotFoundException;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * The ownership gaps of one squad's apps or of the whole estate, in one statement: each
 * figure is a COUNT and its sample a COLLECT ordered by name and cut at {@code $sample},
 * so the answer stays small however large the estate.
 */
@Component
final class OwnershipHealthQuery {

    private static final String IN_SCOPE = "($squad IS NULL OR EXISTS { (app)-[:OWNED_BY]->(:Squad {name: $squad}) })";

    private static final String SQUAD_IN_SCOPE = "($squad IS NULL OR squad.name = $squad)";

    private static final String OWNER_LEFT = "MATCH (app:App)-[:HAS_OWNER]->(owner:Person) WHERE " + IN_SCOPE
            + " AND owner.active = false";

    private static final String NO_OWNER = "MATCH (app:App) WHERE " + IN_SCOPE
            + " AND NOT EXISTS { (app)-[:HAS_OWNER]->(:Person) }";

    private static final String OUTSIDE = "MATCH (app:App)-[:HAS_OWNER]->(owner:Person), (app)-[:OWNED_BY]->(squad:Squad) WHERE "
            + IN_SCOPE + " AND NOT EXISTS { (owner)-[:MEMBER_OF]->(squad) }";

    private static final String NO_BUDDY = "MATCH (squad:Squad) WHERE " + SQUAD_IN_SCOPE
            + " AND NOT EXISTS { (squad)-[:HAS_BUDDY]->(:Person) }";

    private static final String BUDDY_LEFT = "MATCH (squad:Squad)-[:HAS_BUDDY]->(buddy:Person) WHERE " + SQUAD_IN_SCOPE
            + " AND buddy.active = false";

    private static final String LOADS = "MATCH (app:App)-[:HAS_OWNER]->(owner:Person) WHERE " + IN_SCOPE
            + " WITH owner, count(app) AS apps WHERE apps > $max";

    private static final String HEALTH = """
            RETURN
              $squad IS NULL OR EXISTS { (:Squad {name: $squad}) } AS scopeExists,
              COUNT { MATCH (app:App) WHERE %1$s } AS apps,
              COUNT { %2$s } AS ownerLeftCount,
              COLLECT { %2$s WITH app.name AS name ORDER BY name LIMIT $sample RETURN name } AS ownerLeft,
              COUNT { %3$s } AS noOwnerCount,
              COLLECT { %3$s WITH app.name AS name ORDER BY name LIMIT $sample RETURN name } AS noOwner,
              COUNT { %4$s } AS outsideCount,
              COLLECT { %4$s WITH app.name AS name ORDER BY name LIMIT $sample RETURN name } AS outside,
              COUNT { %5$s } AS noBuddyCount,
              COLLECT { %5$s WITH squad.name AS name ORDER BY name LIMIT $sample RETURN name } AS noBuddy,
              COUNT { %6$s } AS buddyLeftCount,
              COLLECT { %6$s WITH squad.name AS name ORDER BY name LIMIT $sample RETURN name } AS buddyLeft,
              size(COLLECT { %7$s RETURN owner.handle AS handle }) AS overloadedCount,
              COLLECT { %7$s WITH owner.handle AS handle, apps ORDER BY apps DESC, handle LIMIT $sample
                        RETURN {handle: handle, apps: apps} } AS overloaded
            """.formatted(IN_SCOPE, OWNER_LEFT, NO_OWNER, OUTSIDE, NO_BUDDY, BUDDY_LEFT, LOADS);

    private final Cypher cypher;

    OwnershipHealthQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    OwnershipHealth health(String squad, int maxAppsPerOwner, int sample) {
        if (maxAppsPerOwner < 1 || maxAppsPerOwner > 1000) {
            throw new InvalidArgumentException("maxAppsPerOwner must be 1 to 1000, was " + maxAppsPerOwner);
        }
        if (sample < 0 || sample > 200) {
            throw new InvalidArgumentException("sample must be 0 to 200, was " + sample);
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("squad", squad);
        parameters.put("max", maxAppsPerOwner);
        parameters.put("sample", sample);
        Record row = this.cypher.single(HEALTH, parameters, r -> r).orElseThrow();
        if (!row.get("scopeExists").asBoolean()) {
            throw new NotFoundException("No squad is named '%s'".formatted(squad));
        }
        return new OwnershipHealth(squad, row.get("apps").asInt(), named(row, "ownerLeft"), named(row, "noOwner"),
                named(row, "outside"), named(row, "noBuddy"), named(row, "buddyLeft"),
                row.get("overloadedCount").asInt(),
                row.get("overloaded").asList(v -> new OwnerLoad(v.get("handle").asString(), v.get("apps").asInt())));
    }

    private static NamedCount named(Record row, String figure) {
        return new NamedCount(row.get(figure + "Count").asInt(), row.get(figure).asList(Value::asString));
    }

    /** How many, and the first of them by name. */
    record NamedCount(int count, List<String> names) {
    }

    /** A person and how many apps they own. */
    record OwnerLoad(String handle, int apps) {
    }

    /** The figures of {@code ownershipHealth}. */
    record OwnershipHealth(String squad, int apps, NamedCount ownerLeft, NamedCount noOwner,
            NamedCount ownerOutsideSquad, NamedCount squadsWithoutBuddy, NamedCount squadsWhoseBuddyLeft,
            int overloadedOwnerCount, List<OwnerLoad> overloadedOwners) {
    }

}
