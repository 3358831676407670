package io.appgraph.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, so that backoff and retention need no waiting. */
final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    TestClock(Instant now) {
        this.now = new AtomicReference<>(now);
    }

    void advance(Duration duration) {
        this.now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
        return this.now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

}
