package io.appgraph.releases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.appgraph.platform.Cypher;
import io.appgraph.releases.ReleaseEventCommitted.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Release counts per UTC day, kept beside the releases so that the estate's statistics
 * over a year read a few hundred small nodes instead of every release in it.
 *
 * <p>
 * {@code (:ReleaseDay {day, shard})} holds, for the releases that started on that UTC day
 * and were counted in that shard, how many started ({@code count}) and how many finished
 * and how ({@code finished}, {@code succeeded}, {@code failed}, {@code rolledBack}). Each
 * successful release's lead time in seconds is kept too, so that percentiles stay exact:
 * in pages under the day ({@code (day)-[:LEAD_TIMES]->(:ReleaseLeadTimes {page,
 * values})}, {@code leadTimeCount} on the day counting them). A group's lead times go on
 * page {@code leadTimeCount / }{@value #LEAD_TIMES_PER_PAGE}, so a page holds fewer than
 * {@value #LEAD_TIMES_PER_PAGE} plus one group's, and a busy day's writes each rewrite
 * one short list rather than all of the day's. The pipeline-event writer adds to them in
 * the transaction that changes the release, all of a group's changes of one day in one
 * shard; shards keep concurrent groups off one node's lock. A release's outcome is final
 * once recorded, so counts only ever grow.
 *
 * <p>
 * Releases written around the writer (the demo estate, databases from before the rollups)
 * are counted by {@link #rebuild()}; at start-up the rollups are rebuilt when releases
 * exist but no complete rebuild or writer has counted them (no {@code __ReleaseRollups}
 * marker).
 */
@Component
final class ReleaseRollups {

    static final int SHARDS = 8;

    static final int LEAD_TIMES_PER_PAGE = 128;

    private static final Log log = LogFactory.getLog(ReleaseRollups.class);

    /**
     * Adds the deltas of parameter {@code $days} ({@link #deltas}) to the day nodes: a
     * step (a unit subquery) of the writer's own statement.
     */
    static final String ADD_STEP = """
            CALL () {
              UNWIND $days AS delta
              MERGE (day:ReleaseDay {day: delta.day, shard: delta.shard})
                ON CREATE SET day.count = 0, day.finished = 0, day.succeeded = 0, day.failed = 0, day.rolledBack = 0,
                              day.leadTimeCount = 0
              SET day.count = day.count + delta.count,
                  day.finished = day.finished + delta.finished,
                  day.succeeded = day.succeeded + delta.succeeded,
                  day.failed = day.failed + delta.failed,
                  day.rolledBack = day.rolledBack + delta.rolledBack
              WITH day, delta, coalesce(day.leadTimeCount, 0) AS stored
              WHERE size(delta.leadTimes) > 0
              MERGE (day)-[:LEAD_TIMES]->(page:ReleaseLeadTimes {page: stored / %1$d})
                ON CREATE SET page.values = []
              SET page.values = page.values + delta.leadTimes,
                  day.leadTimeCount = stored + size(delta.leadTimes)
            }
            """.formatted(LEAD_TIMES_PER_PAGE);

    // Full days only: a partial day at either end of a range is counted from its
    // releases.
    private static final String READ = """
            MATCH (day:ReleaseDay)
            WHERE day.day >= $fromDay AND day.day < $toDay
            WITH day, COLLECT { MATCH (day)-[:LEAD_TIMES]->(page:ReleaseLeadTimes) RETURN page.values } AS pages
            RETURN day.day AS day, sum(day.count) AS count, sum(day.failed) AS failed, sum(day.rolledBack) AS rolledBack,
                   sum(day.succeeded) AS succeeded, sum(day.finished) AS finished, collect(pages) AS leadTimes
            """;

    private static final String STATE = """
            RETURN EXISTS { MATCH (:__ReleaseRollups) } AS built,
                   EXISTS { MATCH (release:Release) WHERE release.startedAt IS NOT NULL } AS releases,
                   COLLECT { MATCH (release:Release) WHERE release.startedAt IS NOT NULL
                             RETURN release.startedAt ORDER BY release.startedAt LIMIT 1 } AS first,
                   COLLECT { MATCH (release:Release) WHERE release.startedAt IS NOT NULL
                             RETURN release.startedAt ORDER BY release.startedAt DESC LIMIT 1 } AS last
            """;

    private static final String FORGET = """
            MATCH (marker:__ReleaseRollups) DELETE marker
            """;

    private static final String DELETE_DAYS = """
            MATCH (day:ReleaseDay)
            WITH day LIMIT 2000
            CALL (day) {
              MATCH (day)-[:LEAD_TIMES]->(page:ReleaseLeadTimes)
              DETACH DELETE page
            }
            DELETE day
            RETURN count(*) AS deleted
            """;

    /**
     * Counts the rows of {@code release} per day, as the rollups and the statistics hold
     * them: {@code %s} is the expression of a release's day. Ends with a WITH of day,
     * count, failed, rolledBack, succeeded, finished and leadTimes.
     */
    static final String COUNT_BY_DAY = """
            WITH %s AS day, release.status AS status,
                 CASE WHEN release.status = 'SUCCEEDED'
                      THEN (release.finishedAt.epochMillis - release.committedAt.epochMillis) / 1000 END AS leadTime
            WITH day,
                 count(*) AS count,
                 count(CASE WHEN status = 'FAILED' THEN 1 END) AS failed,
                 count(CASE WHEN status = 'ROLLED_BACK' THEN 1 END) AS rolledBack,
                 count(CASE WHEN status = 'SUCCEEDED' THEN 1 END) AS succeeded,
                 count(CASE WHEN status IN ['SUCCEEDED', 'FAILED', 'ROLLED_BACK'] THEN 1 END) AS finished,
                 collect(leadTime) AS leadTimes
            """;

    // One UTC month of releases at a time, so no transaction holds a year of them; the
    // day is taken from epoch milliseconds, the same instant whatever offset was stored.
    private static final String COUNT_MONTH = """
            MATCH (release:Release)
            WHERE release.startedAt >= $from AND release.startedAt < $to
            %1$s\
            CREATE (counted:ReleaseDay {day: day, shard: 0, count: count, failed: failed, rolledBack: rolledBack,
                                        succeeded: succeeded, finished: finished, leadTimeCount: size(leadTimes)})
            WITH counted, leadTimes
            CALL (counted, leadTimes) {
              UNWIND range(0, size(leadTimes) - 1, %2$d) AS first
              CREATE (counted)-[:LEAD_TIMES]->(:ReleaseLeadTimes {page: first / %2$d,
                                                                  values: leadTimes[first..first + %2$d]})
            }
            RETURN count(*) AS days
            """.formatted(COUNT_BY_DAY.formatted("date(datetime({epochMillis: release.startedAt.epochMillis}))"),
            LEAD_TIMES_PER_PAGE);

    private static final String MARK = """
            MERGE (marker:__ReleaseRollups)
            SET marker.builtAt = $now
            """;

    private final Cypher cypher;

    ReleaseRollups(Cypher cypher) {
        this.cypher = cypher;
    }

    /**
     * What the given changes of committed-to-be releases add to the day nodes: the
     * {@code $days} parameter of {@link #ADD_STEP}, sorted by day, so that concurrent
     * writers take the day nodes' locks in one order. A group's changes of one day go to
     * one shard, so a group locks one node per day, and two concurrent groups meet on one
     * only when their shards happen to match.
     * @param shard the group's shard, from 0 to {@link #SHARDS} - 1
     */
    static List<Map<String, Object>> deltas(List<Change> changes, int shard) {
        Map<LocalDate, Delta> deltas = new TreeMap<>();
        for (Change change : changes) {
            Release release = change.release();
            LocalDate day = release.startedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            deltas.computeIfAbsent(day, key -> new Delta(day, shard)).count(change.kind(), release);
        }
        return deltas.values().stream().map(Delta::row).toList();
    }

    /**
     * The counted days in {@code [fromDay, toDay)}, each with its releases' counts and
     * lead times.
     */
    List<Record> days(LocalDate fromDay, LocalDate toDay) {
        return this.cypher.list(READ, Map.of("fromDay", fromDay, "toDay", toDay), r -> r);
    }

    /**
     * Counts every stored release afresh: deletes the day nodes, then counts one UTC
     * month of releases per transaction. Reads meanwhile see partial counts; run it when
     * the releases were written around the writer, before the statistics are read.
     */
    void rebuild() {
        long started = System.nanoTime();
        this.cypher.write(tx -> this.cypher.run(tx, FORGET, Map.of()));
        while (this.cypher.write(tx -> this.cypher.run(tx, DELETE_DAYS, Map.of()).get(0).get("deleted").asLong()) > 0) {
            // 10,000 at a time
        }
        Record state = this.cypher.list(STATE, Map.of(), r -> r).get(0);
        long days = 0;
        if (!state.get("first").asList().isEmpty()) {
            ZonedDateTime first = state.get("first").get(0).asZonedDateTime();
            OffsetDateTime month = first.withZoneSameInstant(ZoneOffset.UTC)
                .toOffsetDateTime()
                .withDayOfMonth(1)
                .toLocalDate()
                .atStartOfDay()
                .atOffset(ZoneOffset.UTC);
            OffsetDateTime end = state.get("last").get(0).asZonedDateTime().toOffsetDateTime();
            for (; !month.isAfter(end); month = month.plusMonths(1)) {
                Map<String, Object> range = Map.of("from", month, "to", month.plusMonths(1));
                days += this.cypher.write(tx -> this.cypher.run(tx, COUNT_MONTH, range).get(0).get("days").asLong());
            }
        }
        this.cypher.write(tx -> this.cypher.run(tx, MARK, Map.of("now", OffsetDateTime.now(ZoneOffset.UTC))));
        log.info("Counted the releases of %d days in %d ms".formatted(days, (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * Rebuilds the rollups once the application is up when releases exist that no rebuild
     * counted; an empty database is marked counted.
     */
    @EventListener(ApplicationReadyEvent.class)
    void rebuildWhenMissing() {
        Record state = this.cypher.list(STATE, Map.of(), r -> r).get(0);
        if (state.get("built").asBoolean()) {
            return;
        }
        if (state.get("releases").asBoolean()) {
            log.info("Releases are stored but not counted per day yet: counting them");
            rebuild();
        }
        else {
            this.cypher.write(tx -> this.cypher.run(tx, MARK, Map.of("now", OffsetDateTime.now(ZoneOffset.UTC))));
        }
    }

    /** A change the writer made to a release, as it stands after the change. */
    record Change(Kind kind, Release release) {
    }

    private static final class Delta {

        private final LocalDate day;

        private final int shard;

        private int count;

        private int finished;

        private int succeeded;

        private int failed;

        private int rolledBack;

        private final List<Long> leadTimes = new ArrayList<>();

        Delta(LocalDate day, int shard) {
            this.day = day;
            this.shard = shard;
        }

        void count(Kind kind, Release release) {
            if (kind == Kind.STARTED) {
                this.count++;
                return;
            }
            this.finished++;
            switch (release.status()) {
                case SUCCEEDED -> {
                    this.succeeded++;
                    if (release.committedAt() != null) {
                        this.leadTimes.add((release.finishedAt().toInstant().toEpochMilli()
                                - release.committedAt().toInstant().toEpochMilli()) / 1000);
                    }
                }
                case FAILED -> this.failed++;
                case ROLLED_BACK -> this.rolledBack++;
                default -> {
                }
            }
        }

        Map<String, Object> row() {
            Map<String, Object> row = new HashMap<>();
            row.put("day", this.day);
            row.put("shard", this.shard);
            row.put("count", this.count);
            row.put("finished", this.finished);
            row.put("succeeded", this.succeeded);
            row.put("failed", this.failed);
            row.put("rolledBack", this.rolledBack);
            row.put("leadTimes", this.leadTimes);
            return row;
        }

    }

}
