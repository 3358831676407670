package io.appgraph.cost;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform dashboard and cost: where each environment's Prometheus is, what compute
 * and logging cost, how often appgraph asks, and when cost alerts are raised.
 *
 * @param environments each environment by name ({@code prod}, {@code non-prod}, …); one
 * without a Prometheus URL still prices what is pushed to {@code /api/import/usage}
 * @param logging the price of logs
 * @param jobsEnabled whether this instance runs the pulls, rollups and cost alert sweep
 * (one instance at a time does, of those sharing the database)
 * @param pullInterval how often each Prometheus is asked for the live figures; the first
 * pull happens at start-up
 * @param rollupInterval how often the daily rollups are brought up to date from
 * Prometheus (today's so far, and any earlier day not yet complete)
 * @param rollupStep the resolution of the range queries behind the daily rollups
 * @param rollupDays how many days back a rollup reaches at most (Prometheus keeps 15 by
 * default)
 * @param queryTimeout how long one Prometheus query may take
 * @param writeTimeout how long storing one environment's day may take (an estate's day of
 * usage, with its right-sizing, is one transaction)
 * @param historyRetention how long live samples are kept for the sparklines
 * @param defaultCpuCoreHourPrice the price of a core-hour in environments that set none
 * (OpenCost's default, 0.031611)
 * @param defaultMemoryGibHourPrice the price of a GiB-hour in environments that set none
 * (OpenCost's default, 0.004237)
 * @param alerts when cost alerts are raised
 */
@ConfigurationProperties("appgraph.platform")
record PlatformProperties(Map<String, Environment> environments, @DefaultValue Logging logging,
        @DefaultValue("true") boolean jobsEnabled, @DefaultValue("1m") Duration pullInterval,
        @DefaultValue("1h") Duration rollupInterval, @DefaultValue("5m") Duration rollupStep,
        @DefaultValue("15") int rollupDays, @DefaultValue("30s") Duration queryTimeout,
        @DefaultValue("2m") Duration writeTimeout, @DefaultValue("48h") Duration historyRetention,
        @DefaultValue("0.031611") double defaultCpuCoreHourPrice,
        @DefaultValue("0.004237") double defaultMemoryGibHourPrice, @DefaultValue Alerts alerts) {

    PlatformProperties {
        environments = (environments != null) ? new TreeMap<>(environments) : new TreeMap<>();
        environments.forEach((name, environment) -> {
            if (!name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException(
                        "appgraph.platform.environments: '%s' is not a lowercase DNS label".formatted(name));
            }
        });
        positive("pull-interval", pullInterval);
        positive("rollup-interval", rollupInterval);
        positive("rollup-step", rollupStep);
        positive("query-timeout", queryTimeout);
        positive("write-timeout", writeTimeout);
        positive("history-retention", historyRetention);
        if (rollupStep.toSeconds() < 15 || 86400 % rollupStep.toSeconds() != 0) {
            throw new IllegalArgumentException(
                    "appgraph.platform.rollup-step must divide a day and be at least 15s, was " + rollupStep);
        }
        if (rollupDays < 1 || rollupDays > 90) {
            throw new IllegalArgumentException("appgraph.platform.rollup-days must be 1 to 90, was " + rollupDays);
        }
        price("default-cpu-core-hour-price", defaultCpuCoreHourPrice);
        price("default-memory-gib-hour-price", defaultMemoryGibHourPrice);
    }

    /**
     * The compute prices appgraph applies in {@code environment}, its own or the
     * defaults; none where OpenCost prices it.
     */
    Prices prices(String environment) {
        Environment configured = this.environments.get(environment);
        if (configured != null && configured.opencostUrl() != null) {
            return new Prices(0, 0);
        }
        double cpu = (configured != null && configured.cpuCoreHourPrice() != null) ? configured.cpuCoreHourPrice()
                : this.defaultCpuCoreHourPrice;
        double memory = (configured != null && configured.memoryGibHourPrice() != null)
                ? configured.memoryGibHourPrice() : this.defaultMemoryGibHourPrice;
        return new Prices(cpu, memory);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("appgraph.platform." + name + " must be positive, was " + value);
        }
    }

    private static void price(String name, Double value) {
        if (value != null && (value < 0 || value.isNaN() || value.isInfinite())) {
            throw new IllegalArgumentException("appgraph.platform." + name + " must be 0 or more, was " + value);
        }
    }

    /**
     * One environment.
     *
     * @param prometheusUrl its Prometheus (with kube-state-metrics and cAdvisor series);
     * none to rely on pushed usage alone
     * @param cpuCoreHourPrice the price of a core-hour there; the default when unset
     * @param memoryGibHourPrice the price of a GiB-hour of memory there; the default when
     * unset
     * @param lokiUrl its Grafana Loki, asked each day for log volume per app and level
     * ({@code /loki/api/v1/index/volume}); none to rely on pushed log volume
     * @param lokiQuery the stream selector whose volume is counted
     * @param opencostUrl its OpenCost, asked each day for the cost of each app
     * ({@code /allocation/compute}, aggregated by {@code label:app}): the source of
     * compute cost there instead of appgraph's own pricing, which then only feeds
     * right-sizing
     */
    record Environment(URI prometheusUrl, Double cpuCoreHourPrice, Double memoryGibHourPrice, URI lokiUrl,
            @DefaultValue("{namespace=~\".+\"}") String lokiQuery, URI opencostUrl) {

        Environment {
            price("environments.*.cpu-core-hour-price", cpuCoreHourPrice);
            price("environments.*.memory-gib-hour-price", memoryGibHourPrice);
            if (prometheusUrl != null
                    && !("http".equals(prometheusUrl.getScheme()) || "https".equals(prometheusUrl.getScheme()))) {
                throw new IllegalArgumentException(
                        "appgraph.platform.environments.*.prometheus-url must be http(s), was " + prometheusUrl);
            }
            if (opencostUrl != null
                    && !("http".equals(opencostUrl.getScheme()) || "https".equals(opencostUrl.getScheme()))) {
                throw new IllegalArgumentException(
                        "appgraph.platform.environments.*.opencost-url must be http(s), was " + opencostUrl);
            }
            if (lokiUrl != null && !("http".equals(lokiUrl.getScheme()) || "https".equals(lokiUrl.getScheme()))) {
                throw new IllegalArgumentException(
                        "appgraph.platform.environments.*.loki-url must be http(s), was " + lokiUrl);
            }
        }

    }

    /**
     * What logs cost.
     *
     * @param pricePerGib the price of a GiB ingested
     */
    record Logging(@DefaultValue("0.50") double pricePerGib) {

        Logging {
            price("logging.price-per-gib", pricePerGib);
        }

    }

    /**
     * When cost alerts are raised, by a sweep after each rollup.
     *
     * @param enabled whether cost alerts are raised at all
     * @param costUpPercent a squad whose last 7 days cost more than this many percent
     * more than the 7 before
     * @param costUpMinimum and by at least this much money (small squads swing)
     * @param overProvisionedMonthly a container (MEDIUM or HIGH confidence) whose
     * right-sizing saves more than this a month
     * @param loggingSpikeFactor an app that logged more than this many times its daily
     * mean of the 7 days before
     * @param loggingSpikeMinimumBytes and at least this many bytes that day
     * @param unattributedGrowthPercent unattributed cost of the last 7 days more than
     * this many percent over the 7 before
     */
    record Alerts(@DefaultValue("true") boolean enabled, @DefaultValue("20") double costUpPercent,
            @DefaultValue("10") double costUpMinimum, @DefaultValue("50") double overProvisionedMonthly,
            @DefaultValue("3") double loggingSpikeFactor, @DefaultValue("1073741824") long loggingSpikeMinimumBytes,
            @DefaultValue("20") double unattributedGrowthPercent) {
    }

    /** Compute prices of an environment. */
    record Prices(double cpuCoreHour, double memoryGibHour) {
    }

}
