package io.appgraph.ownership;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;

/**
 * What happens when a person leaves, whoever reports it: the {@code recordLeaver}
 * mutation, the HR feed or the identity provider over SCIM. Each call runs inside the
 * caller's write transaction, so a batch of leavers commits whole or not at all.
 *
 * <p>
 * A leaver is marked inactive (the first recorded {@code leftAt} wins) and each app they
 * own gets an OPEN {@code OWNER_LEFT} ownership alert. The alert is MERGEd on its
 * {@code openKey} ("app|reason", unique by V0007), so replays and concurrent events for
 * the same person raise one alert per app, and each new alert enqueues its Slack notice
 * in the same transaction. A leaving date still in the future is kept as
 * {@code leavingAt} and changes nothing else until it is due ({@link OwnershipSweep}
 * applies it then).
 */
@Service
final class LeaverWriter {

    static final String OWNER_LEFT = "OWNER_LEFT";

    // Setting and removing a property takes the person's write lock: events about one
    // person are then decided one after the other on what is stored.
    private static final String LOCK = """
            OPTIONAL MATCH (byHandle:Person {handle: $handle})
            OPTIONAL MATCH (byEmail:Person {email: $email})
            WITH coalesce(byHandle, byEmail) AS person
            WHERE person IS NOT NULL
            SET person.__lock = true REMOVE person.__lock
            RETURN person.handle AS handle, person.active AS active
            """;

    private static final String SCHEDULE = """
            MATCH (person:Person {handle: $handle})
            SET person.leavingAt = $leftAt
            """;

    private static final String LEAVE = """
            MATCH (person:Person {handle: $handle})
            SET person.active = false, person.leftAt = coalesce(person.leftAt, $leftAt)
            REMOVE person.leavingAt
            WITH person
            MATCH (app:App)-[:HAS_OWNER]->(person)
            WITH app, person AS formerOwner, 'OWNER_LEFT' AS reason
            %s\
            RETURN app.name AS app, alert.id AS alert
            ORDER BY app
            """.formatted(OwnershipAlert.RAISE);

    private static final String REACTIVATE = """
            MATCH (person:Person {handle: $handle})
            WITH person, person.active = false OR person.leavingAt IS NOT NULL AS changed
            SET person.active = true
            REMOVE person.leftAt, person.leavingAt
            RETURN changed
            """;

    private final Cypher cypher;

    private final OwnershipNotices notices;

    LeaverWriter(Cypher cypher, OwnershipNotices notices) {
        this.cypher = cypher;
        this.notices = notices;
    }

    /**
     * Records that a person left, inside {@code tx}. An unknown person changes nothing
     * and comes back with a null handle; a null {@code leftAt} means now.
     */
    LeaverOutcome record(TransactionContext tx, Leaver leaver) {
        return record(tx, leaver, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * The same, as of {@code now}: a leaving date after it is kept for later, one at or
     * before it takes effect.
     */
    LeaverOutcome record(TransactionContext tx, Leaver leaver, OffsetDateTime now) {
        OffsetDateTime leftAt = (leaver.leftAt() != null) ? leaver.leftAt().withOffsetSameInstant(ZoneOffset.UTC) : now;
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("handle", leaver.handle());
        parameters.put("email", (leaver.email() != null) ? leaver.email().toLowerCase() : null);
        List<Record> found = this.cypher.run(tx, LOCK, parameters);
        if (found.isEmpty()) {
            return new LeaverOutcome(leaver, null, false, false, List.of());
        }
        String handle = found.get(0).get("handle").asString();
        boolean wasActive = found.get(0).get("active").asBoolean(true);
        parameters.put("handle", handle);
        parameters.put("leftAt", leftAt);
        if (leftAt.isAfter(now)) {
            if (wasActive) {
                this.cypher.run(tx, SCHEDULE, parameters);
            }
            return new LeaverOutcome(leaver, handle, false, wasActive, List.of());
        }
        parameters.put("now", now);
        List<Record> raised = this.cypher.run(tx, LEAVE, parameters);
        this.notices.enqueue(tx, raised.stream().map(r -> r.get("alert").asString()).toList());
        List<String> alerted = raised.stream().map(r -> r.get("app").asString()).toList();
        return new LeaverOutcome(leaver, handle, wasActive, false, alerted);
    }

    /**
     * Makes a person active again (an identity provider reactivated them), inside
     * {@code tx}; returns false when they were active already or are unknown. Apps they
     * owned are not given back: their alerts stay open until someone is assigned.
     */
    boolean reactivate(TransactionContext tx, String handle) {
        List<Record> rows = this.cypher.run(tx, REACTIVATE, Map.of("handle", handle));
        return !rows.isEmpty() && rows.get(0).get("changed").asBoolean();
    }

    /** A person reported as having left, by handle or else by email. */
    record Leaver(String handle, String email, OffsetDateTime leftAt) {
    }

    /**
     * What recording a leaver did: {@code handle} is null for a person appgraph does not
     * know; {@code newlyLeft} is false on a replay; {@code scheduled} when the leaving
     * date is still ahead; {@code alertedApps} are the apps that got a new OWNER_LEFT
     * alert.
     */
    record LeaverOutcome(Leaver leaver, String handle, boolean newlyLeft, boolean scheduled, List<String> alertedApps) {

        boolean known() {
            return this.handle != null;
        }

    }

}
