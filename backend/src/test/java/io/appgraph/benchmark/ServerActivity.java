package io.appgraph.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether the server in this JVM is still busy, so that one read's leftovers do not land
 * in the next read's figures. A call the client abandoned is the case in point: the
 * server goes on with it, and a hub's blast radius over 100,000 apps, abandoned twice,
 * once kept a 4 GiB heap in back-to-back full collections for minutes.
 */
final class ServerActivity {

    // Idle: no HTTP request in progress, and the process using less than a quarter of a
    // core.
    private static final double IDLE_CORES = 0.25;

    private static final Duration SAMPLE = Duration.ofMillis(500);

    private final MeterRegistry registry;

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    ServerActivity(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Waits until the server is idle, or for {@code limit} at most; returns how long it
     * waited.
     */
    Duration awaitIdle(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        while (true) {
            long cpu = this.os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(SAMPLE.toMillis());
            double cores = (double) (this.os.getProcessCpuTime() - cpu) / (System.nanoTime() - t0);
            if ((activeRequests() == 0 && cores < IDLE_CORES) || System.nanoTime() > deadline) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
        }
    }

    private long activeRequests() {
        return this.registry.find("http.server.requests.active")
            .longTaskTimers()
            .stream()
            .mapToLong(LongTaskTimer::activeTasks)
            .sum();
    }

}
