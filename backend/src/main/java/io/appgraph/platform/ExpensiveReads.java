package io.appgraph.platform;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Runs expensive reads (traversals, whole-estate reads) a few at a time, so that many
 * clients asking for them at once share the cores in turn instead of all slowing to their
 * deadline together. A read that cannot start within the queue time is refused at once
 * with BUSY rather than left waiting past its deadline.
 */
@Component
public final class ExpensiveReads {

    private final Semaphore running;

    private final int concurrency;

    private final Duration queueTimeout;

    ExpensiveReads(GraphQlLimitsProperties limits) {
        this.concurrency = (limits.expensiveConcurrency() > 0) ? limits.expensiveConcurrency()
                : Runtime.getRuntime().availableProcessors();
        this.running = new Semaphore(this.concurrency, true);
        this.queueTimeout = limits.expensiveQueueTimeout();
    }

    /**
     * Runs {@code read} once one of the permits is free, or refuses it when none frees in
     * time.
     */
    public <T> T run(Supplier<T> read) {
        try {
            if (!this.running.tryAcquire(this.queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BusyException("The server is busy with %d other expensive reads; retry in a moment"
                    .formatted(this.concurrency));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new BusyException("The request was interrupted while waiting for an expensive read to finish");
        }
        try {
            return read.get();
        }
        finally {
            this.running.release();
        }
    }

}
