package io.appgraph.notify;

import java.time.Instant;
import java.util.Map;

/**
 * A claimed message, as a sender reads it.
 *
 * @param destination the sender it is for, such as {@code grafana}
 * @param key what makes it unique for its destination
 * @param payload its content
 * @param attempts failed deliveries so far
 * @param createdAt when it was enqueued
 */
public record OutboxMessage(String destination, String key, Map<String, Object> payload, int attempts,
        Instant createdAt) {
}
