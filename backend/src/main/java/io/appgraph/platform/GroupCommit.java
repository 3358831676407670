package io.appgraph.platform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Group commit for small writes that arrive concurrently, such as pipeline events: each
 * caller hands its item over and waits; a few writer threads take whatever has queued up
 * meanwhile and write it as one unit of work. A write transaction costs a handful of
 * round trips and a commit whatever it holds, so under load many items share them, and
 * alone an item waits for nothing but its own transaction.
 *
 * <p>
 * Items with the same {@code key} never share a batch: the later one waits for the next,
 * so {@code work} can decide each item on what is stored, and items about one thing are
 * written in the order they were taken.
 *
 * <p>
 * {@code work} gets a batch and returns one result per item, in order. When it throws for
 * a batch of several items, each item is tried again alone, so one item that fails cannot
 * fail the others; the caller of a failing item gets its exception.
 *
 * @param <I> what callers submit
 * @param <O> what each caller gets back
 */
public final class GroupCommit<I, O> implements AutoCloseable {

    private static final Log log = LogFactory.getLog(GroupCommit.class);

    private final String name;

    private final int maxBatch;

    private final Function<List<I>, List<O>> work;

    private final Function<I, ?> key;

    private final BlockingQueue<Pending<I, O>> queue;

    private final List<Thread> writers = new ArrayList<>();

    private final DistributionSummary batchSizes;

    private volatile boolean closed;

    /**
     * @param name names the writer threads and the busy error
     * @param writers how many batches may be written at once
     * @param maxBatch how many items one batch holds at most
     * @param capacity how many items may wait; a submit beyond that is refused as busy
     * @param key what two items of one batch may not share
     * @param work writes a batch and returns each item's result, in order
     * @param meters where the sizes of the batches written are recorded, as
     * {@code appgraph.group.commit.batch} tagged with {@code name}
     */
    public GroupCommit(String name, int writers, int maxBatch, int capacity, Function<I, ?> key,
            Function<List<I>, List<O>> work, MeterRegistry meters) {
        this.name = name;
        this.key = key;
        this.batchSizes = DistributionSummary.builder("appgraph.group.commit.batch")
            .description("Items written together in one unit of work")
            .tag("name", name)
            .register(meters);
        this.maxBatch = maxBatch;
        this.work = work;
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < writers; i++) {
            Thread writer = new Thread(this::writeWhileOpen, name + "-writer-" + (i + 1));
            writer.setDaemon(true);
            this.writers.add(writer);
            writer.start();
        }
    }

    /**
     * Writes {@code item} in the next batch and returns its result once that batch has
     * committed.
     * @throws BusyException when too many items are waiting already
     */
    public O submit(I item) {
        if (this.closed) {
            throw new IllegalStateException(this.name + " is shut down");
        }
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        if (!this.queue.offer(pending)) {
            throw new BusyException(
                    "%s: %d writes are waiting already; retry in a moment".formatted(this.name, this.queue.size()));
        }
        try {
            return pending.result().get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new BusyException("Interrupted while waiting for the write to commit; it may still commit");
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(ex.getCause());
        }
    }

    /** How many items wait for a batch right now. */
    public int waiting() {
        return this.queue.size();
    }

    /** Writes what is queued, then stops the writer threads. */
    @Override
    public void close() {
        this.closed = true;
        for (Thread writer : this.writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeWhileOpen() {
        // Items held back because an item with their key was in the batch before.
        List<Pending<I, O>> held = new ArrayList<>();
        while (!this.closed || !this.queue.isEmpty() || !held.isEmpty()) {
            List<Pending<I, O>> candidates = new ArrayList<>(held);
            held.clear();
            if (candidates.isEmpty()) {
                try {
                    Pending<I, O> first = this.queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    candidates.add(first);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            this.queue.drainTo(candidates, this.maxBatch - candidates.size());
            List<Pending<I, O>> batch = new ArrayList<>(candidates.size());
            Set<Object> keys = new HashSet<>();
            for (Pending<I, O> candidate : candidates) {
                (keys.add(this.key.apply(candidate.item())) ? batch : held).add(candidate);
            }
            write(batch);
        }
    }

    private void write(List<Pending<I, O>> batch) {
        this.batchSizes.record(batch.size());
        try {
            List<O> results = this.work.apply(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        }
        catch (RuntimeException | Error ex) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(ex);
                return;
            }
            log.debug("%s: a batch of %d failed (%s); writing its items one by one".formatted(this.name, batch.size(),
                    ex));
            for (Pending<I, O> pending : batch) {
                write(List.of(pending));
            }
        }
    }

    private record Pending<I, O>(I item, CompletableFuture<O> result) {
    }

}
