package io.appgraph.cost;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.appgraph.cost.PlatformProperties.Prices;
import io.appgraph.cost.PodAttribution.Attribution;

/**
 * What a cluster's containers requested and used, from the {@link UsageSeries} Prometheus
 * answered, with each pod tied to its app ({@link PodAttribution}). From instant answers
 * it gives the live {@link Figures}; from a day's range answers, that day's rollup per
 * app and container ({@link ContainerDay}) and what could not be attributed, per reason
 * ({@link UnattributedDay}). Nothing keeps the samples: each is added into its group as
 * it is read.
 */
final class ClusterUsage {

    static final double GIB = 1024.0 * 1024 * 1024;

    private final Map<UsageSeries, List<PrometheusSeries>> series;

    private final PodAttribution attribution;

    /**
     * @param series the answers, by series
     * @param catalog which of the apps the pods point at exist, given those names
     */
    ClusterUsage(Map<UsageSeries, List<PrometheusSeries>> series, Function<Set<String>, Set<String>> catalog) {
        this.series = series;
        this.attribution = new PodAttribution(get(UsageSeries.POD_LABELS), get(UsageSeries.POD_OWNERS),
                get(UsageSeries.REPLICA_SET_OWNERS));
        this.attribution.knownApps(catalog.apply(new HashSet<>(this.attribution.candidateNames())));
    }

    private List<PrometheusSeries> get(UsageSeries kind) {
        return this.series.getOrDefault(kind, List.of());
    }

    /** The live figures, from instant answers (the last sample of each series). */
    Figures figures(double allocatableCores, double allocatableBytes) {
        Set<String> pods = new HashSet<>();
        Set<String> containers = new HashSet<>();
        Set<String> apps = new HashSet<>();
        Set<String> unattributedPods = new HashSet<>();
        double[] totals = new double[4];
        UsageSeries[] kinds = { UsageSeries.CPU_REQUESTS, UsageSeries.CPU_USAGE, UsageSeries.MEMORY_REQUESTS,
                UsageSeries.MEMORY_USAGE };
        for (int k = 0; k < kinds.length; k++) {
            for (PrometheusSeries s : get(kinds[k])) {
                if (s.size() == 0) {
                    continue;
                }
                String pod = s.label("namespace") + "/" + s.label("pod");
                pods.add(pod);
                containers.add(pod + "/" + s.label("container"));
                Attribution of = this.attribution.of(s.label("namespace"), s.label("pod"));
                if (of.attributed()) {
                    apps.add(of.app());
                }
                else {
                    unattributedPods.add(pod);
                }
                totals[k] += s.values()[s.size() - 1];
            }
        }
        return new Figures(apps.size(), pods.size(), containers.size(), totals[0], totals[1], allocatableCores,
                totals[2], totals[3], allocatableBytes, unattributedPods.size());
    }

    /**
     * The rollup of {@code day} from range answers on a grid of {@code stepSeconds}: each
     * sample stands for that many seconds.
     */
    Rollup day(String environment, LocalDate day, long stepSeconds, Prices prices) {
        long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = start + 86_400;
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, Group> unattributed = new LinkedHashMap<>();
        for (UsageSeries kind : List.of(UsageSeries.CPU_USAGE, UsageSeries.CPU_REQUESTS, UsageSeries.MEMORY_USAGE,
                UsageSeries.MEMORY_REQUESTS)) {
            for (PrometheusSeries s : get(kind)) {
                Attribution of = this.attribution.of(s.label("namespace"), s.label("pod"));
                String container = s.label("container") != null ? s.label("container") : "";
                Group group = of.attributed()
                        ? groups.computeIfAbsent(of.app() + "\u0000" + container, k -> new Group(of.app(), container))
                        : unattributed.computeIfAbsent(of.reason(), k -> new Group(null, of.reason()));
                for (int i = 0; i < s.size(); i++) {
                    long t = s.times()[i];
                    if (t >= start && t < end) {
                        group.add(kind, (int) ((t - start) / stepSeconds), s.values()[i], stepSeconds);
                    }
                }
            }
        }
        List<ContainerDay> containers = new ArrayList<>();
        for (Group group : groups.values()) {
            if (group.steps.isEmpty()) {
                continue;
            }
            containers.add(new ContainerDay(environment, day, group.app, group.container, group.cpuUsage / 3600,
                    group.cpuRequest / 3600, group.memoryUsage / 3600 / GIB, group.memoryRequest / 3600 / GIB,
                    group.meanCpuRequest(), group.meanMemoryRequest(), group.replicas(), group.memoryPeak,
                    group.histogram, group.compute(prices)));
        }
        List<UnattributedDay> others = new ArrayList<>();
        for (Group group : unattributed.values()) {
            if (!group.steps.isEmpty()) {
                others.add(new UnattributedDay(environment, day, group.container, group.compute(prices)));
            }
        }
        return new Rollup(containers, others);
    }

    /** Sums of one app's container (or of one reason's unattributed pods) over a day. */
    private static final class Group {

        final String app;

        final String container;

        final CpuHistogram histogram = new CpuHistogram();

        final BitSet steps = new BitSet();

        double cpuUsage;

        double cpuRequest;

        double memoryUsage;

        double memoryRequest;

        double memoryPeak;

        long cpuRequestSamples;

        long memoryRequestSamples;

        long cpuUsageSamples;

        double cpuRequestSum;

        double memoryRequestSum;

        Group(String app, String container) {
            this.app = app;
            this.container = container;
        }

        void add(UsageSeries kind, int step, double value, long seconds) {
            this.steps.set(step);
            switch (kind) {
                case CPU_USAGE -> {
                    this.cpuUsage += value * seconds;
                    this.cpuUsageSamples++;
                    this.histogram.add(value);
                }
                case CPU_REQUESTS -> {
                    this.cpuRequest += value * seconds;
                    this.cpuRequestSamples++;
                    this.cpuRequestSum += value;
                }
                case MEMORY_USAGE -> {
                    this.memoryUsage += value * seconds;
                    this.memoryPeak = Math.max(this.memoryPeak, value);
                }
                case MEMORY_REQUESTS -> {
                    this.memoryRequest += value * seconds;
                    this.memoryRequestSamples++;
                    this.memoryRequestSum += value;
                }
                default -> {
                }
            }
        }

        double meanCpuRequest() {
            return (this.cpuRequestSamples > 0) ? this.cpuRequestSum / this.cpuRequestSamples : 0;
        }

        double meanMemoryRequest() {
            return (this.memoryRequestSamples > 0) ? this.memoryRequestSum / this.memoryRequestSamples : 0;
        }

        /** Pods running the container, on average over the steps it ran in. */
        double replicas() {
            return (double) Math.max(this.cpuRequestSamples, this.cpuUsageSamples) / this.steps.cardinality();
        }

        double compute(Prices prices) {
            return ClusterUsage.compute(this.cpuRequest / 3600, this.cpuUsage / 3600, this.memoryRequest / 3600 / GIB,
                    this.memoryUsage / 3600 / GIB, prices);
        }

    }

    /**
     * OpenCost's workload cost: max(requested, used) × price, CPU and memory, from
     * core-hours and GiB-hours.
     */
    static double compute(double cpuRequestCoreHours, double cpuUsageCoreHours, double memoryRequestGibHours,
            double memoryUsageGibHours, Prices prices) {
        return Math.max(cpuRequestCoreHours, cpuUsageCoreHours) * prices.cpuCoreHour()
                + Math.max(memoryRequestGibHours, memoryUsageGibHours) * prices.memoryGibHour();
    }

    /** What runs now. */
    record Figures(int apps, int pods, int containers, double cpuRequestedCores, double cpuUsedCores,
            double cpuAllocatableCores, double memoryRequestedBytes, double memoryUsedBytes,
            double memoryAllocatableBytes, int unattributedPods) {
    }

    /** One app's container over one day, in one environment. */
    record ContainerDay(String environment, LocalDate day, String app, String container, double cpuUsageCoreHours,
            double cpuRequestCoreHours, double memoryUsageGibHours, double memoryRequestGibHours,
            double cpuRequestCores, double memoryRequestBytes, double replicas, double memoryPeakBytes,
            CpuHistogram histogram, double compute) {
    }

    /** Compute no app could be tied to, over one day, for one reason. */
    record UnattributedDay(String environment, LocalDate day, String reason, double compute) {
    }

    /** A day's rollup. */
    record Rollup(List<ContainerDay> containers, List<UnattributedDay> unattributed) {
    }

    static LocalDate dayOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

}
