package io.appgraph.cost;

import java.time.OffsetDateTime;

/** A period's cost against the period of the same length before it. */
record CostSummary(OffsetDateTime from, OffsetDateTime to, double compute, double logging, double total,
        double previousTotal, Double change, Trend trend) {

    /** Which way a cost goes. */
    enum Trend {

        UP, FLAT, DOWN

    }

}
