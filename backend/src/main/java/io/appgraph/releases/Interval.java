package io.appgraph.releases;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import io.appgraph.platform.InvalidArgumentException;

/**
 * The length of a statistics bucket, in UTC calendar terms: a day from midnight, an ISO
 * week from Monday, a month from the 1st, a year from 1 January.
 */
public enum Interval {

    DAY, WEEK, MONTH, YEAR;

    /** The most buckets one statistics request may span. */
    public static final int MAX_BUCKETS = 2000;

    /** The start of the bucket {@code instant} falls in. */
    public Instant truncate(Instant instant) {
        OffsetDateTime day = instant.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime start = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
        return start.toInstant();
    }

    /** The start of the bucket after the one starting at {@code bucket}. */
    public Instant next(Instant bucket) {
        OffsetDateTime start = bucket.atOffset(ZoneOffset.UTC);
        OffsetDateTime next = switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
        return next.toInstant();
    }

    /**
     * The buckets that cover {@code [from, to)}: the first holds {@code from}, the last
     * starts before {@code to}.
     * @throws InvalidArgumentException over {@link #MAX_BUCKETS} buckets
     */
    public List<Instant> buckets(Instant from, Instant to) {
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = truncate(from); bucket.isBefore(to); bucket = next(bucket)) {
            if (buckets.size() == MAX_BUCKETS) {
                throw new InvalidArgumentException(
                        "from %s to %s by %s is more than %d buckets: choose a longer interval or a shorter range"
                            .formatted(from, to, this, MAX_BUCKETS));
            }
            buckets.add(bucket);
        }
        return buckets;
    }

}
