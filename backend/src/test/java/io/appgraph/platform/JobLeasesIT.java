package io.appgraph.platform;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.appgraph.ExternalNeo4j;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two appgraph instances on one database, as two replicas behind a Service: the ownership
 * sweep, scheduled on both, runs on one of them; when that one stops, the other takes the
 * job over.
 */
class JobLeasesIT {

    private static final ExternalNeo4j database = ExternalNeo4j.start();

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void oneInstanceSweepsAndTheOtherTakesOverWhenItStops() throws InterruptedException {
        ConfigurableApplicationContext first = start();
        try (ConfigurableApplicationContext second = start()) {
            try {
                await("the first instance to sweep", () -> runs(first) >= 1);
                double firstRuns = runs(first);
                await("the first instance to sweep 10 times more", () -> runs(first) >= firstRuns + 10);
                assertThat(runs(second)).as("sweeps on the second instance while the first runs").isZero();
            }
            finally {
                first.close();
            }
            await("the second instance to take the sweep over", () -> runs(second) >= 3);
        }
    }

    private static ConfigurableApplicationContext start() {
        return database.appgraph("--appgraph.ownership.sweep-interval=100ms");
    }

    private static double runs(ConfigurableApplicationContext app) {
        return app.getBean(MeterRegistry.class)
            .get("appgraph.job.runs")
            .tag("job", "ownership-sweep")
            .counter()
            .count();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

}
