package io.appgraph.cost;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

import io.appgraph.cost.ClusterUsage.ContainerDay;
import io.appgraph.cost.ClusterUsage.Figures;
import io.appgraph.cost.ClusterUsage.Rollup;
import io.appgraph.cost.ClusterUsage.UnattributedDay;
import io.appgraph.cost.LogVolumes.Volume;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * What other features (the demo estate) may write into cost history without a cluster: a
 * container's day as samples, a day's log volume, an environment's live figures. Each
 * goes through the same writers as the pulls and imports, inside the caller's
 * transaction.
 */
@Component
public final class CostLedger {

    private final UsageWriter usage;

    private final LogVolumes logs;

    private final PlatformPulls pulls;

    private final PlatformProperties properties;

    private final CostAlerts alerts;

    CostLedger(UsageWriter usage, LogVolumes logs, PlatformPulls pulls, PlatformProperties properties,
            CostAlerts alerts) {
        this.usage = usage;
        this.logs = logs;
        this.pulls = pulls;
        this.properties = properties;
        this.alerts = alerts;
    }

    /**
     * Stores {@code environment}'s {@code day}: each container's samples, evenly spread
     * over the day, and unattributed compute cost by reason. Right-sizing is left to
     * {@link #rightSize}.
     */
    public void usageDay(TransactionContext tx, String environment, LocalDate day, List<ContainerSamples> containers,
            Map<String, Double> unattributedCompute) {
        PlatformProperties.Prices prices = this.properties.prices(environment);
        List<ContainerDay> days = new ArrayList<>();
        for (ContainerSamples c : containers) {
            int n = c.cpuUsageCores().length;
            double hours = 24.0 / n;
            CpuHistogram histogram = new CpuHistogram();
            double cpuUsage = 0;
            double memoryUsage = 0;
            double peak = 0;
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < c.replicas(); r++) {
                    histogram.add(c.cpuUsageCores()[i]);
                }
                cpuUsage += c.cpuUsageCores()[i] * hours * c.replicas();
                memoryUsage += c.memoryBytes()[i] / ClusterUsage.GIB * hours * c.replicas();
                peak = Math.max(peak, c.memoryBytes()[i]);
            }
            double cpuRequest = c.cpuRequestCores() * 24 * c.replicas();
            double memoryRequest = c.memoryRequestBytes() / ClusterUsage.GIB * 24 * c.replicas();
            double compute = ClusterUsage.compute(cpuRequest, cpuUsage, memoryRequest, memoryUsage, prices);
            days.add(new ContainerDay(environment, day, c.app(), c.container(), cpuUsage, cpuRequest, memoryUsage,
                    memoryRequest, c.cpuRequestCores(), c.memoryRequestBytes(), c.replicas(), peak, histogram,
                    compute));
        }
        List<UnattributedDay> others = new ArrayList<>();
        unattributedCompute.forEach((reason, cost) -> others.add(new UnattributedDay(environment, day, reason, cost)));
        this.usage.write(tx, environment, day, new Rollup(days, others), true, false);
    }

    /**
     * Right-sizes {@code containers} ({@code app}, {@code container}) from their days up
     * to {@code day}.
     */
    public void rightSize(TransactionContext tx, String environment, LocalDate day,
            List<Map<String, String>> containers) {
        this.usage.rightSize(tx, environment, day, containers);
    }

    /**
     * Stores {@code environment}'s log volume of {@code day}: bytes per app and level,
     * and unattributed bytes.
     */
    public void logVolumeDay(TransactionContext tx, String environment, LocalDate day,
            Map<String, Map<String, Double>> bytesByAppAndLevel, Map<String, Double> unattributedBytes) {
        this.logs.write(tx, environment, day, new Volume(bytesByAppAndLevel, unattributedBytes, 0));
    }

    /** Stores {@code environment}'s live figures taken at {@code at}. */
    public void platformSample(TransactionContext tx, String environment, Instant at, PlatformFigures figures) {
        this.pulls.store(tx, environment, at, figures(figures));
    }

    /**
     * Stores {@code environment}'s figures over time, oldest first: the last are its live
     * figures.
     */
    public void platformSamples(TransactionContext tx, String environment,
            SortedMap<Instant, PlatformFigures> samples) {
        Map<Instant, Figures> earlier = new LinkedHashMap<>();
        samples.headMap(samples.lastKey()).forEach((at, figures) -> earlier.put(at, figures(figures)));
        this.pulls.storeHistory(tx, environment, earlier);
        platformSample(tx, environment, samples.lastKey(), samples.get(samples.lastKey()));
    }

    private static Figures figures(PlatformFigures figures) {
        return new Figures(figures.apps(), figures.pods(), figures.containers(), figures.cpuRequestedCores(),
                figures.cpuUsedCores(), figures.cpuAllocatableCores(), figures.memoryRequestedBytes(),
                figures.memoryUsedBytes(), figures.memoryAllocatableBytes(), figures.unattributedPods());
    }

    /**
     * Records that {@code environment}'s pull failed at {@code at}: its figures are
     * stale.
     */
    public void platformPullFailed(TransactionContext tx, String environment, Instant at, String error) {
        this.pulls.failed(tx, environment, at, error);
    }

    /** Raises the cost alerts the stored days call for; answers how many were new. */
    public int raiseAlerts() {
        return this.alerts.sweep();
    }

    /**
     * One container's day: requests, replicas, and usage per replica as samples evenly
     * spread over the day.
     */
    public record ContainerSamples(String app, String container, double cpuRequestCores, double memoryRequestBytes,
            int replicas, double[] cpuUsageCores, double[] memoryBytes) {
    }

    /** An environment's live figures. */
    public record PlatformFigures(int apps, int pods, int containers, double cpuRequestedCores, double cpuUsedCores,
            double cpuAllocatableCores, double memoryRequestedBytes, double memoryUsedBytes,
            double memoryAllocatableBytes, int unattributedPods) {
    }

}
