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

    @Bean
    OwnershipSweep ownershipSweep(Cypher cypher, LeaverWriter leavers, OwnershipNotices notices,
            OwnershipProperties properties) {
        return new OwnershipSweep(cypher, leavers, notices, properties, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "appgraph.ownership.sweep-enabled", matchIfMissing = true)
    SchedulingConfigurer ownershipSweepSchedule(OwnershipSweep sweep, OwnershipProperties properties,
            JobLeases leases) {
        Duration interval = properties.sweepInterval();
        return registrar -> registrar.addFixedDelayTask(leases.once("ownership-sweep", interval, sweep::sweepQuietly),
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
