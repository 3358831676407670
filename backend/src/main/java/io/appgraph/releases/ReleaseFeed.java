package io.appgraph.releases;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The live release feed: every release start and finish, fanned out to this instance's
 * subscribers whose filter it matches, whichever instance committed it. Changes committed
 * here arrive from the release writer as they commit; those committed by other instances
 * on the same database arrive from {@link ReleaseFeedPoller}, which also sees this
 * instance's own, so each event is published once, by whichever arrives first.
 * <p>
 * The thread that committed the release only hands the event to each subscriber's buffer;
 * the subscriber's GraphQL selection is resolved, and its WebSocket written, on other
 * threads. A subscriber that falls {@code appgraph.releases.feed.buffer} events behind is
 * cut off with a {@code TOO_SLOW} error rather than left to grow memory without bound.
 */
@Component
final class ReleaseFeed {

    private static final Log log = LogFactory.getLog(ReleaseFeed.class);

    // How long an event's key is remembered: well past the poller's look-back.
    private static final Duration REMEMBERED = Duration.ofMinutes(2);

    private final Sinks.Many<ReleaseEvent> sink = Sinks.many().multicast().directBestEffort();

    private final Scheduler scheduler = Schedulers.boundedElastic();

    private final int buffer;

    // The keys (kind and externalId) of the events published lately, in the order they
    // were, each with when.
    private final LinkedHashMap<String, Instant> published = new LinkedHashMap<>();

    ReleaseFeed(ReleaseFeedProperties properties) {
        this.buffer = properties.buffer();
    }

    @EventListener
    void committed(ReleaseEventCommitted event) {
        offer(ReleaseEvent.of(event));
    }

    /** Whether the event of this kind on this release was published lately. */
    synchronized boolean published(ReleaseEventCommitted.Kind kind, String externalId) {
        return this.published.containsKey(kind + ":" + externalId);
    }

    /**
     * Publishes {@code event} unless it was published already. Serialised: the sink takes
     * one emission at a time, and releases commit on many request threads at once.
     */
    synchronized void offer(ReleaseEvent event) {
        Instant now = Instant.now();
        Instant forgotten = now.minus(REMEMBERED);
        Iterator<Instant> oldest = this.published.values().iterator();
        while (oldest.hasNext() && oldest.next().isBefore(forgotten)) {
            oldest.remove();
        }
        if (this.published.putIfAbsent(event.kind() + ":" + event.release().externalId(), now) == null) {
            this.sink.tryEmitNext(event);
        }
    }

    /** The events that match {@code filter}, from now on. */
    Flux<ReleaseEvent> events(Filter filter) {
        return this.sink.asFlux()
            .filter(filter::matches)
            .onBackpressureBuffer(this.buffer, dropped -> log.debug("A release feed subscriber fell behind"),
                    BufferOverflowStrategy.ERROR)
            .onErrorMap(Exceptions::isOverflow, ex -> new FellBehindException(this.buffer))
            .publishOn(this.scheduler, false, 1);
    }

    /** Subscribers connected right now, for tests. */
    int subscriberCount() {
        return this.sink.currentSubscriberCount();
    }

    @PreDestroy
    void close() {
        this.sink.tryEmitComplete();
    }

    /**
     * What a subscriber wants to see; null matches anything.
     *
     * @param app the app's name
     * @param squad the owning squad's name
     * @param environment the environment released to
     */
    record Filter(String app, String squad, String environment) {

        boolean matches(ReleaseEvent event) {
            return (this.app == null || this.app.equals(event.release().appName()))
                    && (this.squad == null || this.squad.equals(event.squadName()))
                    && (this.environment == null || this.environment.equals(event.release().environment()));
        }

    }

    /** A subscriber read more slowly than releases committed and was cut off. */
    static final class FellBehindException extends RuntimeException {

        FellBehindException(int buffer) {
            super(("The subscriber fell more than %d events behind the release feed and was cut off: "
                    + "subscribe again, and read releases for what was missed")
                .formatted(buffer));
        }

    }

}
