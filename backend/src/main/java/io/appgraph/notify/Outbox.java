package io.appgraph.notify;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one durable outbox for deliveries to other systems (Grafana annotations, Slack
 * messages). A feature enqueues a message inside the write transaction that caused it, so
 * the message exists exactly when the change does: a crash between the commit and the
 * delivery loses nothing, and a rolled-back change sends nothing. Deliveries happen
 * later, in the background ({@link OutboxWorker}), and are retried with backoff until the
 * destination accepts them or {@code appgraph.outbox.retention} runs out.
 */
@Component
public final class Outbox {

    /** The destination of Slack messages, delivered to incoming webhooks. */
    public static final String SLACK = "slack";

    /** The destination of Grafana annotations, delivered to its HTTP API. */
    public static final String GRAFANA = "grafana";

    /**
     * The destination of alert messages to Slack, posted and updated in place by the
     * alerts feature's sender.
     */
    public static final String SLACK_ALERTS = "slack-alerts";

    /**
     * Enqueues messages as one step (a unit subquery) of a feature's own write statement,
     * so a change and its messages cost one statement: with the parameters of
     * {@link #enqueueParameters}.
     * <p>
     * MERGE on (destination, key): enqueueing the same message twice, as a replayed or
     * retried unit of work does, leaves one message; so does enqueueing it again after
     * delivery, while the delivered message is kept ({@code appgraph.outbox.retention}).
     * Times are stored as UTC date-times: the driver takes no Instant.
     */
    public static final String ENQUEUE_STEP = """
            CALL () {
              UNWIND $outboxMessages AS message
              MERGE (m:OutboxMessage {destination: message.destination, key: message.key})
              ON CREATE SET m.payload = message.payload, m.createdAt = $outboxNow, m.attempts = 0,
                            m.nextAttemptAt = $outboxNow
            }
            """;

    private final Cypher cypher;

    private final JsonMapper json;

    Outbox(Cypher cypher, JsonMapper json) {
        this.cypher = cypher;
        this.json = json;
    }

    /**
     * Enqueues a message for {@code destination} in the caller's write transaction.
     * @param key what makes the message unique for its destination, such as
     * {@code "release-started:" + externalId}
     * @param payload the message's content as the destination's sender reads it, stored
     * as JSON (node properties cannot hold maps)
     */
    public void enqueue(TransactionContext tx, String destination, String key, Map<String, Object> payload) {
        this.cypher.run(tx, ENQUEUE_STEP, enqueueParameters(destination, Map.of(key, payload)));
    }

    /**
     * The parameters of {@link #ENQUEUE_STEP} for these messages ({@code payloads} maps
     * each message's key to its payload, as for {@link #enqueue}); an empty map of
     * payloads enqueues nothing.
     */
    public Map<String, Object> enqueueParameters(String destination, Map<String, Map<String, Object>> payloads) {
        List<Map<String, Object>> messages = new ArrayList<>(payloads.size());
        payloads.forEach((key, payload) -> messages
            .add(Map.of("destination", destination, "key", key, "payload", this.json.writeValueAsString(payload))));
        return Map.of("outboxMessages", messages, "outboxNow", OffsetDateTime.now(ZoneOffset.UTC));
    }

}
