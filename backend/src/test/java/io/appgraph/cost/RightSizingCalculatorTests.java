package io.appgraph.cost;

import java.util.ArrayList;
import java.util.List;

import io.appgraph.cost.PlatformProperties.Prices;
import io.appgraph.cost.RightSizingCalculator.Confidence;
import io.appgraph.cost.RightSizingCalculator.Day;
import io.appgraph.cost.RightSizingCalculator.Recommendation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Recommendations on fixtures computed by hand: each day has 900 samples at 0.1 cores and
 * 100 at 0.5 cores, and a memory peak 10 MiB higher than the day before.
 */
class RightSizingCalculatorTests {

    private static final double MIB = 1024 * 1024;

    private static final Prices PRICES = new Prices(0.031611, 0.004237);

    // 0.1 cores falls in bucket 1 + floor(ln(0.1 / 0.001) / ln(1.05)) = 1 + floor(94.39)
    // = 95,
    // which ends at 0.001 x 1.05^95; 0.5 cores in bucket 1 + floor(127.37) = 128.
    private static final double END_OF_0_1 = 0.001 * Math.pow(1.05, 95);

    private static final double END_OF_0_5 = 0.001 * Math.pow(1.05, 128);

    @Test
    void cpuAtP90MemoryAtP95OfDailyPeaksEachPlusFifteenPercent() {
        Recommendation r = RightSizingCalculator.recommend(days(10), PRICES);

        assertThat(CpuHistogram.bucket(0.1)).isEqualTo(95);
        assertThat(CpuHistogram.bucket(0.5)).isEqualTo(128);
        // p90: the 900th of 1,000 samples a day is the last at 0.1 cores.
        assertThat(r.recommendedCores()).isCloseTo(END_OF_0_1 * 1.15, within(1e-9));
        assertThat(r.lowerBoundCores()).isCloseTo(END_OF_0_1 * 1.15, within(1e-9));
        // p95 is at 0.5 cores; the upper bound widens by 1 + 1/10 over 10 days.
        assertThat(r.upperBoundCores()).isCloseTo(END_OF_0_5 * 1.15 * 1.1, within(1e-9));
        // Peaks 100..190 MiB: p95 of ten (nearest rank, the 10th) is 190 MiB.
        assertThat(r.recommendedBytes()).isCloseTo(190 * MIB * 1.15, within(1.0));
        assertThat(r.lowerBoundBytes()).isCloseTo(190 * MIB, within(1.0));
        assertThat(r.upperBoundBytes()).isCloseTo(190 * MIB * 1.3 * 1.1, within(1.0));
        assertThat(r.days()).isEqualTo(10);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(r.requestedCores()).isEqualTo(1.0);
        assertThat(r.replicas()).isEqualTo(3.0);
        double saving = ((1.0 - END_OF_0_1 * 1.15) * 0.031611 + (512 - 190 * 1.15) / 1024 * 0.004237) * 730 * 3;
        assertThat(r.potentialSaving()).isCloseTo(saving, within(1e-6));
    }

    @Test
    void memoryIsNeverRecommendedBelowTheHighestPeak() {
        List<Day> days = new ArrayList<>(days(20));
        // Nineteen quiet days and one peak of 900 MiB: p95 of 20 peaks (the 19th) is 280
        // MiB,
        // + 15 % is 333.5 MiB, below the 900 MiB the container once needed.
        days.set(5, day(900, 1.0, 512, 3));
        Recommendation r = RightSizingCalculator.recommend(days, PRICES);
        assertThat(r.recommendedBytes()).isCloseTo(900 * MIB, within(1.0));
        assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void underEightDaysIsLowConfidence() {
        assertThat(RightSizingCalculator.recommend(days(7), PRICES).confidence()).isEqualTo(Confidence.LOW);
        assertThat(RightSizingCalculator.recommend(days(8), PRICES).confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(RightSizingCalculator.recommend(days(14), PRICES).confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void theChangeToMakeIsTheManifestsResourcesBlock() {
        String change = RightSizingQueries.change("checkout", "api",
                new RightSizing.CpuRecommendation(1.0, 0.1185, 0.1, 0.7),
                new RightSizing.MemoryRecommendation(512 * MIB, 218.5 * MIB, 190 * MIB, 300 * MIB));
        assertThat(change).contains("cpu: 119m  # was 1000m").contains("memory: 219Mi  # was 512Mi");
    }

    private static List<Day> days(int count) {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            days.add(day(100 + 10 * i, 1.0, 512, 3));
        }
        return days;
    }

    private static Day day(double peakMib, double cpuRequest, double memoryRequestMib, double replicas) {
        CpuHistogram histogram = new CpuHistogram();
        for (int i = 0; i < 900; i++) {
            histogram.add(0.1);
        }
        for (int i = 0; i < 100; i++) {
            histogram.add(0.5);
        }
        return new Day(histogram.buckets(), histogram.counts(), peakMib * MIB, cpuRequest, memoryRequestMib * MIB,
                replicas);
    }

}
