package io.appgraph.benchmark;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: each of {@code clients} threads sends its next call once the previous
 * answer is in, until the planned number of calls is reached or the time budget is spent,
 * whichever comes first. A call is never cut short: the budget only stops new calls from
 * starting.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /** One request; the clock runs while it does. */
    @FunctionalInterface
    interface Call {

        Response send() throws Exception;

    }

    /** What a call brought back, checked only after the clock has stopped. */
    interface Response {

        long size();

        /** What {@link #size()} counts: bytes, rows. */
        String unit();

        Optional<String> error();

    }

    static Measurement run(Call call, int clients, int planned, Duration budget) throws Exception {
        AtomicInteger remaining = new AtomicInteger(planned);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong size = new AtomicLong();
        AtomicReference<String> unit = new AtomicReference<>("");
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    long[] latencies = new long[16];
                    int n = 0;
                    while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        Response response = null;
                        String error = null;
                        try {
                            response = call.send();
                        }
                        catch (HttpTimeoutException ex) {
                            abandoned.incrementAndGet();
                            error = describe(ex);
                        }
                        catch (Exception ex) {
                            error = describe(ex);
                        }
                        latencies = record(latencies, n++, System.nanoTime() - t0);
                        if (response != null) {
                            try {
                                error = response.error().orElse(null);
                                size.set(response.size());
                                unit.set(response.unit());
                            }
                            catch (RuntimeException ex) {
                                error = describe(ex);
                            }
                        }
                        if (error != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> worker : workers) {
                long[] latencies = worker.get();
                int from = all.length;
                all = Arrays.copyOf(all, from + latencies.length);
                System.arraycopy(latencies, 0, all, from, latencies.length);
            }
            Arrays.sort(all);
            return new Measurement(clients, planned, all, System.nanoTime() - started, errors.get(), abandoned.get(),
                    firstError.get(), size.get(), unit.get(), null);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static String describe(Exception ex) {
        String message = String.valueOf(ex.getMessage());
        return ex.getClass().getSimpleName() + ": "
                + (message.length() <= 160 ? message : message.substring(0, 160) + "…");
    }

    private static long[] record(long[] latencies, int index, long nanos) {
        long[] target = index < latencies.length ? latencies : Arrays.copyOf(latencies, latencies.length * 2);
        target[index] = nanos;
        return target;
    }

    /**
     * The figures of one run.
     *
     * @param clients concurrent clients
     * @param planned calls planned; more than were measured when the budget ran out
     * @param sortedNanos latency of each measured call, failed ones included, in
     * ascending order
     * @param wallNanos from the first call's start to the last call's end
     * @param errors failed calls: transport failures, non-200 answers, answers with
     * GraphQL errors
     * @param abandoned failed calls the client gave up waiting for; the server may still
     * be working on them
     * @param firstError what the first failed call said, or {@code null}
     * @param size size of an answer (bytes or rows, see unit)
     * @param unit what size counts
     * @param skipped why the run was skipped, or {@code null} when it ran
     */
    record Measurement(int clients, int planned, long[] sortedNanos, long wallNanos, int errors, int abandoned,
            String firstError, long size, String unit, String skipped) {

        static Measurement skipped(int clients, int planned, String reason) {
            return new Measurement(clients, planned, new long[0], 0, 0, 0, null, 0, "", reason);
        }

        int measured() {
            return this.sortedNanos.length;
        }

        /** Nearest-rank percentile in milliseconds, like lat.py and bench.mjs. */
        double percentile(double p) {
            if (this.sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * this.sortedNanos.length) - 1;
            return this.sortedNanos[Math.max(0, Math.min(index, this.sortedNanos.length - 1))] / 1e6;
        }

        double throughput() {
            return this.wallNanos == 0 ? Double.NaN : this.sortedNanos.length / (this.wallNanos / 1e9);
        }
    }

}
