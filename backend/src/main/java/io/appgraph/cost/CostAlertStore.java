package io.appgraph.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.UserError;
import io.appgraph.platform.Values;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Component;

/**
 * Reads cost alerts and records what a squad decided: snoozed until a time (open again
 * after it) or dismissed with a reason. A snooze past its time reads as open even before
 * the sweep reopens it.
 */
@Component
final class CostAlertStore {

    static final Duration MAX_SNOOZE = Duration.ofDays(90);

    private static final String FIELDS = """
            OPTIONAL MATCH (c)-[:FOR_SQUAD]->(squad:Squad)
            OPTIONAL MATCH (c)-[:ABOUT]->(app:App)
            WITH c, squad, app,
                 CASE WHEN c.status = 'SNOOZED' AND c.snoozedUntil <= datetime() THEN 'OPEN' ELSE c.status END AS status
            """;

    private static final String RETURN = """
            RETURN c.id AS id, c.kind AS kind, squad.name AS squad, app.name AS app, c.message AS message,
                   c.value AS value, c.raisedAt AS raisedAt, status,
                   CASE WHEN status = 'SNOOZED' THEN c.snoozedUntil END AS snoozedUntil, c.reason AS reason, c.by AS by
            """;

    private static final String LIST = """
            MATCH (c:CostAlert)
            WHERE $squad IS NULL OR EXISTS { (c)-[:FOR_SQUAD]->(:Squad {name: $squad}) }
            """ + FIELDS + """
            WHERE $all OR status = 'OPEN'
            """ + RETURN + """
            ORDER BY c.raisedAt DESC, c.id
            LIMIT 200
            """;

    private static final String ONE = "MATCH (c:CostAlert {id: $id})\n" + FIELDS + RETURN;

    private static final String SNOOZE = """
            MATCH (c:CostAlert {id: $id})
            SET c.status = 'SNOOZED', c.snoozedUntil = $until, c.by = $by, c.reason = $reason
            """;

    private static final String DISMISS = """
            MATCH (c:CostAlert {id: $id})
            SET c.status = 'DISMISSED', c.snoozedUntil = null, c.by = $by, c.reason = $reason, c.dismissedAt = datetime()
            """;

    private static final String PERSON = "MATCH (p:Person {handle: $handle}) RETURN p.handle AS handle";

    private final Cypher cypher;

    private final Clock clock;

    CostAlertStore(Cypher cypher, Clock clock) {
        this.cypher = cypher;
        this.clock = clock;
    }

    List<CostAlert> list(String squad, boolean all) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("squad", squad);
        parameters.put("all", all);
        return this.cypher.list(LIST, parameters, CostAlertStore::alert);
    }

    Optional<CostAlert> find(String id) {
        return this.cypher.single(ONE, Map.of("id", id), CostAlertStore::alert);
    }

    /** Snoozes alert {@code id}; the errors say why nothing was written. */
    List<UserError> snooze(String id, OffsetDateTime until, String by, String reason) {
        List<UserError> errors = new ArrayList<>();
        OffsetDateTime now = this.clock.instant().atOffset(until.getOffset());
        if (!until.isAfter(now)) {
            errors.add(UserError.invalid("until", "until must be in the future, was " + until));
        }
        else if (until.isAfter(now.plus(MAX_SNOOZE))) {
            errors.add(UserError.invalid("until", "a snooze lasts at most 90 days; " + until + " is further"));
        }
        check(id, by, errors);
        if (errors.isEmpty()) {
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("id", id);
            parameters.put("until", until);
            parameters.put("by", by.strip());
            parameters.put("reason", blankToNull(reason));
            this.cypher.write(tx -> this.cypher.run(tx, SNOOZE, parameters));
        }
        return errors;
    }

    /** Dismisses alert {@code id}; the errors say why nothing was written. */
    List<UserError> dismiss(String id, String reason, String by) {
        List<UserError> errors = new ArrayList<>();
        if (blankToNull(reason) == null) {
            errors.add(UserError.invalid("reason", "say why the alert needs no action"));
        }
        check(id, by, errors);
        if (errors.isEmpty()) {
            this.cypher.write(
                    tx -> this.cypher.run(tx, DISMISS, Map.of("id", id, "by", by.strip(), "reason", reason.strip())));
        }
        return errors;
    }

    private void check(String id, String by, List<UserError> errors) {
        if (blankToNull(by) == null) {
            errors.add(UserError.invalid("by", "say who acts: a person's handle"));
        }
        else if (this.cypher.single(PERSON, Map.of("handle", by.strip()), r -> r).isEmpty()) {
            errors.add(UserError.notFound("by", "No person has the handle '" + by.strip() + "'"));
        }
        Optional<CostAlert> alert = find(id);
        if (alert.isEmpty()) {
            errors.add(UserError.notFound("id", "No cost alert has id '" + id + "'"));
        }
        else if (List.of("DISMISSED", "RESOLVED").contains(alert.get().status())) {
            errors.add(UserError.invalid("id", "The alert is already " + alert.get().status().toLowerCase()));
        }
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.strip();
    }

    private static CostAlert alert(Record r) {
        return new CostAlert(r.get("id").asString(), r.get("kind").asString(), r.get("squad").asString(null),
                r.get("app").asString(null), r.get("message").asString(), r.get("value").asDouble(0),
                Values.offsetDateTime(r.get("raisedAt")), r.get("status").asString(),
                Values.offsetDateTime(r.get("snoozedUntil")), r.get("reason").asString(null),
                r.get("by").asString(null));
    }

}
