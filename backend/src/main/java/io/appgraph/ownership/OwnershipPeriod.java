package io.appgraph.ownership;

import java.time.OffsetDateTime;

/**
 * A time during which a person owned an app (OWNER) or a squad was responsible for it
 * (SQUAD).
 */
record OwnershipPeriod(OwnershipRole role, String name, OffsetDateTime since, OffsetDateTime until) {
}
