package io.appgraph.ownership;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.appgraph.ownership.LeaverWriter.Leaver;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.Values;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Record;

/**
 * Keeps ownership alerts true to the graph, whatever changed it: applies leaving dates
 * that have come, raises OWNER_LEFT for apps whose owner is inactive and NO_OWNER for
 * apps with no owner (created or imported so, the demo estate's leavers), and resolves
 * open alerts whose app has been given an owner. Each step works in batches of
 * {@code appgraph.ownership.sweep-batch-size}, one transaction each, and is idempotent:
 * alerts are MERGEd on their {@code openKey}, so sweeps on several instances, or a sweep
 * meeting a leaver event, raise each alert once. New alerts enqueue their notices in the
 * transaction that raises them.
 */
final class OwnershipSweep {

    private static final Log log = LogFactory.getLog(OwnershipSweep.class);

    // A safety net against a step that never runs dry; each round handles a full batch.
    private static final int MAX_ROUNDS = 10_000;

    private static final String DUE_LEAVERS = """
            MATCH (person:Person)
            WHERE person.leavingAt <= $now
            RETURN person.handle AS handle, person.leavingAt AS leavingAt
            ORDER BY leavingAt
            LIMIT $limit
            """;

    // Only an inactive owner without an open alert is a candidate; the MERGE settles a
    // race with a leaver event committing at the same moment.
    private static final String RAISE_OWNER_LEFT = """
            MATCH (app:App)-[:HAS_OWNER]->(person:Person)
            WHERE person.active = false
              AND NOT EXISTS { MATCH (:OwnershipAlert {openKey: app.name + '|OWNER_LEFT'}) }
            WITH app, person LIMIT $limit
            WITH app, person AS formerOwner, 'OWNER_LEFT' AS reason
            %s\
            RETURN alert.id AS alert
            """.formatted(OwnershipAlert.RAISE);

    // An app whose owner left already has its OWNER_LEFT alert: a second one for the
    // same gap would only be noise.
    private static final String RAISE_NO_OWNER = """
            MATCH (app:App)
            WHERE NOT EXISTS { (app)-[:HAS_OWNER]->(:Person) }
              AND NOT EXISTS { MATCH (:OwnershipAlert {openKey: app.name + '|NO_OWNER'}) }
              AND NOT EXISTS { MATCH (:OwnershipAlert {openKey: app.name + '|OWNER_LEFT'}) }
            WITH app LIMIT $limit
            WITH app, null AS formerOwner, 'NO_OWNER' AS reason
            %s\
            RETURN alert.id AS alert
            """.formatted(OwnershipAlert.RAISE);

    // OWNER_LEFT stays open while the app's owner is the one who left, even once they
    // are reactivated: a returning person is not silently given their apps back.
    private static final String RESOLVE = """
            MATCH (alert:OwnershipAlert {status: 'OPEN'})
            WHERE NOT EXISTS { (alert)-[:FOR]->(:App) }
               OR (alert.reason = 'NO_OWNER' AND EXISTS { (alert)-[:FOR]->(:App)-[:HAS_OWNER]->(:Person) })
               OR (alert.reason = 'OWNER_LEFT' AND EXISTS {
                     MATCH (alert)-[:FOR]->(:App)-[:HAS_OWNER]->(owner:Person)
                     WHERE coalesce(owner.active, true) AND NOT EXISTS { (alert)-[:FORMER_OWNER]->(owner) } })
            WITH alert LIMIT $limit
            SET alert.status = 'RESOLVED', alert.resolvedAt = $now
            REMOVE alert.openKey
            RETURN alert.id AS alert
            """;

    private final Cypher cypher;

    private final LeaverWriter leavers;

    private final OwnershipNotices notices;

    private final OwnershipProperties properties;

    private final Clock clock;

    OwnershipSweep(Cypher cypher, LeaverWriter leavers, OwnershipNotices notices, OwnershipProperties properties,
            Clock clock) {
        this.cypher = cypher;
        this.leavers = leavers;
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One sweep, for the scheduler: a failure is logged and the next sweep tries again.
     */
    void sweepQuietly() {
        try {
            Outcome outcome = sweep();
            if (outcome.changedAnything()) {
                log.info("Ownership sweep: " + outcome);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Ownership sweep failed, retrying next time: " + ex.getMessage());
        }
    }

    /** Runs every step until it has nothing left to do. */
    Outcome sweep() {
        OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
        int left = applyDueLeavers(now);
        int resolved = rounds(RESOLVE, now, false);
        int ownerLeft = rounds(RAISE_OWNER_LEFT, now, true);
        int noOwner = rounds(RAISE_NO_OWNER, now, true);
        return new Outcome(left, ownerLeft, noOwner, resolved);
    }

    /**
     * Records as leavers the people whose leaving date is {@code now} or earlier, a batch
     * per transaction.
     * @return how many people left
     */
    int applyDueLeavers(OffsetDateTime now) {
        int applied = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int done = this.cypher.write(tx -> {
                List<Record> due = this.cypher.run(tx, DUE_LEAVERS,
                        Map.of("now", now, "limit", this.properties.sweepBatchSize()));
                for (Record person : due) {
                    this.leavers.record(tx, new Leaver(person.get("handle").asString(), null,
                            Values.offsetDateTime(person.get("leavingAt"))), now);
                }
                return due.size();
            });
            applied += done;
            if (done < this.properties.sweepBatchSize()) {
                break;
            }
        }
        return applied;
    }

    private int rounds(String statement, OffsetDateTime now, boolean notify) {
        int total = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int done = this.cypher.write(tx -> {
                List<String> alerts = this.cypher
                    .run(tx, statement, Map.of("now", now, "limit", this.properties.sweepBatchSize()))
                    .stream()
                    .map(r -> r.get("alert").asString())
                    .toList();
                if (notify) {
                    this.notices.enqueue(tx, alerts);
                }
                return alerts.size();
            });
            total += done;
            if (done == 0) {
                break;
            }
        }
        return total;
    }

    /**
     * What one sweep did.
     *
     * @param left people whose leaving date had come
     * @param ownerLeft OWNER_LEFT alerts raised
     * @param noOwner NO_OWNER alerts raised
     * @param resolved alerts resolved because their app has an owner again
     */
    record Outcome(int left, int ownerLeft, int noOwner, int resolved) {

        boolean changedAnything() {
            return this.left + this.ownerLeft + this.noOwner + this.resolved > 0;
        }

    }

}
