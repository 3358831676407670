package io.appgraph.cost;

import java.time.OffsetDateTime;

/** A notice to a squad that its cost needs a look. */
record CostAlert(String id, String kind, String squadName, String appName, String message, double value,
        OffsetDateTime raisedAt, String status, OffsetDateTime snoozedUntil, String reason, String by) {
}
