package io.appgraph.cost;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;

import io.appgraph.notify.Outbox;
import io.appgraph.platform.Cypher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * Raises cost alerts from the stored days (after each rollup and import, and on a
 * schedule), each once: a squad whose last 7 days cost more than {@code cost-up-percent}
 * over the 7 before; a container whose confident right-sizing saves more than
 * {@code over-provisioned-monthly} a month; an app that logged more than
 * {@code logging-spike-factor} times its daily mean of the week before; unattributed cost
 * growing by more than {@code unattributed-growth-percent} week on week. Each alert has a
 * key (the squad and ISO week, the container, the app and day), so running the sweep
 * again raises nothing twice, and a dismissed alert stays dismissed. An over-provisioning
 * alert whose container no longer qualifies is resolved. A new alert enqueues a Slack
 * notice to its squad through the outbox, in the same transaction.
 */
final class CostAlerts {

    private static final Log log = LogFactory.getLog(CostAlerts.class);

    private static final String SQUAD_WEEKS = """
            MATCH (squad:Squad)<-[:OWNED_BY]-(app:App)
            CALL (app) {
              OPTIONAL MATCH (app)<-[:USAGE_OF]-(u:UsageDay) WHERE u.day > $before AND u.day <= $until
              RETURN sum(CASE WHEN u.day > $weekAgo THEN u.compute ELSE 0.0 END) AS lastCompute,
                     sum(CASE WHEN u.day <= $weekAgo THEN u.compute ELSE 0.0 END) AS priorCompute
            }
            CALL (app) {
              OPTIONAL MATCH (app)<-[:OPENCOST_OF]-(o:OpenCostDay) WHERE o.day > $before AND o.day <= $until
              RETURN sum(CASE WHEN o.day > $weekAgo THEN o.compute ELSE 0.0 END) AS lastOpenCost,
                     sum(CASE WHEN o.day <= $weekAgo THEN o.compute ELSE 0.0 END) AS priorOpenCost
            }
            CALL (app) {
              OPTIONAL MATCH (app)<-[:LOGS_OF]-(l:LogVolumeDay) WHERE l.day > $before AND l.day <= $until
              RETURN sum(CASE WHEN l.day > $weekAgo THEN l.cost ELSE 0.0 END) AS lastLogging,
                     sum(CASE WHEN l.day <= $weekAgo THEN l.cost ELSE 0.0 END) AS priorLogging
            }
            WITH squad, sum(lastCompute + lastOpenCost + lastLogging) AS last,
                 sum(priorCompute + priorOpenCost + priorLogging) AS prior
            WHERE prior > 0 AND last > prior * (1 + $percent / 100.0) AND last - prior >= $minimum
            RETURN squad.name AS squad, last, prior
            """;

    private static final String OVER_PROVISIONED = """
            MATCH (r:RightSizing)-[:RIGHT_SIZING_OF]->(app:App)
            WHERE r.confident AND r.potentialSaving > $threshold
            OPTIONAL MATCH (app)-[:OWNED_BY]->(squad:Squad)
            RETURN r.key AS key, app.name AS app, squad.name AS squad, r.environment AS environment,
                   r.container AS container, r.potentialSaving AS saving
            """;

    private static final String NO_LONGER_OVER_PROVISIONED = """
            MATCH (c:CostAlert {kind: 'OVER_PROVISIONED'})
            WHERE c.status IN ['OPEN', 'SNOOZED']
              AND NOT EXISTS { MATCH (r:RightSizing {key: c.subject})
                               WHERE r.confident AND r.potentialSaving > $threshold }
            SET c.status = 'RESOLVED', c.resolvedAt = datetime()
            RETURN count(c) AS resolved
            """;

    private static final String LOGGING_DAY = """
            MATCH (l:LogVolumeDay {day: $until})
            WITH l.app AS app, sum(l.bytes) AS bytes
            WHERE bytes >= $minimumBytes
            MATCH (a:App {name: app})<-[:LOGS_OF]-(before:LogVolumeDay)
            WHERE before.day >= $weekAgo AND before.day < $until
            WITH a, bytes, sum(before.bytes) / 7.0 AS usual
            WHERE usual > 0 AND bytes > usual * $factor
            OPTIONAL MATCH (a)-[:OWNED_BY]->(squad:Squad)
            RETURN a.name AS app, squad.name AS squad, bytes, usual
            """;

    private static final String UNATTRIBUTED_WEEKS = """
            MATCH (x:UnattributedCostDay) WHERE x.day > $before AND x.day <= $until
            WITH sum(CASE WHEN x.day > $weekAgo THEN x.compute + x.logging ELSE 0.0 END) AS last,
                 sum(CASE WHEN x.day <= $weekAgo THEN x.compute + x.logging ELSE 0.0 END) AS prior
            WHERE prior > 0 AND last > prior * (1 + $percent / 100.0)
            RETURN last, prior
            """;

    private static final String RAISE = """
            MERGE (c:CostAlert {key: $key})
            ON CREATE SET c.id = randomUUID(), c.kind = $kind, c.status = 'OPEN', c.raisedAt = datetime(),
                          c.message = $message, c.value = $value, c.subject = $subject, c.created = true
            ON MATCH SET c.created = false,
                         c.value = CASE WHEN c.status = 'OPEN' THEN $value ELSE c.value END,
                         c.message = CASE WHEN c.status = 'OPEN' THEN $message ELSE c.message END,
                         c.status = CASE WHEN c.status = 'RESOLVED' THEN 'OPEN' ELSE c.status END
            WITH c
            CALL (c) {
              OPTIONAL MATCH (squad:Squad {name: $squad})
              FOREACH (s IN CASE WHEN squad IS NULL THEN [] ELSE [squad] END | MERGE (c)-[:FOR_SQUAD]->(s))
            }
            CALL (c) {
              OPTIONAL MATCH (app:App {name: $app})
              FOREACH (a IN CASE WHEN app IS NULL THEN [] ELSE [app] END | MERGE (c)-[:ABOUT]->(a))
            }
            WITH c, c.created AS created
            REMOVE c.created
            RETURN created, c.id AS id
            """;

    private static final String CHANNEL = """
            MATCH (squad:Squad {name: $squad}) RETURN squad.slackChannel AS channel
            """;

    private static final String REOPEN = """
            MATCH (c:CostAlert {status: 'SNOOZED'}) WHERE c.snoozedUntil <= datetime()
            SET c.status = 'OPEN', c.snoozedUntil = null
            """;

    private final Cypher cypher;

    private final Outbox outbox;

    private final PlatformProperties properties;

    private final Clock clock;

    CostAlerts(Cypher cypher, Outbox outbox, PlatformProperties properties, Clock clock) {
        this.cypher = cypher;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs {@link #sweep()}, logging instead of throwing: it runs after writes. */
    void sweepQuietly() {
        try {
            sweep();
        }
        catch (RuntimeException ex) {
            log.warn("Cost alert sweep failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Raises what the last complete day (yesterday, UTC) calls for; answers how many were
     * new.
     */
    int sweep() {
        PlatformProperties.Alerts limits = this.properties.alerts();
        if (!limits.enabled()) {
            return 0;
        }
        LocalDate until = ClusterUsage.dayOf(this.clock.instant()).minusDays(1);
        String week = until.get(IsoFields.WEEK_BASED_YEAR) + "-W" + until.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        Map<String, Object> days = Map.of("until", until, "weekAgo", until.minusDays(7), "before", until.minusDays(14));
        return this.cypher.write(tx -> {
            int raised = 0;
            this.cypher.run(tx, REOPEN, Map.of());
            for (Record r : this.cypher.run(tx, SQUAD_WEEKS,
                    with(days, Map.of("percent", limits.costUpPercent(), "minimum", limits.costUpMinimum())))) {
                double last = r.get("last").asDouble();
                double prior = r.get("prior").asDouble();
                String squad = r.get("squad").asString();
                raised += raise(tx, "COST_UP|" + squad + "|" + week, "COST_UP", squad, null, squad,
                        "%s's apps cost %.0f %% more in the 7 days to %s than the 7 before (%.2f against %.2f)"
                            .formatted(squad, (last / prior - 1) * 100, until, last, prior),
                        last / prior - 1);
            }
            for (Record r : this.cypher.run(tx, OVER_PROVISIONED,
                    Map.of("threshold", limits.overProvisionedMonthly()))) {
                String app = r.get("app").asString();
                raised += raise(tx, "OVER_PROVISIONED|" + r.get("key").asString(), "OVER_PROVISIONED",
                        r.get("squad").asString(null), app, r.get("key").asString(),
                        "%s (container %s in %s) requests far more than it uses: right-sizing saves %.2f a month"
                            .formatted(app, r.get("container").asString(), r.get("environment").asString(),
                                    r.get("saving").asDouble()),
                        r.get("saving").asDouble());
            }
            this.cypher.run(tx, NO_LONGER_OVER_PROVISIONED, Map.of("threshold", limits.overProvisionedMonthly()));
            for (Record r : this.cypher.run(tx, LOGGING_DAY, with(days, Map.of("factor", limits.loggingSpikeFactor(),
                    "minimumBytes", (double) limits.loggingSpikeMinimumBytes())))) {
                String app = r.get("app").asString();
                double factor = r.get("bytes").asDouble() / r.get("usual").asDouble();
                raised += raise(tx, "LOGGING_SPIKE|" + app + "|" + until, "LOGGING_SPIKE",
                        r.get("squad").asString(null), app, app,
                        "%s logged %.1f GiB on %s, %.1f times its daily mean of the week before".formatted(app,
                                r.get("bytes").asDouble() / ClusterUsage.GIB, until, factor),
                        factor);
            }
            for (Record r : this.cypher.run(tx, UNATTRIBUTED_WEEKS,
                    with(days, Map.of("percent", limits.unattributedGrowthPercent())))) {
                double last = r.get("last").asDouble();
                double prior = r.get("prior").asDouble();
                raised += raise(tx, "UNATTRIBUTED_GROWTH|" + week, "UNATTRIBUTED_GROWTH", null, null, "estate",
                        "Cost no app could be tied to grew %.0f %% in the 7 days to %s (%.2f against %.2f)"
                            .formatted((last / prior - 1) * 100, until, last, prior),
                        last / prior - 1);
            }
            return raised;
        });
    }

    private int raise(TransactionContext tx, String key, String kind, String squad, String app, String subject,
            String message, double value) {
        java.util.HashMap<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("key", key);
        parameters.put("kind", kind);
        parameters.put("squad", squad);
        parameters.put("app", app);
        parameters.put("subject", subject);
        parameters.put("message", message);
        parameters.put("value", value);
        Record result = this.cypher.run(tx, RAISE, parameters).get(0);
        if (!result.get("created").asBoolean()) {
            return 0;
        }
        java.util.LinkedHashMap<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("notice", "cost-alert");
        payload.put("alertId", result.get("id").asString());
        payload.put("kind", kind);
        payload.put("squad", squad);
        payload.put("app", app);
        payload.put("message", message);
        if (squad != null) {
            this.cypher.run(tx, CHANNEL, Map.of("squad", squad))
                .forEach(r -> payload.put("slackChannel", r.get("channel").asString(null)));
        }
        this.outbox.enqueue(tx, Outbox.SLACK, "cost-alert:" + result.get("id").asString(), payload);
        return 1;
    }

    private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        java.util.HashMap<String, Object> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

}
