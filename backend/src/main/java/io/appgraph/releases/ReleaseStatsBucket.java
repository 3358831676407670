package io.appgraph.releases;

import java.time.OffsetDateTime;

/**
 * Release figures of one UTC calendar bucket.
 *
 * @param start the bucket's start (UTC midnight; a Monday for weeks, the 1st for months,
 * 1 January for years)
 * @param count releases started in the bucket (within the range asked)
 * @param failed those that failed
 * @param rolledBack those rolled back
 * @param failureRate (failed + rolledBack) / finished; 0 when none finished
 * @param deploymentsPerDay succeeded / days of the bucket within the range asked
 * @param leadTimeMedianSeconds median seconds from commit to finish of succeeded releases
 * that carry committedAt (nearest rank); null when none does
 * @param leadTimeP90Seconds their 90th percentile (nearest rank); null when none does
 */
record ReleaseStatsBucket(OffsetDateTime start, int count, int failed, int rolledBack, double failureRate,
        double deploymentsPerDay, Long leadTimeMedianSeconds, Long leadTimeP90Seconds) {
}
