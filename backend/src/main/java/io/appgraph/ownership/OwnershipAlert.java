package io.appgraph.ownership;

import java.time.OffsetDateTime;

import io.appgraph.platform.Values;
import org.neo4j.driver.Value;

/**
 * An app that needs a new developer owner.
 *
 * @param appName the app's name
 * @param formerOwnerHandle the owner who left (OWNER_LEFT), else null
 * @param resolvedByHandle who resolved it, when {@code reassignOwner} named them
 */
record OwnershipAlert(String id, Reason reason, Status status, OffsetDateTime raisedAt, OffsetDateTime resolvedAt,
        String appName, String formerOwnerHandle, String resolvedByHandle) {

    static final String PROJECTION = """
            %1$s { .id, .reason, .status, .raisedAt, .resolvedAt, .resolvedBy,
                   app: head(COLLECT { MATCH (%1$s)-[:FOR]->(a:App) RETURN a.name }),
                   formerOwner: head(COLLECT { MATCH (%1$s)-[:FORMER_OWNER]->(p:Person) RETURN p.handle }) }""";

    /**
     * The one way an alert is raised, as the tail of a statement that has bound
     * {@code app}, {@code formerOwner} (a Person, or null) and {@code reason}, and passes
     * {@code $now}. The alert is MERGEd on its {@code openKey} ("app|reason", unique by
     * V0007), so an app has one OPEN alert per reason however many statements race to
     * raise it; only the alerts this statement created go on, bound to {@code alert} with
     * {@code app} (the transient {@code __new} marker tells them apart).
     */
    static final String RAISE = """
            MERGE (alert:OwnershipAlert {openKey: app.name + '|' + reason})
              ON CREATE SET alert.id = randomUUID(), alert.reason = reason, alert.status = 'OPEN',
                            alert.raisedAt = $now, alert.__new = true
            WITH app, formerOwner, alert
            WHERE alert.__new
            REMOVE alert.__new
            CREATE (alert)-[:FOR]->(app)
            FOREACH (person IN CASE WHEN formerOwner IS NULL THEN [] ELSE [formerOwner] END |
              CREATE (alert)-[:FORMER_OWNER]->(person))
            WITH app, alert
            """;

    static String projection(String variable) {
        return PROJECTION.formatted(variable);
    }

    static OwnershipAlert from(Value value) {
        return new OwnershipAlert(value.get("id").asString(), Reason.valueOf(value.get("reason").asString()),
                Status.valueOf(value.get("status").asString()), Values.offsetDateTime(value.get("raisedAt")),
                Values.offsetDateTime(value.get("resolvedAt")), value.get("app").asString(null),
                value.get("formerOwner").asString(null), value.get("resolvedBy").asString(null));
    }

    /** Why an alert was raised. */
    enum Reason {

        OWNER_LEFT, NO_OWNER

    }

    /** Whether an alert still needs someone to act. */
    enum Status {

        OPEN, RESOLVED

    }

}
