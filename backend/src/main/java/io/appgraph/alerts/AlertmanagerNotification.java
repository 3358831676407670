package io.appgraph.alerts;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One notification of Alertmanager's webhook (payload version 4), checked: the group it
 * is for and its alerts. {@link #parse} lists every problem of a malformed payload at
 * once, each naming where it is ({@code alerts[2].startsAt}).
 *
 * @param groupKey Alertmanager's key of the notification group
 * @param receiver the receiver that sent it
 * @param commonLabels the labels all its alerts share, which a silence of the whole group
 * matches
 * @param externalUrl where the Alertmanager that sent it can be reached by people
 * @param alerts its alerts, firing and resolved
 */
record AlertmanagerNotification(String groupKey, String receiver, Map<String, String> commonLabels, String externalUrl,
        List<Incoming> alerts) {

    /** The time Alertmanager sends for "not set" (Go's zero time). */
    private static final OffsetDateTime ZERO_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** The key appgraph keeps the group under: one per receiver and group. */
    String key() {
        return this.receiver + "|" + this.groupKey;
    }

    boolean anyFiring() {
        return this.alerts.stream().anyMatch(a -> a.status() == AlertStatus.FIRING);
    }

    /**
     * Reads a payload, or throws {@link Malformed} listing what is wrong with it.
     */
    static AlertmanagerNotification parse(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new Malformed(List.of("The body must be one JSON object, Alertmanager's webhook payload"));
        }
        String version = text(body, "version", problems, true);
        if (version != null && !version.equals("4")) {
            problems.add("version must be \"4\" (Alertmanager's webhook payload version), was \"" + version + "\"");
        }
        String groupKey = text(body, "groupKey", problems, true);
        String receiver = text(body, "receiver", problems, true);
        String externalUrl = text(body, "externalURL", problems, false);
        Map<String, String> commonLabels = strings(body, "commonLabels", "commonLabels", problems);
        List<Incoming> alerts = new ArrayList<>();
        JsonNode list = body.get("alerts");
        if (list == null || !list.isArray()) {
            problems.add("alerts must be an array");
        }
        else {
            for (int i = 0; i < list.size(); i++) {
                Incoming alert = alert(list.get(i), "alerts[" + i + "]", problems);
                if (alert != null) {
                    alerts.add(alert);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Malformed(problems);
        }
        return new AlertmanagerNotification(groupKey, receiver, commonLabels, externalUrl, List.copyOf(alerts));
    }

    private static Incoming alert(JsonNode node, String at, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(at + " must be an object");
            return null;
        }
        int before = problems.size();
        String fingerprint = text(node, "fingerprint", problems, true, at);
        String status = text(node, "status", problems, true, at);
        AlertStatus parsed = null;
        if ("firing".equals(status)) {
            parsed = AlertStatus.FIRING;
        }
        else if ("resolved".equals(status)) {
            parsed = AlertStatus.RESOLVED;
        }
        else if (status != null) {
            problems.add(at + ".status must be \"firing\" or \"resolved\", was \"" + status + "\"");
        }
        Map<String, String> labels = strings(node, "labels", at + ".labels", problems);
        if (node.get("labels") == null) {
            problems.add(at + ".labels is required");
        }
        else if (labels != null && !labels.containsKey("alertname")) {
            problems.add(at + ".labels must hold alertname");
        }
        Map<String, String> annotations = strings(node, "annotations", at + ".annotations", problems);
        OffsetDateTime startsAt = time(node, "startsAt", at, problems, true);
        OffsetDateTime endsAt = time(node, "endsAt", at, problems, false);
        String generatorUrl = text(node, "generatorURL", problems, false, at);
        if (startsAt == null && problems.size() == before) {
            problems.add(at + ".startsAt must be a time the alert started firing at, not Go's zero time");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Incoming(fingerprint, parsed, labels, annotations, startsAt, endsAt, generatorUrl);
    }

    private static String text(JsonNode node, String field, List<String> problems, boolean required) {
        return text(node, field, problems, required, null);
    }

    private static String text(JsonNode node, String field, List<String> problems, boolean required, String at) {
        String path = (at != null) ? at + "." + field : field;
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(path + " is required");
            }
            return null;
        }
        if (!value.isString()) {
            problems.add(path + " must be a string");
            return null;
        }
        String text = value.asString();
        if (required && text.isBlank()) {
            problems.add(path + " must not be blank");
            return null;
        }
        return text;
    }

    private static Map<String, String> strings(JsonNode node, String field, String path, List<String> problems) {
        JsonNode value = node.get(field);
        Map<String, String> strings = new TreeMap<>();
        if (value == null || value.isNull()) {
            return strings;
        }
        if (!value.isObject()) {
            problems.add(path + " must be an object of strings");
            return null;
        }
        for (var entry : value.properties()) {
            if (!entry.getValue().isString()) {
                problems.add(path + "." + entry.getKey() + " must be a string");
                continue;
            }
            strings.put(entry.getKey(), entry.getValue().asString());
        }
        return strings;
    }

    private static OffsetDateTime time(JsonNode node, String field, String at, List<String> problems,
            boolean required) {
        String text = text(node, field, problems, required, at);
        if (text == null) {
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
            return time.isAfter(ZERO_TIME) ? time : null;
        }
        catch (DateTimeParseException ex) {
            problems
                .add(at + "." + field + " must be an RFC 3339 time such as 2026-11-28T09:30:00Z, was \"" + text + "\"");
            return null;
        }
    }

    /**
     * One alert of the notification.
     *
     * @param endsAt when it resolved; null when Alertmanager sent Go's zero time or none
     */
    record Incoming(String fingerprint, AlertStatus status, Map<String, String> labels, Map<String, String> annotations,
            OffsetDateTime startsAt, OffsetDateTime endsAt, String generatorUrl) {

        /** The episode's key: the fingerprint and the instant it started firing. */
        String id() {
            return this.fingerprint + "@" + this.startsAt.toInstant();
        }

    }

    /** A payload that is not Alertmanager's: each problem names where it is. */
    static final class Malformed extends RuntimeException {

        private final List<String> problems;

        Malformed(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return this.problems;
        }

    }

}
