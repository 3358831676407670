package io.appgraph.releases;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * Release counts and DORA figures per UTC calendar bucket. An app's or a squad's are
 * counted from their releases started in {@code [from, to)}, grouped by UTC day in
 * Cypher; the estate's whole days are read from the day rollups ({@link ReleaseRollups}),
 * so a year costs a few hundred small nodes, not every release in it. Java rolls days
 * into buckets, adds the empty ones and the percentiles.
 *
 * <p>
 * A release counts in the bucket its {@code startedAt} falls in, and only when that is
 * inside {@code [from, to)}: the first and last buckets may be partial, and their
 * {@code deploymentsPerDay} divides by the part of the bucket inside the range.
 */
@Component
final class ReleaseStatsQuery {

    private static final long DAY_MILLIS = 86_400_000L;

    // Grouped by UTC day with integer arithmetic on epoch milliseconds (the same instant
    // whatever zone a value was stored in; far cheaper per release than building and
    // truncating date-times); Java rolls the days up into weeks, months and years.
    private static final String STATS = """
            MATCH %%s
            WHERE release.startedAt >= $from AND release.startedAt < $to
            %s\
            RETURN day, count, failed, rolledBack, succeeded, finished, leadTimes
            """
        .formatted(ReleaseRollups.COUNT_BY_DAY.formatted("(release.startedAt.epochMillis - $origin) / 86400000"));

    private final Cypher cypher;

    private final ReleaseRollups rollups;

    ReleaseStatsQuery(Cypher cypher, ReleaseRollups rollups) {
        this.cypher = cypher;
        this.rollups = rollups;
    }

    List<ReleaseStatsBucket> stats(OffsetDateTime from, OffsetDateTime to, Interval interval, String squad,
            String app) {
        Instant start = from.toInstant();
        Instant end = to.toInstant();
        if (!start.isBefore(end)) {
            throw new InvalidArgumentException("from (%s) must be before to (%s)".formatted(from, to));
        }
        List<Instant> buckets = buckets(start, end, interval);
        Map<Instant, Counts> counted = new HashMap<>();
        if (blankToNull(app) == null && blankToNull(squad) == null) {
            // The estate's whole days come from the day rollups; only a partial day at
            // either end is counted from its releases.
            Instant firstDay = truncate(start, Interval.DAY).equals(start) ? start
                    : truncate(start, Interval.DAY).plus(1, ChronoUnit.DAYS);
            Instant endDay = truncate(end, Interval.DAY);
            if (firstDay.isBefore(endDay)) {
                countReleases(start, firstDay, interval, null, null, counted);
                countDays(firstDay, endDay, interval, counted);
                countReleases(endDay, end, interval, null, null, counted);
            }
            else {
                countReleases(start, end, interval, null, null, counted);
            }
        }
        else {
            countReleases(start, end, interval, squad, app, counted);
        }
        List<ReleaseStatsBucket> stats = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Instant bucketStart = buckets.get(i);
            Instant bucketEnd = next(bucketStart, interval);
            Instant spanStart = bucketStart.isBefore(start) ? start : bucketStart;
            Instant spanEnd = bucketEnd.isAfter(end) ? end : bucketEnd;
            double days = Duration.between(spanStart, spanEnd).toMillis() / (double) DAY_MILLIS;
            stats.add(counted.getOrDefault(bucketStart, new Counts()).bucket(bucketStart, days));
        }
        return stats;
    }

    private void countReleases(Instant from, Instant to, Interval interval, String squad, String app,
            Map<Instant, Counts> counted) {
        if (!from.isBefore(to)) {
            return;
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", from.atOffset(ZoneOffset.UTC));
        parameters.put("to", to.atOffset(ZoneOffset.UTC));
        long origin = truncate(from, Interval.DAY).toEpochMilli();
        parameters.put("origin", origin);
        parameters.put("app", blankToNull(app));
        parameters.put("squad", blankToNull(squad));
        this.cypher.list(STATS.formatted(pattern(app, squad)), parameters, r -> {
            Instant day = Instant.ofEpochMilli(origin + r.get("day").asLong() * DAY_MILLIS);
            Counts counts = counted.computeIfAbsent(truncate(day, interval), bucket -> new Counts());
            counts.add(r);
            counts.addLeadTimes(r.get("leadTimes"));
            return null;
        });
    }

    private void countDays(Instant from, Instant to, Interval interval, Map<Instant, Counts> counted) {
        LocalDate fromDay = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate toDay = to.atOffset(ZoneOffset.UTC).toLocalDate();
        for (Record r : this.rollups.days(fromDay, toDay)) {
            Instant day = r.get("day").asLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
            Counts counts = counted.computeIfAbsent(truncate(day, interval), bucket -> new Counts());
            // The day's shards, summed.
            counts.add(r);
            // Per shard of the day, its pages of lead times.
            r.get("leadTimes").values().forEach(pages -> pages.values().forEach(counts::addLeadTimes));
        }
    }

    static List<Instant> buckets(Instant from, Instant to, Interval interval) {
        return interval.buckets(from, to);
    }

    private static Instant truncate(Instant instant, Interval interval) {
        return interval.truncate(instant);
    }

    private static Instant next(Instant bucket, Interval interval) {
        return interval.next(bucket);
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
    static Long nearestRank(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percentile * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

    /** One bucket's counts as its days are added to it. */
    private static final class Counts {

        private int count;

        private int failed;

        private int rolledBack;

        private int succeeded;

        private int finished;

        // Primitive, and sorted once: a year of the estate holds about a million.
        private long[] leadTimes = new long[16];

        private int leadTimeCount;

        /** Adds a day's counts, from a record of the statistics or of the rollups. */
        void add(Record r) {
            this.count += r.get("count").asInt();
            this.failed += r.get("failed").asInt();
            this.rolledBack += r.get("rolledBack").asInt();
            this.succeeded += r.get("succeeded").asInt();
            this.finished += r.get("finished").asInt();
        }

        void addLeadTimes(Value leadTimes) {
            int size = leadTimes.size();
            if (this.leadTimeCount + size > this.leadTimes.length) {
                this.leadTimes = Arrays.copyOf(this.leadTimes,
                        Math.max(this.leadTimes.length * 2, this.leadTimeCount + size));
            }
            for (int i = 0; i < size; i++) {
                this.leadTimes[this.leadTimeCount++] = leadTimes.get(i).asLong();
            }
        }

        ReleaseStatsBucket bucket(Instant start, double days) {
            long[] sorted = Arrays.copyOf(this.leadTimes, this.leadTimeCount);
            Arrays.sort(sorted);
            double failureRate = (this.finished == 0) ? 0 : (double) (this.failed + this.rolledBack) / this.finished;
            return new ReleaseStatsBucket(start.atOffset(ZoneOffset.UTC), this.count, this.failed, this.rolledBack,
                    failureRate, this.succeeded / days, nearestRank(sorted, 0.5), nearestRank(sorted, 0.9));
        }

    }

}
