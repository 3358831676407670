package io.appgraph.cost;

import java.time.Clock;
import java.time.Duration;

import io.appgraph.notify.Outbox;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.FieldCost;
import io.appgraph.platform.JobLeases;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform jobs, each run by one instance at a time of those sharing the database
 * ({@link JobLeases}) and first right after start-up: the live pull every
 * {@code appgraph.platform.pull-interval}, the daily rollups and then the cost alert
 * sweep every {@code appgraph.platform.rollup-interval}.
 * {@code appgraph.platform.jobs-enabled} false leaves them out (pushed imports still
 * work).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CostConfiguration {

    @Bean
    Clock costClock() {
        return Clock.systemUTC();
    }

    @Bean
    PrometheusClient prometheusClient(JsonMapper json, PlatformProperties properties) {
        return new PrometheusClient(json, properties.queryTimeout());
    }

    @Bean
    PlatformPulls platformPulls(PlatformProperties properties, PrometheusClient prometheus, KnownApps catalog,
            UsageWriter usage, LogVolumes logs, OpenCostDays openCost, Cypher cypher, Clock costClock) {
        return new PlatformPulls(properties, prometheus, catalog, usage, logs, openCost, cypher, costClock);
    }

    @Bean
    CostAlerts costAlerts(Cypher cypher, Outbox outbox, PlatformProperties properties, Clock costClock) {
        return new CostAlerts(cypher, outbox, properties, costClock);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "appgraph.platform.jobs-enabled", matchIfMissing = true)
    SchedulingConfigurer platformSchedule(PlatformPulls pulls, CostAlerts alerts, PlatformProperties properties,
            JobLeases leases) {
        Duration pull = properties.pullInterval();
        Duration rollup = properties.rollupInterval();
        return registrar -> {
            registrar.addFixedDelayTask(leases.once("platform-pull", pull, pulls::pullAll), pull);
            registrar.addFixedDelayTask(leases.once("usage-rollup", rollup, () -> {
                pulls.rollUpAll();
                alerts.sweepQuietly();
            }), rollup);
        };
    }

    // A bucket per day of a quarter, say; the estate-wide read goes through every app's
    // days.
    @Bean
    FieldCost costsCost() {
        return new FieldCost("Query", "costs", field -> (field.getArguments().get("squad") == null) ? 100_000 : 0,
                field -> 90, false);
    }

    @Bean
    FieldCost costBucketAppsCost() {
        return FieldCost.list("CostBucket", "apps", field -> {
            Object first = field.getArguments().get("first");
            return (first instanceof Integer size) ? Math.max(1, Math.min(size, 500)) : 100;
        });
    }

    @Bean
    FieldCost rightSizingCost() {
        return FieldCost.list("Query", "rightSizing", field -> {
            Object first = field.getArguments().get("first");
            return (first instanceof Integer size) ? Math.max(1, Math.min(size, 500)) : 100;
        });
    }

    @Bean
    FieldCost costAlertsCost() {
        return FieldCost.list("Query", "costAlerts", field -> 200);
    }

}
