package io.appgraph.cost;

/**
 * A container's right-sizing, as stored after its last rollup, with the change to make.
 */
record RightSizing(String appName, String environment, String container, double replicas, int days,
        CpuRecommendation cpu, MemoryRecommendation memory, RightSizingCalculator.Confidence confidence,
        Double monthlySaving, String manifestUrl, String change) {

    /** CPU request and recommendation, in cores. */
    record CpuRecommendation(double requestedCores, double recommendedCores, double lowerBoundCores,
            double upperBoundCores) {
    }

    /** Memory request and recommendation, in bytes. */
    record MemoryRecommendation(double requestedBytes, double recommendedBytes, double lowerBoundBytes,
            double upperBoundBytes) {
    }

}
