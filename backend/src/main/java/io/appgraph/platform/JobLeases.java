package io.appgraph.platform;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Scheduled jobs that one instance at a time runs, however many replicas share the
 * database: each run first takes or renews the job's lease, a {@code __JobLease} node
 * (bookkeeping, as the migrations' records are) holding this instance's id until a time;
 * an instance that finds another's lease still valid skips its turn. The holder renews
 * the lease on every run, so the job stays with it; when the holder stops, it gives the
 * lease up, and when it dies, the lease runs out and the next instance whose turn comes
 * takes the job over.
 */
@Component
public final class JobLeases implements DisposableBean {

    private static final Log log = LogFactory.getLog(JobLeases.class);

    private static final Duration MIN_LEASE = Duration.ofSeconds(30);

    // Two statements: the first takes the lease node's write lock, so that instances
    // deciding at the same moment decide one after the other; the second reads it afresh
    // under the lock.
    private static final String LOCK = """
            MERGE (lease:__JobLease {job: $job})
            SET lease.__lock = true REMOVE lease.__lock
            """;

    private static final String TAKE = """
            MATCH (lease:__JobLease {job: $job})
            WITH lease, lease.holder IS NULL OR lease.holder = $holder OR lease.until <= $now AS free
            CALL (lease, free) {
              WITH lease WHERE free
              SET lease.holder = $holder, lease.until = $until
            }
            RETURN free
            """;

    private static final String RELEASE = """
            MATCH (lease:__JobLease {job: $job, holder: $holder})
            SET lease.until = $now
            """;

    private final Cypher cypher;

    private final MeterRegistry meters;

    private final String holder = UUID.randomUUID().toString();

    private final List<String> held = new CopyOnWriteArrayList<>();

    JobLeases(Cypher cypher, MeterRegistry meters) {
        this.cypher = cypher;
        this.meters = meters;
    }

    /**
     * {@code task}, run every {@code interval}, as a job that runs on one instance at a
     * time: each call runs it only when this instance holds, or can take, the lease named
     * {@code job}. The lease is renewed before and after each run and lasts three
     * intervals, never less than 30 s, so that a pause of the JVM or a slow database does
     * not hand the job over; when its holder dies, another instance takes the job over
     * that long after. Its runs here are counted as {@code appgraph.job.runs} tagged with
     * {@code job}.
     */
    public Runnable once(String job, Duration interval, Runnable task) {
        Duration lease = (interval.multipliedBy(3).compareTo(MIN_LEASE) > 0) ? interval.multipliedBy(3) : MIN_LEASE;
        Counter runs = Counter.builder("appgraph.job.runs")
            .description("Runs of a scheduled job that one instance at a time runs, on this instance")
            .tag("job", job)
            .register(this.meters);
        return () -> {
            try {
                if (!hold(job, lease)) {
                    return;
                }
            }
            catch (RuntimeException ex) {
                log.warn("Job " + job + " skipped: its lease could not be read (" + ex.getMessage() + ")");
                return;
            }
            runs.increment();
            try {
                task.run();
            }
            finally {
                renew(job, lease);
            }
        };
    }

    // A run may take longer than the pause between runs: the lease is renewed when it
    // ends too, so it is never left to run out between two runs of its holder.
    private void renew(String job, Duration lease) {
        try {
            hold(job, lease);
        }
        catch (RuntimeException ex) {
            log.warn("Could not renew the lease on job " + job + ": " + ex.getMessage());
        }
    }

    /**
     * Takes or renews the lease on {@code job}; false while another instance holds it.
     */
    boolean hold(String job, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> parameters = Map.of("job", job, "holder", this.holder, "now", now, "until",
                now.plus(lease));
        boolean free = this.cypher.write(tx -> {
            this.cypher.run(tx, LOCK, parameters);
            return this.cypher.run(tx, TAKE, parameters).get(0).get("free").asBoolean();
        });
        if (free && !this.held.contains(job)) {
            this.held.add(job);
            log.info("This instance now runs the job " + job);
        }
        else if (!free) {
            this.held.remove(job);
        }
        return free;
    }

    /** Gives up the leases this instance holds, so another instance takes them over. */
    @Override
    public void destroy() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (String job : new ArrayList<>(this.held)) {
            try {
                this.cypher
                    .write(tx -> this.cypher.run(tx, RELEASE, Map.of("job", job, "holder", this.holder, "now", now)));
            }
            catch (RuntimeException ex) {
                log.warn("Could not give up the lease on " + job + "; another instance takes it when it runs out: "
                        + ex.getMessage());
            }
        }
    }

}
