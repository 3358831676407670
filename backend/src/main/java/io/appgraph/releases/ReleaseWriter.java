package io.appgraph.releases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.appgraph.notify.Outbox;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.GroupCommit;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;
import io.appgraph.releases.ReleaseEventCommitted.Kind;
import io.appgraph.releases.ReleaseInputs.FinishReleaseInput;
import io.appgraph.releases.ReleaseInputs.FinishReleasePayload;
import io.appgraph.releases.ReleaseInputs.ReleaseOutcome;
import io.appgraph.releases.ReleaseInputs.StartReleaseInput;
import io.appgraph.releases.ReleaseInputs.StartReleasePayload;
import io.micrometer.core.instrument.MeterRegistry;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.beans.factory.DisposableBean;
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
 * Events are written in groups ({@link GroupCommit}): concurrent events share one
 * transaction of two statements — lock and read every release of the group; then write
 * them all, add to the day rollups ({@link ReleaseRollups}) and enqueue the Grafana
 * annotations in one statement — so under load a transaction's round trips and commit are
 * paid once per group, not once per event. The writer knows each release as it will stand
 * from what the lock read, so the write returns nothing; a group of replays writes
 * nothing at all. Every event is still decided on its own from what is stored: a refused
 * event writes nothing (a release node its lock created is removed again) and leaves the
 * others of its group alone; two events of one run never share a group. Each change is
 * published as a {@link ReleaseEventCommitted} once its group has committed.
 */
@Service
final class ReleaseWriter implements DisposableBean {

    static final String DEFAULT_ENVIRONMENT = "prod";

    private static final int MAX_TEXT = 200;

    private static final String REGISTER_APPS = "UNWIND $apps AS name MERGE (:App {name: name})";

    // Setting and removing a property takes the node's write lock and leaves no trace:
    // the events of one run are then decided one at a time. The group comes sorted by
    // externalId, so concurrent groups lock their releases in one order.
    // It reads everything the writer needs to decide each event and to know the release
    // as it will stand (its squad, whether the person who triggered it is known), so
    // that the write is one statement that returns nothing.
    private static final String LOCK = Cypher.KEEP_PLAN
            + """
                    UNWIND $events AS event
                    MERGE (release:Release {externalId: event.externalId})
                    SET release.__lock = true REMOVE release.__lock
                    WITH event, release, head(COLLECT { MATCH (release)-[:OF]->(app:App) RETURN app.name LIMIT 1 }) AS app
                    RETURN event.i AS i, release.startedAt AS startedAt, release.finishedAt AS finishedAt,
                           release.status AS status, release.pendingOutcome AS pendingOutcome, release.pendingApp AS pendingApp,
                           app, CASE WHEN release.startedAt IS NOT NULL THEN %s END AS stored,
                           event.app IS NOT NULL AND EXISTS { MATCH (:App {name: event.app}) } AS appKnown,
                           event.triggeredBy IS NOT NULL AND EXISTS { MATCH (:Person {handle: event.triggeredBy}) } AS triggeredKnown,
                           head(COLLECT { MATCH (:App {name: coalesce(app, event.app)})-[:OWNED_BY]->(squad:Squad)
                                          RETURN squad.name LIMIT 1 }) AS squad
                    """
                .formatted(Release.projection("release"));

    // What a refused event's MERGE created, and nothing that was stored before it.
    private static final String DISCARD = """
            UNWIND $externalIds AS externalId
            MATCH (release:Release {externalId: externalId})
            WHERE release.startedAt IS NULL AND release.pendingOutcome IS NULL
            DELETE release
            """;

    // One statement for the whole group: the releases (each subquery writes only the
    // events of its kind), their day rollups and their Grafana annotations. Each start
    // and
    // finish is stamped with its transaction's time, for the feeds of other instances
    // (ReleaseFeedPoller).
    private static final String WRITE = Cypher.KEEP_PLAN + """
            CALL () {
              UNWIND $writes AS event
              MATCH (release:Release {externalId: event.externalId})
              CALL (release, event) {
                WITH release, event
                WHERE event.kind = 'start'
                MATCH (app:App {name: event.app})
                SET release.version = event.version, release.commit = event.commit,
                    release.pipelineUrl = event.pipelineUrl, release.environment = event.environment,
                    release.startedAt = event.startedAt, release.committedAt = event.committedAt,
                    release.startCommittedAt = datetime.transaction(),
                    release.finishCommittedAt = CASE WHEN release.pendingOutcome IS NULL THEN NULL
                                                     ELSE datetime.transaction() END,
                    release.status = coalesce(release.pendingOutcome, 'IN_PROGRESS')
                REMOVE release.pendingOutcome, release.pendingApp
                MERGE (release)-[:OF]->(app)
                WITH release, event
                MATCH (person:Person {handle: event.triggeredBy})
                MERGE (release)-[:TRIGGERED_BY]->(person)
              }
              CALL (release, event) {
                WITH release, event
                WHERE event.kind = 'finish'
                SET release.status = event.outcome, release.finishedAt = event.finishedAt,
                    release.finishCommittedAt = datetime.transaction()
              }
              CALL (release, event) {
                WITH release, event
                WHERE event.kind = 'pending'
                SET release.pendingOutcome = event.outcome, release.finishedAt = event.finishedAt,
                    release.pendingApp = event.app
              }
            }
            """ + ReleaseRollups.ADD_STEP + Outbox.ENQUEUE_STEP;

    private final Cypher cypher;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    private final ReleaseProperties properties;

    private final GroupCommit<Event, Outcome> commits;

    ReleaseWriter(Cypher cypher, Outbox outbox, ApplicationEventPublisher events, ReleaseProperties properties,
            MeterRegistry meters) {
        this.cypher = cypher;
        this.outbox = outbox;
        this.events = events;
        this.properties = properties;
        ReleaseProperties.Writers writers = properties.writers();
        this.commits = new GroupCommit<>("release-events", writers.threads(), writers.maxBatch(), writers.queue(),
                Event::externalId, this::writeGroup, meters);
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
        Map<String, Object> row = new HashMap<>();
        row.put("app", input.app());
        row.put("externalId", input.externalId());
        row.put("version", input.version());
        row.put("commit", input.commit());
        row.put("pipelineUrl", blankToNull(input.pipelineUrl()));
        row.put("environment", (input.environment() != null) ? input.environment() : DEFAULT_ENVIRONMENT);
        row.put("startedAt", startedAt);
        row.put("committedAt", committedAt);
        row.put("triggeredBy", input.triggeredBy());
        Outcome outcome = submit(new Event(true, input.externalId(), input.app(), startedAt, null, null, row));
        return new StartReleasePayload(outcome.release(), outcome.errors());
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
        Map<String, Object> row = new HashMap<>();
        row.put("externalId", input.externalId());
        row.put("outcome", input.outcome().name());
        row.put("finishedAt", finishedAt);
        row.put("app", input.app());
        Outcome outcome = submit(
                new Event(false, input.externalId(), input.app(), null, finishedAt, input.outcome(), row));
        return new FinishReleasePayload(outcome.release(), outcome.errors());
    }

    @Override
    public void destroy() {
        this.commits.close();
    }

    /** Waits for the event's group to commit, then publishes what it changed. */
    private Outcome submit(Event event) {
        Outcome outcome = this.commits.submit(event);
        for (Kind kind : outcome.changes()) {
            this.events.publishEvent(new ReleaseEventCommitted(kind, outcome.release(), outcome.squad()));
        }
        return outcome;
    }

    /**
     * Writes a group of events in one transaction. Group commit never puts two events of
     * one run in a group (its key is the externalId), so each is decided on what is
     * stored. The driver may run the transaction again after a transient failure, so it
     * decides everything afresh each time.
     */
    private List<Outcome> writeGroup(List<Event> group) {
        // Sorted by externalId, so that concurrent groups lock their releases in one
        // order.
        List<Integer> order = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> group.get(i).externalId()));
        return this.cypher.write(tx -> {
            Outcome[] outcomes = new Outcome[group.size()];
            write(tx, group, order, outcomes);
            return List.of(outcomes);
        });
    }

    private void write(TransactionContext tx, List<Event> group, List<Integer> order, Outcome[] outcomes) {
        List<Map<String, Object>> locks = new ArrayList<>(order.size());
        for (int i : order) {
            Map<String, Object> lock = new HashMap<>();
            lock.put("i", i);
            lock.put("externalId", group.get(i).externalId());
            lock.put("app", group.get(i).app());
            lock.put("triggeredBy", group.get(i).row().get("triggeredBy"));
            locks.add(lock);
        }
        List<Map<String, Object>> writes = new ArrayList<>();
        Set<String> register = new TreeSet<>();
        List<String> discard = new ArrayList<>();
        List<ReleaseRollups.Change> counted = new ArrayList<>();
        Map<String, Map<String, Object>> annotations = new LinkedHashMap<>();
        for (Record stored : this.cypher.run(tx, LOCK, Map.of("events", locks))) {
            int i = stored.get("i").asInt();
            Event event = group.get(i);
            try {
                Decision decision = event.start() ? decideStart(event, stored) : decideFinish(event, stored);
                if (decision.registerApp()) {
                    register.add(event.app());
                }
                if (!decision.kind().equals("read")) {
                    Map<String, Object> write = new HashMap<>(event.row());
                    write.put("kind", decision.kind());
                    writes.add(write);
                }
                Release release = after(decision.kind(), event, stored);
                String squad = stored.get("squad").asString(null);
                outcomes[i] = (release != null) ? new Outcome(release, squad, decision.changes(), List.of())
                        : Outcome.WAITING;
                for (Kind kind : decision.changes()) {
                    counted.add(new ReleaseRollups.Change(kind, release));
                    annotations.put(
                            ((kind == Kind.STARTED) ? "release-started:" : "release-finished:") + release.externalId(),
                            annotation(kind, release, squad));
                }
            }
            catch (Refused refused) {
                outcomes[i] = new Outcome(null, null, List.of(), List.of(refused.error));
                if (stored.get("startedAt").isNull() && stored.get("pendingOutcome").isNull()) {
                    discard.add(event.externalId());
                }
            }
        }
        if (!discard.isEmpty()) {
            this.cypher.run(tx, DISCARD, Map.of("externalIds", discard));
        }
        if (!register.isEmpty()) {
            this.cypher.run(tx, REGISTER_APPS, Map.of("apps", List.copyOf(register)));
        }
        if (writes.isEmpty()) {
            return;
        }
        Map<String, Object> parameters = new HashMap<>(this.outbox.enqueueParameters(Outbox.GRAFANA, annotations));
        parameters.put("writes", writes);
        // The group's shard of the day rollups: the first of its runs decides.
        int shard = Math.floorMod(group.get(order.get(0)).externalId().hashCode(), ReleaseRollups.SHARDS);
        parameters.put("days", ReleaseRollups.deltas(counted, shard));
        this.cypher.run(tx, WRITE, parameters);
    }

    /**
     * The release as it stands once the event is written (WRITE sets exactly this); null
     * while a finish waits for its start.
     */
    private static Release after(String kind, Event event, Record stored) {
        Value storedRelease = stored.get("stored");
        return switch (kind) {
            case "start" -> {
                String pending = stored.get("pendingOutcome").asString(null);
                Map<String, Object> row = event.row();
                yield new Release(event.externalId(), event.app(), (String) row.get("version"),
                        (String) row.get("commit"), (String) row.get("pipelineUrl"), (String) row.get("environment"),
                        (pending != null) ? ReleaseStatus.valueOf(pending) : ReleaseStatus.IN_PROGRESS,
                        event.startedAt(), (pending != null) ? storedTime(stored, "finishedAt") : null,
                        (OffsetDateTime) row.get("committedAt"),
                        stored.get("triggeredKnown").asBoolean() ? (String) row.get("triggeredBy") : null);
            }
            case "finish" -> {
                Release before = Release.from(storedRelease);
                yield new Release(before.externalId(), before.appName(), before.version(), before.commit(),
                        before.pipelineUrl(), before.environment(), event.outcome().status(), before.startedAt(),
                        event.finishedAt(), before.committedAt(), before.triggeredByHandle());
            }
            default -> storedRelease.isNull() ? null : Release.from(storedRelease);
        };
    }

    private Decision decideStart(Event event, Record stored) {
        boolean register = knownApp(stored, event.app());
        sameApp(stored, event.app(), event.externalId());
        if (!stored.get("startedAt").isNull()) {
            return new Decision("read", List.of(), register);
        }
        if (!stored.get("pendingOutcome").isNull()) {
            OffsetDateTime finishedAt = storedTime(stored, "finishedAt");
            if (finishedAt.isBefore(event.startedAt())) {
                throw new Refused(UserError.invalid("startedAt",
                        "Run '%s' finished at %s, before this start at %s: finishedAt cannot precede startedAt"
                            .formatted(event.externalId(), finishedAt, event.startedAt())));
            }
            return new Decision("start", List.of(Kind.STARTED, Kind.FINISHED), register);
        }
        return new Decision("start", List.of(Kind.STARTED), register);
    }

    private Decision decideFinish(Event event, Record stored) {
        boolean register = false;
        if (event.app() != null) {
            register = knownApp(stored, event.app());
            sameApp(stored, event.app(), event.externalId());
        }
        String status = stored.get("startedAt").isNull() ? stored.get("pendingOutcome").asString(null)
                : stored.get("status").asString();
        if (status != null && !ReleaseStatus.IN_PROGRESS.name().equals(status)) {
            if (status.equals(event.outcome().name())) {
                return new Decision("read", List.of(), register);
            }
            throw new Refused(UserError.conflict("outcome", "Run '%s' already finished as %s; it cannot also be %s"
                .formatted(event.externalId(), status, event.outcome().name())));
        }
        if (stored.get("startedAt").isNull()) {
            return new Decision("pending", List.of(), register);
        }
        OffsetDateTime startedAt = storedTime(stored, "startedAt");
        if (event.finishedAt().isBefore(startedAt)) {
            throw new Refused(UserError.invalid("finishedAt", "Run '%s' started at %s: finishedAt %s cannot precede it"
                .formatted(event.externalId(), startedAt, event.finishedAt())));
        }
        return new Decision("finish", List.of(Kind.FINISHED), register);
    }

    private static Map<String, Object> annotation(Kind kind, Release release, String squad) {
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
        return payload;
    }

    /**
     * Whether the event's app must be registered first; refused when it is unknown and
     * unknown apps are not registered.
     */
    private boolean knownApp(Record stored, String app) {
        if (stored.get("appKnown").asBoolean()) {
            return false;
        }
        if (!this.properties.registerUnknownApps()) {
            throw new Refused(UserError.notFound("app", "No app is named '%s'".formatted(app)));
        }
        InputRules.dnsLabel("app", app).ifPresent(error -> {
            throw new Refused(error);
        });
        return true;
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

    /**
     * A checked pipeline event: a start (with {@code startedAt}) or a finish (with
     * {@code finishedAt} and {@code outcome}); {@code row} holds the values its write
     * sets.
     */
    private record Event(boolean start, String externalId, String app, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, ReleaseOutcome outcome, Map<String, Object> row) {
    }

    /**
     * How an event is written ('start', 'finish', 'pending' for a finish before its
     * start, 'read' for a replay) and what it changes.
     */
    private record Decision(String kind, List<Kind> changes, boolean registerApp) {
    }

    /**
     * What an event did: the release as it stands (null when refused, or while a finish
     * waits for its start), its squad, the changes to publish, or why it was refused.
     */
    private record Outcome(Release release, String squad, List<Kind> changes, List<UserError> errors) {

        static final Outcome WAITING = new Outcome(null, null, List.of(), List.of());

    }

    /** An expected refusal of one event: nothing of it is written. */
    private static final class Refused extends RuntimeException {

        private final transient UserError error;

        Refused(UserError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

    }

}
