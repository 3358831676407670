package io.appgraph.cost;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.appgraph.cost.PlatformProperties.Prices;

/**
 * A container's recommendation as Kubernetes' Vertical Pod Autoscaler computes one, from
 * its daily usage: CPU at the p90 of every usage sample + 15 % (bounds p50 and p95, + 15
 * %); memory at the p95 of the daily peaks + 15 %, never below the highest peak (the
 * lower bound: under it the container was killed on its worst day). The upper bounds
 * widen by {@code 1 + 1/days} while history is short, as the VPA's do. Under 8 days the
 * recommendation is LOW confidence and promises no saving.
 */
final class RightSizingCalculator {

    static final double SAFETY_MARGIN = 1.15;

    static final double HOURS_PER_MONTH = 730;

    private RightSizingCalculator() {
    }

    /**
     * @param days the container's days, oldest first; the last one's requests and
     * replicas are what runs now
     */
    static Recommendation recommend(List<Day> days, Prices prices) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no days to recommend from");
        }
        CpuHistogram usage = new CpuHistogram();
        List<Double> peaks = new ArrayList<>();
        for (Day day : days) {
            usage.addAll(day.cpuBuckets(), day.cpuCounts());
            peaks.add(day.memoryPeakBytes());
        }
        Collections.sort(peaks);
        int n = days.size();
        double widen = 1 + 1.0 / n;
        double maxPeak = peaks.get(n - 1);
        double p95Peak = peaks.get((int) Math.ceil(0.95 * n) - 1);
        Day latest = days.get(n - 1);
        double cpuTarget = usage.percentile(0.90) * SAFETY_MARGIN;
        double memoryTarget = Math.max(p95Peak * SAFETY_MARGIN, maxPeak);
        Confidence confidence = (n < 8) ? Confidence.LOW : (n < 14) ? Confidence.MEDIUM : Confidence.HIGH;
        double saving = ((latest.cpuRequestCores() - cpuTarget) * prices.cpuCoreHour()
                + (latest.memoryRequestBytes() - memoryTarget) / ClusterUsage.GIB * prices.memoryGibHour())
                * HOURS_PER_MONTH * latest.replicas();
        return new Recommendation(n, latest.replicas(), latest.cpuRequestCores(), cpuTarget,
                usage.percentile(0.50) * SAFETY_MARGIN, usage.percentile(0.95) * SAFETY_MARGIN * widen,
                latest.memoryRequestBytes(), memoryTarget, maxPeak, maxPeak * 1.3 * widen, confidence, saving);
    }

    /** One stored day of a container. */
    record Day(List<Long> cpuBuckets, List<Long> cpuCounts, double memoryPeakBytes, double cpuRequestCores,
            double memoryRequestBytes, double replicas) {
    }

    /** How sure a recommendation is. */
    enum Confidence {

        LOW, MEDIUM, HIGH

    }

    /**
     * A recommendation; {@code potentialSaving} is a month's saving at the environment's
     * prices for all replicas, whatever the confidence.
     */
    record Recommendation(int days, double replicas, double requestedCores, double recommendedCores,
            double lowerBoundCores, double upperBoundCores, double requestedBytes, double recommendedBytes,
            double lowerBoundBytes, double upperBoundBytes, Confidence confidence, double potentialSaving) {
    }

}
