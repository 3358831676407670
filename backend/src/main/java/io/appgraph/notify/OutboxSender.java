package io.appgraph.notify;

import java.time.Duration;

/**
 * Delivers the outbox messages of one destination to the system behind it. A sender is a
 * bean only when its destination is configured; messages for a destination without one
 * wait in the outbox until the retention drops them.
 */
public interface OutboxSender {

    /** The destination whose messages this sender delivers, such as {@code grafana}. */
    String destination();

    /**
     * The longest one delivery can take (its connect and read timeouts): a message is
     * only sent while its claim has this much time left.
     */
    Duration maxDeliveryTime();

    /**
     * Delivers one message, or throws a {@link DeliveryException} whose message is safe
     * to log (no secret, no response body).
     */
    void deliver(OutboxMessage message);

}
