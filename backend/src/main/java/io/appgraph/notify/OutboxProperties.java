package io.appgraph.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox worker delivers queued messages (Grafana annotations, Slack messages).
 *
 * @param enabled whether this instance runs the background worker; instances that do not
 * still enqueue, and any instance that runs it delivers (env
 * {@code APPGRAPH_OUTBOX_ENABLED})
 * @param pollInterval the pause between two delivery rounds (env
 * {@code APPGRAPH_OUTBOX_POLL_INTERVAL})
 * @param batchSize how many due messages one round claims at most, oldest first (env
 * {@code APPGRAPH_OUTBOX_BATCH_SIZE})
 * @param lease how long a claim keeps other instances off a message; a message is only
 * sent while its lease has at least the sender's longest delivery time left, so no two
 * instances send it at once (env {@code APPGRAPH_OUTBOX_LEASE})
 * @param initialBackoff the wait before the first retry of a failed delivery; each
 * further failure doubles it (env {@code APPGRAPH_OUTBOX_INITIAL_BACKOFF})
 * @param maxBackoff the longest wait between two attempts (env
 * {@code APPGRAPH_OUTBOX_MAX_BACKOFF})
 * @param retention how long a message is kept: an undelivered one older than this is
 * dropped with a warning, a delivered one (kept so that a replayed event is not sent
 * twice) is removed quietly (env {@code APPGRAPH_OUTBOX_RETENTION})
 */
@ConfigurationProperties("appgraph.outbox")
record OutboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("20") int batchSize, @DefaultValue("2m") Duration lease,
        @DefaultValue("1s") Duration initialBackoff, @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("7d") Duration retention) {

    OutboxProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("appgraph.outbox.batch-size must be at least 1, was " + batchSize);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "appgraph.outbox.initial-backoff must be positive and at most appgraph.outbox.max-backoff");
        }
    }

    /**
     * The wait after the {@code attempts}-th failed delivery: the initial backoff,
     * doubled per further failure, capped.
     */
    Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = this.initialBackoff.multipliedBy(1L << doublings);
        return (delay.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : delay;
    }

}
