package io.appgraph.ownership;

import java.time.Clock;
import java.time.Duration;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.FieldCost;
import io.appgraph.platform.JobLeases;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * The ownership sweep, run right after start-up (after the demo estate is loaded) and
 * then every {@code appgraph.ownership.sweep-interval}, unless
 * {@code appgraph.ownership.sweep-enabled} is false; by one instance at a time of those
 * sharing the database ({@link JobLeases}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OwnershipConfiguration {

    private static final Duration MIN_LEASE = Duration.ofSeconds(30);

    @Bean
    OwnershipSweep ownershipSweep(Cypher cypher, LeaverWriter leavers, OwnershipNotices notices,
            OwnershipProperties properties) {
        return new OwnershipSweep(cypher, leavers, notices, properties, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "appgraph.ownership.sweep-enabled", matchIfMissing = true)
    SchedulingConfigurer ownershipSweepSchedule(OwnershipSweep sweep, OwnershipProperties properties,
            JobLeases leases) {
        // One instance sweeps; when it dies, another takes over once its lease has run
        // out: three intervals, and never less than 30 s, so that a pause cannot cost it.
        Duration interval = properties.sweepInterval();
        Duration lease = (interval.multipliedBy(3).compareTo(MIN_LEASE) > 0) ? interval.multipliedBy(3) : MIN_LEASE;
        return registrar -> registrar.addFixedDelayTask(leases.once("ownership-sweep", lease, sweep::sweepQuietly),
                interval);
    }

    // A page of alerts, each paying for its selection.
    @Bean
    FieldCost ownershipAlertsCost() {
        return FieldCost.list("Query", "ownershipAlerts", field -> {
            Object first = field.getArguments().get("first");
            return (first instanceof Integer size) ? Math.max(1, Math.min(size, 500)) : 100;
        });
    }

}
