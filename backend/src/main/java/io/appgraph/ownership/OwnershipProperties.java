package io.appgraph.ownership;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ownership sweep, which keeps ownership alerts true to the graph.
 *
 * @param sweepEnabled whether this instance runs the sweep, once at start-up and then
 * every {@code sweepInterval}; any number of instances may (env
 * {@code APPGRAPH_OWNERSHIP_SWEEP_ENABLED})
 * @param sweepInterval the pause between two sweeps; it is also how late a leaving date
 * set ahead takes effect at most (env {@code APPGRAPH_OWNERSHIP_SWEEP_INTERVAL})
 * @param sweepBatchSize how many people or alerts one transaction of the sweep handles at
 * most (env {@code APPGRAPH_OWNERSHIP_SWEEP_BATCH_SIZE})
 */
@ConfigurationProperties("appgraph.ownership")
record OwnershipProperties(@DefaultValue("true") boolean sweepEnabled, @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("200") int sweepBatchSize) {

    OwnershipProperties {
        if (sweepBatchSize < 1) {
            throw new IllegalArgumentException(
                    "appgraph.ownership.sweep-batch-size must be at least 1, was " + sweepBatchSize);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("appgraph.ownership.sweep-interval must be positive");
        }
    }

}
