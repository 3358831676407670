package io.appgraph.cost;

import java.time.OffsetDateTime;
import java.util.List;

/** Cost in one bucket, with every app's share, most expensive first. */
record CostBucket(OffsetDateTime start, double compute, double logging, double total, Double change,
        List<AppCost> allApps, List<UnattributedCost> unattributed) {

    /** What one app cost in a bucket. */
    record AppCost(String appName, double compute, double logging, double total) {
    }

    /** Cost no app could be tied to. */
    record UnattributedCost(String environment, double compute, double logging, String reason) {
    }

}
