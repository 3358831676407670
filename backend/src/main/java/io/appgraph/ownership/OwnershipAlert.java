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
