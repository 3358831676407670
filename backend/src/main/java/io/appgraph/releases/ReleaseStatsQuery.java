package io.appgraph.releases;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import org.springframework.stereotype.Component;

/**
 * Release counts and DORA figures per UTC calendar bucket, computed from the releases
 * themselves (no stored rollups): one pass over the releases started in
 * {@code [from, to)} (a range read of the {@code startedAt} index, or the app's or
 * squad's releases), grouped by UTC day in Cypher; Java rolls days into buckets, adds the
 * empty ones and the percentiles.
 *
 * <p>
 * A release counts in the bucket its {@code startedAt} falls in, and only when that is
 * inside {@code [from, to)}: the first and last buckets may be partial, and their
 * {@code deploymentsPerDay} divides by the part of the bucket inside the range.
 */
@Component
final class ReleaseStatsQuery {

    static final int MAX_BUCKETS = 2000;

    private static final long DAY_MILLIS = 86_400_000L;

    // Grouped by UTC day with integer arithmetic on epoch milliseconds (the same instant
    // whatever zone a value was stored in; far cheaper per release than building and
    // truncating date-times); Java rolls the days up into weeks, months and years.
    private static final String STATS = """
            MATCH %s
            WHERE release.startedAt >= $from AND release.startedAt < $to
            WITH (release.startedAt.epochMillis - $origin) / 86400000 AS day, release.status AS status,
                 CASE WHEN release.status = 'SUCCEEDED'
                      THEN (release.finishedAt.epochMillis - release.committedAt.epochMillis) / 1000 END AS leadTime
            RETURN day,
                   count(*) AS count,
                   count(CASE WHEN status = 'FAILED' THEN 1 END) AS failed,
                   count(CASE WHEN status = 'ROLLED_BACK' THEN 1 END) AS rolledBack,
                   count(CASE WHEN status = 'SUCCEEDED' THEN 1 END) AS succeeded,
                   count(CASE WHEN status IN ['SUCCEEDED', 'FAILED', 'ROLLED_BACK'] THEN 1 END) AS finished,
                   collect(leadTime) AS leadTimes
            """;

    private final Cypher cypher;

    ReleaseStatsQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    List<ReleaseStatsBucket> stats(OffsetDateTime from, OffsetDateTime to, Interval interval, String squad,
            String app) {
        Instant start = from.toInstant();
        Instant end = to.toInstant();
        if (!start.isBefore(end)) {
            throw new InvalidArgumentException("from (%s) must be before to (%s)".formatted(from, to));
        }
        List<Instant> buckets = buckets(start, end, interval);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", from.withOffsetSameInstant(ZoneOffset.UTC));
        parameters.put("to", to.withOffsetSameInstant(ZoneOffset.UTC));
        long origin = truncate(start, Interval.DAY).toEpochMilli();
        parameters.put("origin", origin);
        parameters.put("app", blankToNull(app));
        parameters.put("squad", blankToNull(squad));
        Map<Instant, Counts> counted = new HashMap<>();
        this.cypher.list(STATS.formatted(pattern(app, squad)), parameters, r -> {
            Instant day = Instant.ofEpochMilli(origin + r.get("day").asLong() * DAY_MILLIS);
            counted.merge(truncate(day, interval),
                    new Counts(r.get("count").asInt(), r.get("failed").asInt(), r.get("rolledBack").asInt(),
                            r.get("succeeded").asInt(), r.get("finished").asInt(),
                            r.get("leadTimes").asList(v -> v.asLong())),
                    Counts::plus);
            return null;
        });
        List<ReleaseStatsBucket> stats = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Instant bucketStart = buckets.get(i);
            Instant bucketEnd = next(bucketStart, interval);
            Instant spanStart = bucketStart.isBefore(start) ? start : bucketStart;
            Instant spanEnd = bucketEnd.isAfter(end) ? end : bucketEnd;
            double days = Duration.between(spanStart, spanEnd).toMillis() / (double) DAY_MILLIS;
            stats.add(counted.getOrDefault(bucketStart, Counts.NONE).bucket(bucketStart, days));
        }
        return stats;
    }

    /**
     * The UTC calendar buckets that cover {@code [from, to)}: the first holds
     * {@code from}, the last starts before {@code to}.
     */
    static List<Instant> buckets(Instant from, Instant to, Interval interval) {
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = truncate(from, interval); bucket.isBefore(to); bucket = next(bucket, interval)) {
            if (buckets.size() == MAX_BUCKETS) {
                throw new InvalidArgumentException(
                        "from %s to %s by %s is more than %d buckets: choose a longer interval or a shorter range"
                            .formatted(from, to, interval, MAX_BUCKETS));
            }
            buckets.add(bucket);
        }
        return buckets;
    }

    static Instant truncate(Instant instant, Interval interval) {
        OffsetDateTime day = instant.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        OffsetDateTime start = switch (interval) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
        return start.toInstant();
    }

    private static Instant next(Instant bucket, Interval interval) {
        OffsetDateTime start = bucket.atOffset(ZoneOffset.UTC);
        OffsetDateTime next = switch (interval) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case YEAR -> start.plusYears(1);
        };
        return next.toInstant();
    }

    private static String pattern(String app, String squad) {
        if (blankToNull(app) != null && blankToNull(squad) != null) {
            return "(release:Release)-[:OF]->(:App {name: $app})-[:OWNED_BY]->(:Squad {name: $squad})";
        }
        if (blankToNull(app) != null) {
            return "(release:Release)-[:OF]->(:App {name: $app})";
        }
        if (blankToNull(squad) != null) {
            return "(release:Release)-[:OF]->(:App)-[:OWNED_BY]->(:Squad {name: $squad})";
        }
        return "(release:Release)";
    }

    /**
     * The value at rank ceil(p × n) of the sorted values (nearest rank); null when there
     * are none.
     */
    static Long nearestRank(List<Long> sorted, double percentile) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percentile * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

    private record Counts(int count, int failed, int rolledBack, int succeeded, int finished, List<Long> leadTimes) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0, List.of());

        Counts plus(Counts other) {
            List<Long> both = new ArrayList<>(this.leadTimes);
            both.addAll(other.leadTimes);
            return new Counts(this.count + other.count, this.failed + other.failed, this.rolledBack + other.rolledBack,
                    this.succeeded + other.succeeded, this.finished + other.finished, both);
        }

        ReleaseStatsBucket bucket(Instant start, double days) {
            List<Long> sorted = this.leadTimes.stream().sorted().toList();
            double failureRate = (this.finished == 0) ? 0 : (double) (this.failed + this.rolledBack) / this.finished;
            return new ReleaseStatsBucket(start.atOffset(ZoneOffset.UTC), this.count, this.failed, this.rolledBack,
                    failureRate, this.succeeded / days, nearestRank(sorted, 0.5), nearestRank(sorted, 0.9));
        }

    }

}
