package io.appgraph.cost;

import java.time.OffsetDateTime;

/** What runs in one environment, as its Prometheus last answered. */
record Platform(String environment, int apps, int pods, int containers, PlatformCpu cpu, PlatformMemory memory,
        OffsetDateTime observedAt, boolean stale, String error, int unattributedPods) {

    /** CPU in cores. */
    record PlatformCpu(double requestedCores, double usedCores, double allocatableCores) {
    }

    /** Memory in bytes. */
    record PlatformMemory(double requestedBytes, double usedBytes, double allocatableBytes) {
    }

    /** One pull's figures. */
    record PlatformSample(OffsetDateTime at, int apps, int pods, int containers, double cpuRequestedCores,
            double cpuUsedCores, double memoryRequestedBytes, double memoryUsedBytes) {
    }

}
