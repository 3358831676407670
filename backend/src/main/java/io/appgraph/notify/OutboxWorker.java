package io.appgraph.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.appgraph.platform.Cypher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Record;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox: each round drops what outlived the retention, claims the messages
 * longest due of each destination this instance has a sender for (a batch in all, oldest
 * first), and hands each to its sender. A delivered message is marked delivered and kept
 * until the retention removes it, so that an event replayed within that time does not
 * enqueue it again; a failed one is retried later with exponential backoff, unless its
 * destination refused the message itself ({@link DeliveryException#isPermanent()}): that
 * one is kept, marked {@code failedAt}, and never sent again.
 * <p>
 * Several instances may run it against one database: a claim is a lease written in its
 * own transaction, so in normal operation no message is sent by two instances. Delivery
 * is at least once all the same: a message whose "delivered" mark cannot be written after
 * a successful send (the database is unreachable) is sent again once its lease runs out.
 */
final class OutboxWorker {

    private static final Log log = LogFactory.getLog(OutboxWorker.class);

    private static final int EXPIRY_BATCH = 1000;

    // A claim is two statements in one transaction. The first picks the oldest due
    // messages no one holds and writes to each, which takes its write lock (waiting for
    // an instance claiming it at the same moment to commit). Its reads may be stale by
    // then, and Cypher may reuse them within the statement, so the second statement
    // reads each message afresh under the lock and claims only those still free.
    // Per destination, a seek on (destination, nextAttemptAt) in index order that stops
    // after one batch (V0014): messages waiting for a destination this instance has no
    // sender for are never read. The hint keeps it so whatever the index statistics say:
    // in the full test suite the planner once chose the nextAttemptAt index instead and
    // read every due message. The plan is kept as counts drift (Cypher.KEEP_PLAN).
    static final String LOCK_DUE = Cypher.KEEP_PLAN + """
            UNWIND $destinations AS destination
            CALL (destination) {
              MATCH (m:OutboxMessage)
              USING INDEX m:OutboxMessage(destination, nextAttemptAt)
              WHERE m.destination = destination AND m.nextAttemptAt <= $now
                AND (m.claimedUntil IS NULL OR m.claimedUntil <= $now)
              RETURN m ORDER BY m.destination, m.nextAttemptAt LIMIT $limit
            }
            WITH m ORDER BY m.createdAt LIMIT $limit
            SET m.claimLock = $token
            RETURN elementId(m) AS id
            """;

    private static final String CLAIM = """
            MATCH (m:OutboxMessage)
            WHERE elementId(m) IN $ids
            REMOVE m.claimLock
            WITH m
            WHERE m.deliveredAt IS NULL AND m.nextAttemptAt <= $now
              AND (m.claimedUntil IS NULL OR m.claimedUntil <= $now)
            SET m.claimedUntil = $leaseEnd, m.claimToken = $token
            RETURN m.destination AS destination, m.key AS key, m.payload AS payload, m.attempts AS attempts,
                   m.createdAt AS createdAt
            ORDER BY createdAt
            """;

    // Whatever the claim: the message was sent, and should another instance have claimed
    // it since (a lease outlived), marking it spares a further copy.
    private static final String DELIVERED = """
            MATCH (m:OutboxMessage {destination: $destination, key: $key})
            SET m.deliveredAt = $now
            REMOVE m.nextAttemptAt, m.claimedUntil, m.claimToken, m.lastError
            """;

    private static final String FAILED = """
            MATCH (m:OutboxMessage {destination: $destination, key: $key})
            WHERE m.claimToken = $token
            SET m.attempts = $attempts, m.nextAttemptAt = $nextAttemptAt, m.lastError = $error
            REMOVE m.claimedUntil, m.claimToken
            """;

    // A message its destination refused for what it is: kept (failedAt) until the
    // retention removes it, never claimed again (no nextAttemptAt).
    private static final String GAVE_UP = """
            MATCH (m:OutboxMessage {destination: $destination, key: $key})
            WHERE m.claimToken = $token
            SET m.attempts = $attempts, m.failedAt = $now, m.lastError = $error
            REMOVE m.nextAttemptAt, m.claimedUntil, m.claimToken
            """;

    private static final String RELEASED = """
            UNWIND $keys AS key
            MATCH (m:OutboxMessage {destination: key.destination, key: key.key})
            WHERE m.claimToken = $token
            REMOVE m.claimedUntil, m.claimToken
            """;

    private static final String EXPIRED = """
            MATCH (m:OutboxMessage)
            WHERE m.createdAt < $cutoff AND (m.claimedUntil IS NULL OR m.claimedUntil <= $now)
            WITH m LIMIT $limit
            WITH m, m.destination AS destination, m.key AS key, m.attempts AS attempts,
                 m.deliveredAt IS NOT NULL AS delivered
            DELETE m
            RETURN destination, key, attempts, delivered
            """;

    private final Cypher cypher;

    private final JsonMapper json;

    private final Map<String, OutboxSender> senders;

    private final OutboxProperties properties;

    private final Clock clock;

    OutboxWorker(Cypher cypher, JsonMapper json, List<OutboxSender> senders, OutboxProperties properties, Clock clock) {
        this.cypher = cypher;
        this.json = json;
        this.senders = senders.stream()
            .collect(Collectors.toMap(OutboxSender::destination, Function.identity(), (a, b) -> {
                throw new IllegalStateException("Two outbox senders for destination " + a.destination());
            }, LinkedHashMap::new));
        this.properties = properties;
        this.clock = clock;
    }

    /** The destinations this instance delivers to. */
    Set<String> destinations() {
        return this.senders.keySet();
    }

    /**
     * One round, for the scheduler: a failure is logged and the next round tries again.
     */
    void deliverDueQuietly() {
        try {
            deliverDue();
        }
        catch (RuntimeException ex) {
            log.warn("Outbox delivery round failed, retrying next round: " + ex.getMessage());
        }
    }

    /**
     * Drops expired messages, then claims and delivers the due ones.
     * @return what the round did
     */
    Round deliverDue() {
        int expired = expire();
        if (this.senders.isEmpty()) {
            return new Round(0, 0, 0, expired);
        }
        String token = UUID.randomUUID().toString();
        Instant now = this.clock.instant();
        Instant leaseEnd = now.plus(this.properties.lease());
        List<OutboxMessage> claimed = this.cypher.write(tx -> {
            List<String> ids = this.cypher
                .run(tx, LOCK_DUE,
                        Map.of("now", utc(now), "token", token, "destinations", List.copyOf(this.senders.keySet()),
                                "limit", this.properties.batchSize()))
                .stream()
                .map(r -> r.get("id").asString())
                .toList();
            if (ids.isEmpty()) {
                return List.of();
            }
            return this.cypher
                .run(tx, CLAIM, Map.of("ids", ids, "now", utc(now), "leaseEnd", utc(leaseEnd), "token", token))
                .stream()
                .map(this::message)
                .toList();
        });
        int delivered = 0;
        int failed = 0;
        Set<String> failing = new HashSet<>();
        List<OutboxMessage> unsent = new ArrayList<>();
        for (OutboxMessage message : claimed) {
            OutboxSender sender = this.senders.get(message.destination());
            // A destination that just failed is not tried again in this round, and no
            // message is sent unless it can finish before its lease ends.
            if (failing.contains(message.destination())
                    || this.clock.instant().plus(sender.maxDeliveryTime()).isAfter(leaseEnd)) {
                unsent.add(message);
                continue;
            }
            switch (deliver(sender, message, token)) {
                case DELIVERED -> delivered++;
                case REFUSED -> failed++;
                case FAILED -> {
                    failed++;
                    failing.add(message.destination());
                }
            }
        }
        release(unsent, token);
        return new Round(delivered, failed, unsent.size(), expired);
    }

    private Delivery deliver(OutboxSender sender, OutboxMessage message, String token) {
        try {
            sender.deliver(message);
        }
        catch (RuntimeException ex) {
            String reason = (ex instanceof DeliveryException) ? ex.getMessage()
                    : ex.getClass().getSimpleName() + " in the " + message.destination() + " sender";
            int attempts = message.attempts() + 1;
            if (ex instanceof DeliveryException failure && failure.isPermanent()) {
                log.warn("Delivery of %s message %s failed for good (attempt %d), not retried: %s"
                    .formatted(message.destination(), message.key(), attempts, reason));
                this.cypher.write(tx -> this.cypher.run(tx, GAVE_UP,
                        Map.of("destination", message.destination(), "key", message.key(), "token", token, "attempts",
                                attempts, "now", utc(this.clock.instant()), "error", reason)));
                return Delivery.REFUSED;
            }
            Instant next = this.clock.instant().plus(this.properties.backoff(attempts));
            log.warn("Delivery of %s message %s failed (attempt %d), next attempt at %s: %s"
                .formatted(message.destination(), message.key(), attempts, next, reason));
            this.cypher.write(tx -> this.cypher.run(tx, FAILED, Map.of("destination", message.destination(), "key",
                    message.key(), "token", token, "attempts", attempts, "nextAttemptAt", utc(next), "error", reason)));
            return Delivery.FAILED;
        }
        this.cypher.write(tx -> this.cypher.run(tx, DELIVERED,
                Map.of("destination", message.destination(), "key", message.key(), "now", utc(this.clock.instant()))));
        return Delivery.DELIVERED;
    }

    private void release(List<OutboxMessage> messages, String token) {
        if (messages.isEmpty()) {
            return;
        }
        List<Map<String, Object>> keys = messages.stream()
            .map(m -> Map.<String, Object>of("destination", m.destination(), "key", m.key()))
            .toList();
        this.cypher.write(tx -> this.cypher.run(tx, RELEASED, Map.of("keys", keys, "token", token)));
    }

    private int expire() {
        Instant now = this.clock.instant();
        List<Record> dropped = this.cypher.write(tx -> this.cypher.run(tx, EXPIRED,
                Map.of("cutoff", utc(now.minus(this.properties.retention())), "now", utc(now), "limit", EXPIRY_BATCH)));
        List<Record> undelivered = dropped.stream().filter(r -> !r.get("delivered").asBoolean()).toList();
        if (!undelivered.isEmpty()) {
            Map<String, Long> byDestination = undelivered.stream()
                .collect(Collectors.groupingBy(r -> r.get("destination").asString(), TreeMap::new,
                        Collectors.counting()));
            Record first = undelivered.get(0);
            log.warn(
                    "Dropped %d undelivered outbox messages older than the retention of %s (%s), such as %s %s after %d attempts"
                        .formatted(undelivered.size(), this.properties.retention(), byDestination,
                                first.get("destination").asString(), first.get("key").asString(),
                                first.get("attempts").asInt()));
        }
        return dropped.size();
    }

    @SuppressWarnings("unchecked")
    private OutboxMessage message(Record row) {
        Map<String, Object> payload;
        try {
            payload = this.json.readValue(row.get("payload").asString(), Map.class);
        }
        catch (JacksonException ex) {
            // Kept with an empty payload: its sender refuses it, and the retention drops
            // it.
            payload = Map.of();
        }
        return new OutboxMessage(row.get("destination").asString(), row.get("key").asString(), payload,
                row.get("attempts").asInt(0), row.get("createdAt").asZonedDateTime().toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * What one round did.
     *
     * @param delivered messages the destination accepted
     * @param failed messages whose delivery failed: retried later, or given up when the
     * destination refused the message itself
     * @param released messages claimed but handed back untried (their destination failed
     * earlier in the round, or their lease was running out)
     * @param expired messages older than the retention, dropped
     */
    record Round(int delivered, int failed, int released, int expired) {
    }

    /** How one delivery went. */
    private enum Delivery {

        DELIVERED, FAILED, REFUSED

    }

}
