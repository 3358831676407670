package io.appgraph.releases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.appgraph.notify.Outbox;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;
import io.appgraph.releases.ReleaseEventCommitted.Kind;
import io.appgraph.releases.ReleaseInputs.FinishReleaseInput;
import io.appgraph.releases.ReleaseInputs.FinishReleasePayload;
import io.appgraph.releases.ReleaseInputs.ReleaseOutcome;
import io.appgraph.releases.ReleaseInputs.StartReleaseInput;
import io.appgraph.releases.ReleaseInputs.StartReleasePayload;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Records pipeline events, from the GraphQL mutations and the webhook alike.
 *
 * <p>
 * The pipeline run's {@code externalId} is the idempotency key: each event MERGEs the
 * release on it (the uniqueness constraint of V0001 makes concurrent MERGEs of one run
 * meet on one node) and then locks that node, so events of one run are decided one after
 * the other on what is stored. An event that changes nothing (a replay) writes nothing
 * and publishes nothing; the first start and the first finish win, and a later event that
 * contradicts them is a CONFLICT.
 *
 * <p>
 * A finish that arrives before its start is kept on the release node as a pending outcome
 * ({@code pendingOutcome}, {@code pendingApp} and {@code finishedAt}, no
 * {@code startedAt}, no {@code status}, no {@code OF}); reads skip it until the start
 * arrives and completes the release with that outcome; that start then counts as both
 * changes (a STARTED and a FINISHED event and annotation, each with the completed
 * release).
 *
 * <p>
 * Each change enqueues its Grafana annotation in the same transaction and is published as
 * a {@link ReleaseEventCommitted} once that transaction has committed.
 */
@Service
final class ReleaseWriter {

    static final String DEFAULT_ENVIRONMENT = "prod";

    private static final int MAX_TEXT = 200;

    private static final String REGISTER_APP = "MERGE (:App {name: $app})";

    // Declared before the statements that end with it: a formatted text block is no
    // compile-time constant.
    private static final String RETURN_RELEASE = """
            WITH release
            RETURN %s AS release,
                   head(COLLECT { MATCH (release)-[:OF]->(:App)-[:OWNED_BY]->(squad:Squad) RETURN squad.name LIMIT 1 }) AS squad
            """
        .formatted(Release.projection("release"));

    // Setting and removing a property takes the node's write lock and leaves no trace:
    // the events of one run are then decided one at a time. Whether the event's app is
    // known comes back with it: each statement is a round trip, and under concurrent
    // pipelines the round trips, not the writes, were what an event cost. (A refused
    // event rolls back, MERGE included.)
    private static final String LOCK = """
            MERGE (release:Release {externalId: $externalId})
            SET release.__lock = true REMOVE release.__lock
            RETURN release.startedAt AS startedAt, release.finishedAt AS finishedAt, release.status AS status,
                   release.pendingOutcome AS pendingOutcome, release.pendingApp AS pendingApp,
                   head(COLLECT { MATCH (release)-[:OF]->(app:App) RETURN app.name LIMIT 1 }) AS app,
                   $app IS NOT NULL AND EXISTS { MATCH (:App {name: $app}) } AS appKnown
            """;

    private static final String START = """
            MATCH (release:Release {externalId: $externalId}), (app:App {name: $app})
            SET release.version = $version, release.commit = $commit, release.pipelineUrl = $pipelineUrl,
                release.environment = $environment, release.startedAt = $startedAt, release.committedAt = $committedAt,
                release.status = coalesce(release.pendingOutcome, 'IN_PROGRESS')
            REMOVE release.pendingOutcome, release.pendingApp
            MERGE (release)-[:OF]->(app)
            WITH release
            CALL (release) {
              MATCH (person:Person {handle: $triggeredBy})
              MERGE (release)-[:TRIGGERED_BY]->(person)
            }
            %s""".formatted(RETURN_RELEASE);

    private static final String FINISH = """
            MATCH (release:Release {externalId: $externalId})
            SET release.status = $outcome, release.finishedAt = $finishedAt
            %s""".formatted(RETURN_RELEASE);

    private static final String PENDING_FINISH = """
            MATCH (release:Release {externalId: $externalId})
            SET release.pendingOutcome = $outcome, release.finishedAt = $finishedAt, release.pendingApp = $app
            """;

    private static final String READ = """
            MATCH (release:Release {externalId: $externalId})
            %s""".formatted(RETURN_RELEASE);

    private final Cypher cypher;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    private final ReleaseProperties properties;

    ReleaseWriter(Cypher cypher, Outbox outbox, ApplicationEventPublisher events, ReleaseProperties properties) {
        this.cypher = cypher;
        this.outbox = outbox;
        this.events = events;
        this.properties = properties;
    }

    StartReleasePayload start(StartReleaseInput input) {
        List<UserError> errors = new ArrayList<>();
        required("app", input.app(), errors);
        required("externalId", input.externalId(), errors);
        InputRules.maxLength("externalId", input.externalId(), MAX_TEXT).ifPresent(errors::add);
        InputRules.maxLength("version", input.version(), MAX_TEXT).ifPresent(errors::add);
        InputRules.maxLength("commit", input.commit(), MAX_TEXT).ifPresent(errors::add);
        InputRules.maxLength("triggeredBy", input.triggeredBy(), MAX_TEXT).ifPresent(errors::add);
        InputRules.maxLength("pipelineUrl", input.pipelineUrl(), 2000).ifPresent(errors::add);
        InputRules.httpUrl("pipelineUrl", input.pipelineUrl()).ifPresent(errors::add);
        if (input.environment() != null && (input.environment().isBlank() || input.environment().length() > 40)) {
            errors.add(UserError.invalid("environment", "environment must be 1 to 40 characters, such as 'prod'"));
        }
        OffsetDateTime startedAt = utc(input.startedAt());
        OffsetDateTime committedAt = (input.committedAt() != null) ? utc(input.committedAt()) : null;
        if (committedAt != null && committedAt.isAfter(startedAt)) {
            errors.add(UserError.invalid("committedAt",
                    "committedAt %s is after startedAt %s: a release cannot ship a later commit".formatted(committedAt,
                            startedAt)));
        }
        if (!errors.isEmpty()) {
            return new StartReleasePayload(null, errors);
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("app", input.app());
        parameters.put("externalId", input.externalId());
        parameters.put("version", input.version());
        parameters.put("commit", input.commit());
        parameters.put("pipelineUrl", blankToNull(input.pipelineUrl()));
        parameters.put("environment", (input.environment() != null) ? input.environment() : DEFAULT_ENVIRONMENT);
        parameters.put("startedAt", startedAt);
        parameters.put("committedAt", committedAt);
        parameters.put("triggeredBy", input.triggeredBy());
        Written written = write(tx -> {
            Record stored = this.cypher.run(tx, LOCK, parameters).get(0);
            knownApp(tx, stored, input.app());
            sameApp(stored, input.app(), input.externalId());
            if (!stored.get("startedAt").isNull()) {
                return Changes.NONE;
            }
            if (!stored.get("pendingOutcome").isNull()) {
                OffsetDateTime finishedAt = storedTime(stored, "finishedAt");
                if (finishedAt.isBefore(startedAt)) {
                    throw new Refused(UserError.invalid("startedAt",
                            "Run '%s' finished at %s, before this start at %s: finishedAt cannot precede startedAt"
                                .formatted(input.externalId(), finishedAt, startedAt)));
                }
                return new Changes(List.of(Kind.STARTED, Kind.FINISHED), this.cypher.run(tx, START, parameters).get(0));
            }
            return new Changes(List.of(Kind.STARTED), this.cypher.run(tx, START, parameters).get(0));
        }, input.externalId());
        return new StartReleasePayload(written.release(), written.errors());
    }

    FinishReleasePayload finish(FinishReleaseInput input) {
        List<UserError> errors = new ArrayList<>();
        required("externalId", input.externalId(), errors);
        InputRules.maxLength("externalId", input.externalId(), MAX_TEXT).ifPresent(errors::add);
        if (input.outcome() == null) {
            errors.add(UserError.invalid("outcome", "outcome is required: SUCCEEDED, FAILED or ROLLED_BACK"));
        }
        if (!errors.isEmpty()) {
            return new FinishReleasePayload(null, errors);
        }
        OffsetDateTime finishedAt = utc(input.finishedAt());
        ReleaseOutcome outcome = input.outcome();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("externalId", input.externalId());
        parameters.put("outcome", outcome.name());
        parameters.put("finishedAt", finishedAt);
        parameters.put("app", input.app());
        Written written = write(tx -> {
            Record stored = this.cypher.run(tx, LOCK, parameters).get(0);
            if (input.app() != null) {
                knownApp(tx, stored, input.app());
                sameApp(stored, input.app(), input.externalId());
            }
            String status = stored.get("startedAt").isNull() ? stored.get("pendingOutcome").asString(null)
                    : stored.get("status").asString();
            if (status != null && !ReleaseStatus.IN_PROGRESS.name().equals(status)) {
                if (status.equals(outcome.name())) {
                    return Changes.NONE;
                }
                throw new Refused(UserError.conflict("outcome", "Run '%s' already finished as %s; it cannot also be %s"
                    .formatted(input.externalId(), status, outcome.name())));
            }
            if (stored.get("startedAt").isNull()) {
                this.cypher.run(tx, PENDING_FINISH, parameters);
                return Changes.WAITING;
            }
            OffsetDateTime startedAt = storedTime(stored, "startedAt");
            if (finishedAt.isBefore(startedAt)) {
                throw new Refused(
                        UserError.invalid("finishedAt", "Run '%s' started at %s: finishedAt %s cannot precede it"
                            .formatted(input.externalId(), startedAt, finishedAt)));
            }
            return new Changes(List.of(Kind.FINISHED), this.cypher.run(tx, FINISH, parameters).get(0));
        }, input.externalId());
        return new FinishReleasePayload(written.release(), written.errors());
    }

    /**
     * Runs one event's unit of work; the changes it returns are enqueued for Grafana in
     * the same transaction and published after it commits.
     */
    private Written write(Event event, String externalId) {
        Committed committed;
        try {
            committed = this.cypher.write(tx -> {
                Changes changes = event.apply(tx);
                Record row = changes.release();
                if (row == null && !changes.waiting()) {
                    // A replay changed nothing: the client still gets the release.
                    List<Record> rows = this.cypher.run(tx, READ, Map.of("externalId", externalId));
                    row = rows.isEmpty() ? null : rows.get(0);
                }
                Release release = (row == null || row.get("release").get("startedAt").isNull()) ? null
                        : Release.from(row.get("release"));
                String squad = (row != null) ? row.get("squad").asString(null) : null;
                for (Kind kind : changes.kinds()) {
                    enqueueAnnotation(tx, kind, release, squad);
                }
                return new Committed(release, squad, changes.kinds());
            });
        }
        catch (Refused refused) {
            return new Written(null, List.of(refused.error));
        }
        for (Kind kind : committed.changes()) {
            this.events.publishEvent(new ReleaseEventCommitted(kind, committed.release(), committed.squad()));
        }
        return new Written(committed.release(), List.of());
    }

    private void enqueueAnnotation(TransactionContext tx, Kind kind, Release release, String squad) {
        boolean started = kind == Kind.STARTED;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", started ? "started" : "finished");
        payload.put("app", release.appName());
        putIfPresent(payload, "squad", squad);
        payload.put("externalId", release.externalId());
        putIfPresent(payload, "version", release.version());
        payload.put("environment", release.environment());
        payload.put("status", release.status().name());
        payload.put("at", (started ? release.startedAt() : release.finishedAt()).toInstant().toString());
        putIfPresent(payload, "pipelineUrl", release.pipelineUrl());
        this.outbox.enqueue(tx, "grafana", (started ? "release-started:" : "release-finished:") + release.externalId(),
                payload);
    }

    private void knownApp(TransactionContext tx, Record stored, String app) {
        if (stored.get("appKnown").asBoolean()) {
            return;
        }
        if (!this.properties.registerUnknownApps()) {
            throw new Refused(UserError.notFound("app", "No app is named '%s'".formatted(app)));
        }
        InputRules.dnsLabel("app", app).ifPresent(error -> {
            throw new Refused(error);
        });
        this.cypher.run(tx, REGISTER_APP, Map.of("app", app));
    }

    private static void sameApp(Record stored, String app, String externalId) {
        String recorded = stored.get("app").isNull() ? stored.get("pendingApp").asString(null)
                : stored.get("app").asString();
        if (recorded != null && !Objects.equals(recorded, app)) {
            throw new Refused(UserError.conflict("app",
                    "Run '%s' is a release of '%s', not of '%s'".formatted(externalId, recorded, app)));
        }
    }

    private static void required(String field, String value, List<UserError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(UserError.invalid(field, field + " is required"));
        }
    }

    /** The same instant in UTC; now when absent. */
    private static OffsetDateTime utc(OffsetDateTime time) {
        return ((time != null) ? time : OffsetDateTime.now()).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime storedTime(Record stored, String key) {
        return stored.get(key).asZonedDateTime().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text;
    }

    private static void putIfPresent(Map<String, Object> payload, String key, Object value) {
        if (value != null) {
            payload.put(key, value);
        }
    }

    /** One event's decision and writes inside its transaction: the changes it made. */
    @FunctionalInterface
    private interface Event {

        Changes apply(TransactionContext tx);

    }

    /**
     * What an event changed, and the release as its write returned it (null when it wrote
     * nothing, or when a finish waits for its start).
     */
    private record Changes(List<Kind> kinds, Record release, boolean waiting) {

        static final Changes NONE = new Changes(List.of(), null);

        /** A finish kept until its start arrives: nothing to show or announce yet. */
        static final Changes WAITING = new Changes(List.of(), null, true);

        Changes(List<Kind> kinds, Record release) {
            this(kinds, release, false);
        }

    }

    private record Committed(Release release, String squad, List<Kind> changes) {
    }

    private record Written(Release release, List<UserError> errors) {
    }

    /** An expected refusal inside the unit of work: it rolls the transaction back. */
    private static final class Refused extends RuntimeException {

        private final transient UserError error;

        Refused(UserError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

    }

}
