package io.appgraph.alerts;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.appgraph.platform.Values;
import org.neo4j.driver.Value;

/**
 * One episode of an Alertmanager alert as the API reads it, with the keys of its app and
 * of the people who acknowledged and silenced it, so those load in batches.
 *
 * @param id the episode's key, {@code <fingerprint>@<startsAt>}
 * @param appName the app it is on, null when unmatched
 * @param appRunbookUrl that app's runbook link, the runbook when the alert names none
 * @param runbookAnnotation annotation {@code runbook_url}
 * @param labels every label, sorted by name
 * @param acknowledgedByHandle who took it on, or null
 * @param silencedByHandle who silenced it, or null
 */
record Alert(String id, String fingerprint, String name, String severity, AlertStatus status, OffsetDateTime startsAt,
        OffsetDateTime endsAt, String summary, String description, String generatorUrl, String runbookAnnotation,
        String namespace, String pod, String container, List<AlertLabel> labels, String appName, String appLabel,
        String appRunbookUrl, String acknowledgedByHandle, OffsetDateTime acknowledgedAt, String silenceId,
        OffsetDateTime silencedUntil, String silencedByHandle) {

    /**
     * A Cypher map projection of the alert bound to {@code variable}, read by
     * {@link #from}.
     */
    static String projection(String variable) {
        return """
                %1$s { .id, .fingerprint, .name, .severity, .status, .startsAt, .endsAt, .summary, .description,
                       .generatorUrl, .runbookAnnotation, .namespace, .pod, .container, .labelNames, .labelValues,
                       .appLabel, .acknowledgedAt, .silenceId, .silencedUntil,
                       app: head(COLLECT { MATCH (%1$s)-[:ON]->(%1$s_app:App)
                                           RETURN %1$s_app { .name, .runbookUrl } LIMIT 1 }),
                       acknowledgedBy: head(COLLECT { MATCH (%1$s)-[:ACKNOWLEDGED_BY]->(%1$s_ack:Person)
                                                      RETURN %1$s_ack.handle LIMIT 1 }),
                       silencedBy: head(COLLECT { MATCH (%1$s)-[:SILENCED_BY]->(%1$s_sil:Person)
                                                  RETURN %1$s_sil.handle LIMIT 1 }) }""".formatted(variable);
    }

    static Alert from(Value value) {
        List<String> names = value.get("labelNames").asList(Value::asString, List.of());
        List<String> values = value.get("labelValues").asList(Value::asString, List.of());
        List<AlertLabel> labels = new ArrayList<>(names.size());
        for (int i = 0; i < names.size() && i < values.size(); i++) {
            labels.add(new AlertLabel(names.get(i), values.get(i)));
        }
        Value app = value.get("app");
        return new Alert(value.get("id").asString(), value.get("fingerprint").asString(), value.get("name").asString(),
                value.get("severity").asString(null), Values.enumOrNull(value.get("status"), AlertStatus.class),
                time(value.get("startsAt")), time(value.get("endsAt")), value.get("summary").asString(null),
                value.get("description").asString(null), value.get("generatorUrl").asString(null),
                value.get("runbookAnnotation").asString(null), value.get("namespace").asString(null),
                value.get("pod").asString(null), value.get("container").asString(null), List.copyOf(labels),
                app.isNull() ? null : app.get("name").asString(), value.get("appLabel").asString(null),
                app.isNull() ? null : app.get("runbookUrl").asString(null), value.get("acknowledgedBy").asString(null),
                time(value.get("acknowledgedAt")), value.get("silenceId").asString(null),
                time(value.get("silencedUntil")), value.get("silencedBy").asString(null));
    }

    private static OffsetDateTime time(Value value) {
        return Values.offsetDateTime(value);
    }

    /** The runbook: the alert's own annotation, else its app's link. */
    String runbookUrl() {
        return (this.runbookAnnotation != null) ? this.runbookAnnotation : this.appRunbookUrl;
    }

    boolean matched() {
        return this.appName != null;
    }

    Integer durationMinutes() {
        return (this.endsAt == null) ? null : (int) Duration.between(this.startsAt, this.endsAt).toMinutes();
    }

    /** One label. */
    record AlertLabel(String name, String value) {
    }

}
