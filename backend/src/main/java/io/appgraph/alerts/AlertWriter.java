package io.appgraph.alerts;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.alerts.AlertmanagerNotification.Incoming;
import io.appgraph.notify.Outbox;
import io.appgraph.notify.SlackBot;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.UserError;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * Writes alerts: Alertmanager's notifications, acknowledgements and silences, each in one
 * transaction with the Slack messages it causes (through the outbox).
 * <p>
 * Alertmanager retries and, run as a highly available pair, sends each notification
 * twice; so a notification changes only what is new. An episode that resolved stays
 * resolved (a late firing notification of it changes nothing), an alert first matched to
 * no app is matched when a later notification finds its app, and a group's Slack message
 * is posted once per episode of the group (from firing to all resolved) and updated when
 * one of its alerts changes.
 */
@Component
final class AlertWriter {

    static final String POST = "post";

    static final String UPDATE = "update";

    static final String RESOLVED = "resolved";

    // A group that resolved and fires again starts a new episode: a new Slack message,
    // holding only the alerts that fire now.
    private static final String RECORD = """
            MERGE (group:AlertGroup {key: $key})
            ON CREATE SET group.receiver = $receiver, group.groupKey = $groupKey, group.createdAt = $now,
                          group.episode = 0, group.version = 0, group.status = 'NEW', group.announced = false
            WITH group, group.status AS wasStatus
            CALL (group, wasStatus) {
              WITH group WHERE wasStatus = 'RESOLVED' AND $anyFiring
              OPTIONAL MATCH (group)-[old:CONTAINS]->(:Alert)
              DELETE old
              WITH DISTINCT group
              SET group.episode = group.episode + 1, group.version = 0, group.announced = false
              REMOVE group.slackChannel, group.slackTs
            }
            SET group.commonLabelNames = $commonLabelNames, group.commonLabelValues = $commonLabelValues,
                group.externalUrl = $externalUrl
            WITH group, wasStatus
            UNWIND $alerts AS incoming
            MERGE (alert:Alert {id: incoming.id})
            ON CREATE SET alert.fingerprint = incoming.fingerprint, alert.startsAt = incoming.startsAt
            WITH group, wasStatus, incoming, alert, alert.status AS before,
                 EXISTS { (group)-[:CONTAINS]->(alert) } AS member
            WITH group, wasStatus, incoming, alert, before, member,
                 CASE WHEN before = 'RESOLVED' OR incoming.status = 'RESOLVED' THEN 'RESOLVED' ELSE 'FIRING' END AS status
            SET alert.status = status,
                alert.endsAt = CASE WHEN before = 'RESOLVED' THEN alert.endsAt
                                    WHEN status = 'RESOLVED' THEN coalesce(incoming.endsAt, $now) END
            FOREACH (stale IN CASE WHEN before = 'RESOLVED' AND incoming.status = 'FIRING' THEN [] ELSE [1] END |
              SET alert += incoming.properties)
            WITH group, wasStatus, incoming, alert, before, member, status
            OPTIONAL CALL (incoming) {
              UNWIND range(0, size(incoming.candidates) - 1) AS i
              MATCH (app:App {name: incoming.candidates[i]})
              RETURN app ORDER BY i LIMIT 1
            }
            FOREACH (found IN CASE WHEN app IS NOT NULL AND NOT EXISTS { (alert)-[:ON]->(:App) } THEN [1] ELSE [] END |
              MERGE (alert)-[:ON]->(app))
            SET alert.appLabel = coalesce(head(COLLECT { MATCH (alert)-[:ON]->(on:App) RETURN on.name }), alert.appLabel)
            WITH group, wasStatus, alert, member, status, before IS NULL OR before <> status AS changed
            FOREACH (joined IN CASE WHEN NOT member AND (status = 'FIRING' OR changed) THEN [1] ELSE [] END |
              MERGE (group)-[:CONTAINS]->(alert))
            WITH group, wasStatus, count(CASE WHEN changed OR (NOT member AND status = 'FIRING') THEN 1 END) AS changes
            WITH group, wasStatus, changes,
                 CASE WHEN EXISTS { (group)-[:CONTAINS]->(:Alert {status: 'FIRING'}) } THEN 'FIRING' ELSE 'RESOLVED' END AS status
            SET group.status = status
            RETURN group.key AS key, group.episode AS episode, wasStatus, status, changes, group.announced AS announced
            """;

    private static final String ANNOUNCE = """
            MATCH (group:AlertGroup {key: $key})
            SET group.announced = true
            """;

    // Announced groups that hold the alerts: each gets a new version, whose update
    // message re-renders it.
    private static final String TOUCH = """
            MATCH (group:AlertGroup)-[:CONTAINS]->(alert:Alert)
            WHERE alert.id IN $ids AND group.announced
            WITH DISTINCT group
            SET group.version = group.version + 1
            RETURN group.key AS key, group.episode AS episode, group.version AS version, group.status AS status
            """;

    private static final String LATEST = """
            MATCH (alert:Alert {fingerprint: $fingerprint})
            WITH alert ORDER BY alert.startsAt DESC LIMIT 1
            RETURN alert.id AS id, alert.status AS status, alert.labelNames AS names, alert.labelValues AS values,
                   head(COLLECT { MATCH (alert)-[:ACKNOWLEDGED_BY]->(p:Person) RETURN p.handle }) AS holder
            """;

    private static final String PERSON = """
            MATCH (person:Person {handle: $handle})
            RETURN person.active AS active
            """;

    private static final String ACKNOWLEDGE = """
            UNWIND $ids AS id
            MATCH (alert:Alert {id: id}), (person:Person {handle: $by})
            WHERE NOT EXISTS { (alert)-[:ACKNOWLEDGED_BY]->(:Person) }
            MERGE (alert)-[:ACKNOWLEDGED_BY]->(person)
            SET alert.acknowledgedAt = $now
            RETURN alert.id AS id
            """;

    private static final String SILENCED = """
            UNWIND $ids AS id
            MATCH (alert:Alert {id: id}), (person:Person {handle: $by})
            SET alert.silenceId = $silenceId, alert.silencedUntil = $until
            WITH alert, person
            CALL (alert) {
              OPTIONAL MATCH (alert)-[old:SILENCED_BY]->(:Person)
              DELETE old
            }
            MERGE (alert)-[:SILENCED_BY]->(person)
            RETURN alert.id AS id
            """;

    private static final String GROUP_FIRING = """
            MATCH (group:AlertGroup {key: $key})-[:CONTAINS]->(alert:Alert {status: 'FIRING'})
            RETURN alert.id AS id,
                   head(COLLECT { MATCH (alert)-[:ACKNOWLEDGED_BY]->(p:Person) RETURN p.handle }) AS holder,
                   group.commonLabelNames AS names, group.commonLabelValues AS values
            ORDER BY alert.startsAt, alert.id
            """;

    private final Cypher cypher;

    private final Outbox outbox;

    private final SlackBot slack;

    private final AlertProperties properties;

    private final Clock clock;

    AlertWriter(Cypher cypher, Outbox outbox, SlackBot slack, AlertProperties properties) {
        this.cypher = cypher;
        this.outbox = outbox;
        this.slack = slack;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** Records one Alertmanager notification; what it repeats changes nothing. */
    Recorded record(AlertmanagerNotification notification) {
        if (notification.alerts().isEmpty()) {
            return new Recorded(0, 0);
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("key", notification.key());
        parameters.put("receiver", notification.receiver());
        parameters.put("groupKey", notification.groupKey());
        parameters.put("commonLabelNames", List.copyOf(notification.commonLabels().keySet()));
        parameters.put("commonLabelValues", List.copyOf(notification.commonLabels().values()));
        parameters.put("externalUrl", notification.externalUrl());
        parameters.put("anyFiring", notification.anyFiring());
        parameters.put("now", now());
        parameters.put("alerts", notification.alerts().stream().map(this::row).toList());
        return this.cypher.write(tx -> {
            Record group = this.cypher.run(tx, RECORD, parameters).get(0);
            String was = group.get("wasStatus").asString();
            String status = group.get("status").asString();
            int changes = group.get("changes").asInt();
            boolean fresh = was.equals("NEW") || (was.equals("RESOLVED") && status.equals("FIRING"));
            if (this.slack.configured()) {
                String key = group.get("key").asString();
                long episode = group.get("episode").asLong();
                if (fresh && status.equals("FIRING")) {
                    this.cypher.run(tx, ANNOUNCE, Map.of("key", key));
                    enqueue(tx, key, episode, POST, POST);
                }
                else if (changes > 0 && group.get("announced").asBoolean()) {
                    touch(tx, notification.alerts().stream().map(Incoming::id).toList());
                }
            }
            return new Recorded(notification.alerts().size(), changes);
        });
    }

    /**
     * Acknowledges the latest episode of the alert with {@code fingerprint} for the
     * person {@code by}.
     * @return the errors that stopped it; empty when it is acknowledged (also when it
     * already was, by the same person)
     */
    List<UserError> acknowledge(String fingerprint, String by) {
        return this.cypher.write(tx -> {
            List<UserError> errors = new ArrayList<>();
            Record alert = latest(tx, fingerprint, errors);
            checkPerson(tx, by, errors);
            if (!errors.isEmpty()) {
                return errors;
            }
            String holder = alert.get("holder").asString(null);
            if (holder != null) {
                return holder.equals(by) ? List.of() : List.of(UserError.conflict("fingerprint",
                        "%s already took alert %s on".formatted(holder, fingerprint)));
            }
            if (alert.get("status").asString().equals("RESOLVED")) {
                return List.of(UserError.invalid("fingerprint",
                        "Alert %s has resolved: there is nothing to take on".formatted(fingerprint)));
            }
            List<String> ids = List.of(alert.get("id").asString());
            this.cypher.run(tx, ACKNOWLEDGE, Map.of("ids", ids, "by", by, "now", now()));
            touch(tx, ids);
            return List.of();
        });
    }

    /**
     * Acknowledges every firing alert of a group that nobody holds yet, for someone who
     * clicked "I'm on it" in Slack.
     * @return who holds the group's alerts now: {@code by} when it took at least one on,
     * else the first other holder; null when none of its alerts fires
     */
    String acknowledgeGroup(String groupKey, String by) {
        return this.cypher.write(tx -> {
            List<Record> firing = this.cypher.run(tx, GROUP_FIRING, Map.of("key", groupKey));
            List<String> free = firing.stream()
                .filter(r -> r.get("holder").isNull())
                .map(r -> r.get("id").asString())
                .toList();
            if (!free.isEmpty()) {
                this.cypher.run(tx, ACKNOWLEDGE, Map.of("ids", free, "by", by, "now", now()));
                touch(tx, free);
                return by;
            }
            return firing.stream().map(r -> r.get("holder").asString(null)).findFirst().orElse(null);
        });
    }

    /**
     * What a silence of the alert with {@code fingerprint} matches: its latest episode's
     * labels; the errors say what is wrong when it cannot be silenced.
     */
    SilenceTarget silenceTarget(String fingerprint, String by, List<UserError> errors) {
        return this.cypher.read(tx -> {
            Record alert = latest(tx, fingerprint, errors);
            checkPerson(tx, by, errors);
            if (alert == null) {
                return null;
            }
            return new SilenceTarget(List.of(alert.get("id").asString()), labels(
                    alert.get("names").asList(v -> v.asString()), alert.get("values").asList(v -> v.asString())));
        });
    }

    /**
     * What a silence of a whole group matches: its common labels (Alertmanager's
     * {@code commonLabels}), and the firing alerts it covers; null when none fires.
     */
    SilenceTarget groupSilenceTarget(String groupKey) {
        List<Record> firing = this.cypher.list(GROUP_FIRING, Map.of("key", groupKey), r -> r);
        if (firing.isEmpty()) {
            return null;
        }
        Record first = firing.get(0);
        Map<String, String> common = labels(first.get("names").asList(v -> v.asString(), List.of()),
                first.get("values").asList(v -> v.asString(), List.of()));
        if (common.isEmpty()) {
            return null;
        }
        return new SilenceTarget(firing.stream().map(r -> r.get("id").asString()).toList(), common);
    }

    /** Records a silence Alertmanager created for these alerts. */
    void silenced(List<String> alertIds, String silenceId, OffsetDateTime until, String by) {
        this.cypher.write(tx -> {
            this.cypher.run(tx, SILENCED, Map.of("ids", alertIds, "silenceId", silenceId, "until",
                    until.withOffsetSameInstant(ZoneOffset.UTC), "by", by));
            touch(tx, alertIds);
            return null;
        });
    }

    private Record latest(TransactionContext tx, String fingerprint, List<UserError> errors) {
        List<Record> found = this.cypher.run(tx, LATEST, Map.of("fingerprint", fingerprint));
        if (found.isEmpty()) {
            errors.add(UserError.notFound("fingerprint", "No alert has fingerprint '" + fingerprint + "'"));
            return null;
        }
        return found.get(0);
    }

    private void checkPerson(TransactionContext tx, String handle, List<UserError> errors) {
        List<Record> person = this.cypher.run(tx, PERSON, Map.of("handle", handle));
        if (person.isEmpty()) {
            errors.add(UserError.notFound("by", "No person has handle '" + handle + "'"));
        }
        else if (!person.get(0).get("active").asBoolean(true)) {
            errors.add(UserError.invalid("by", handle + " has left the company"));
        }
    }

    private void touch(TransactionContext tx, List<String> alertIds) {
        if (!this.slack.configured()) {
            return;
        }
        for (Record group : this.cypher.run(tx, TOUCH, Map.of("ids", alertIds))) {
            String key = group.get("key").asString();
            long episode = group.get("episode").asLong();
            enqueue(tx, key, episode, "v" + group.get("version").asLong(), UPDATE);
            if (group.get("status").asString().equals("RESOLVED")) {
                enqueue(tx, key, episode, RESOLVED, RESOLVED);
            }
        }
    }

    private void enqueue(TransactionContext tx, String group, long episode, String suffix, String kind) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("group", group);
        payload.put("episode", episode);
        payload.put("kind", kind);
        this.outbox.enqueue(tx, Outbox.SLACK_ALERTS, "alert-group|%s|%d|%s".formatted(group, episode, suffix), payload);
    }

    private Map<String, Object> row(Incoming alert) {
        Map<String, String> labels = alert.labels();
        Map<String, String> annotations = alert.annotations();
        List<String> candidates = new ArrayList<>();
        String appLabel = null;
        for (String label : this.properties.appLabels()) {
            String value = labels.get(label);
            if (value != null && !value.isBlank()) {
                candidates.add(value);
                appLabel = (appLabel != null) ? appLabel : value;
            }
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("name", labels.get("alertname"));
        properties.put("severity", labels.get("severity"));
        properties.put("namespace", labels.get("namespace"));
        properties.put("pod", labels.get("pod"));
        properties.put("container", labels.get("container"));
        properties.put("labelNames", List.copyOf(labels.keySet()));
        properties.put("labelValues", List.copyOf(labels.values()));
        properties.put("summary", annotations.get("summary"));
        properties.put("description", annotations.get("description"));
        properties.put("runbookAnnotation", annotations.get("runbook_url"));
        properties.put("generatorUrl", alert.generatorUrl());
        properties.put("appLabel", appLabel);
        Map<String, Object> row = new HashMap<>();
        row.put("id", alert.id());
        row.put("fingerprint", alert.fingerprint());
        row.put("status", alert.status().name());
        row.put("startsAt", alert.startsAt());
        row.put("endsAt", alert.endsAt());
        row.put("candidates", candidates);
        row.put("properties", properties);
        return row;
    }

    private static Map<String, String> labels(List<String> names, List<String> values) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < names.size() && i < values.size(); i++) {
            labels.put(names.get(i), values.get(i));
        }
        return labels;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * What one notification did.
     *
     * @param alerts alerts in it
     * @param changed alerts it created, resolved or added to its group
     */
    record Recorded(int alerts, int changed) {
    }

    /**
     * What a silence matches and the alerts it covers.
     *
     * @param alertIds the alert episodes it covers
     * @param matchers label name to exact value
     */
    record SilenceTarget(List<String> alertIds, Map<String, String> matchers) {
    }

}
