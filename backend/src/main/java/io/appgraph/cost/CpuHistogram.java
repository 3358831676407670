package io.appgraph.cost;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU usage samples counted in exponential buckets, as Kubernetes' Vertical Pod
 * Autoscaler keeps them: bucket 0 holds usage under {@value #FIRST_BOUNDARY} cores,
 * bucket {@code i > 0} holds
 * {@code [FIRST_BOUNDARY × RATIO^(i-1), FIRST_BOUNDARY × RATIO^i)}. A day's histogram is
 * stored sparse (bucket indexes and counts), and the days of a container add up into one.
 * A percentile is the end of the bucket where the cumulative count reaches it, as the VPA
 * answers, so it is at most 5 % above the true value.
 */
final class CpuHistogram {

    static final double FIRST_BOUNDARY = 0.001;

    static final double RATIO = 1.05;

    /** The last bucket holds everything from about 1,000 cores up. */
    static final int BUCKETS = 285;

    private final TreeMap<Integer, Long> counts = new TreeMap<>();

    private long total;

    void add(double cores) {
        add(bucket(cores), 1);
    }

    void add(int bucket, long count) {
        if (count > 0) {
            this.counts.merge(bucket, count, Long::sum);
            this.total += count;
        }
    }

    /** Adds a stored day: its bucket indexes and their counts, index by index. */
    void addAll(List<Long> buckets, List<Long> counts) {
        for (int i = 0; i < Math.min(buckets.size(), counts.size()); i++) {
            add(buckets.get(i).intValue(), counts.get(i));
        }
    }

    long total() {
        return this.total;
    }

    /** The bucket indexes that hold samples, ascending. */
    List<Long> buckets() {
        return this.counts.keySet().stream().map(Integer::longValue).toList();
    }

    /** The counts of {@link #buckets()}, index by index. */
    List<Long> counts() {
        return List.copyOf(this.counts.values());
    }

    /**
     * The end of the bucket where {@code percentile} (0 to 1) of the samples lie; 0 when
     * empty.
     */
    double percentile(double percentile) {
        if (this.total == 0) {
            return 0;
        }
        double threshold = percentile * this.total;
        long cumulative = 0;
        int last = 0;
        for (Map.Entry<Integer, Long> bucket : this.counts.entrySet()) {
            cumulative += bucket.getValue();
            last = bucket.getKey();
            if (cumulative >= threshold) {
                break;
            }
        }
        return end(last);
    }

    static int bucket(double cores) {
        if (!(cores >= FIRST_BOUNDARY)) {
            return 0;
        }
        int bucket = 1 + (int) Math.floor(Math.log(cores / FIRST_BOUNDARY) / Math.log(RATIO));
        return Math.min(bucket, BUCKETS - 1);
    }

    /** Where bucket {@code index} ends (the next one starts). */
    static double end(int index) {
        return FIRST_BOUNDARY * Math.pow(RATIO, index);
    }

    @Override
    public String toString() {
        return new TreeMap<>(this.counts).toString();
    }

}
