package io.appgraph.releases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * releaseStats: UTC calendar buckets, their edges, and DORA figures on a hand-computed
 * fixture.
 */
class ReleaseStatsIT extends IntegrationTest {

    @Autowired
    private ReleaseRollups rollups;

    private Fixtures estate;

    private ReleaseFixtures releases;

    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
        this.estate.squad("payments").squad("search").person("alice", "payments");
        this.estate.app("payments-api", "payments", "alice")
            .app("ledger", "payments", "alice")
            .app("fx", "search", null);
        this.releases = new ReleaseFixtures(this.estate);
    }

    // On 2 March 2026 (UTC), lead times of succeeded releases with a commit time: 1800 s,
    // 3600 s and 86400 s; r3 succeeded without one; r4 failed and r5 was rolled back
    // (their commit times do not count); r6 is still running.
    private void dayOfReleases() {
        this.releases
            .release("r1", "payments-api", "SUCCEEDED", "2026-03-02T10:00:00Z", "2026-03-02T10:10:00Z",
                    "2026-03-02T09:10:00Z")
            .release("r2", "payments-api", "SUCCEEDED", "2026-03-02T11:00:00Z", "2026-03-02T11:05:00Z",
                    "2026-03-01T11:05:00Z")
            .release("r3", "ledger", "SUCCEEDED", "2026-03-02T11:30:00Z", "2026-03-02T11:35:00Z", null)
            .release("r4", "ledger", "FAILED", "2026-03-02T12:00:00Z", "2026-03-02T12:03:00Z", "2026-03-02T11:00:00Z")
            .release("r5", "payments-api", "ROLLED_BACK", "2026-03-02T14:00:00Z", "2026-03-02T14:20:00Z",
                    "2026-03-02T13:00:00Z")
            .release("r6", "payments-api", "IN_PROGRESS", "2026-03-02T23:00:00Z", null, null)
            .release("r7", "fx", "SUCCEEDED", "2026-03-02T13:00:00Z", "2026-03-02T13:30:00Z", "2026-03-02T13:00:00Z");
    }

    @Test
    void doraFiguresOfADayAndAnEmptyDay() {
        dayOfReleases();

        List<Bucket> days = stats("2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z", "DAY", null, null);

        assertThat(days).hasSize(2);
        Bucket busy = days.get(0);
        assertThat(busy.start()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(busy.count()).isEqualTo(7);
        assertThat(busy.failed()).isEqualTo(1);
        assertThat(busy.rolledBack()).isEqualTo(1);
        assertThat(busy.failureRate()).isCloseTo(2.0 / 6, within(1e-9));
        assertThat(busy.deploymentsPerDay()).isCloseTo(4.0, within(1e-9));
        assertThat(busy.leadTimeMedianSeconds()).isEqualTo(3600);
        assertThat(busy.leadTimeP90Seconds()).isEqualTo(86400);
        assertThat(days.get(1))
            .isEqualTo(new Bucket(Instant.parse("2026-03-03T00:00:00Z"), 0, 0, 0, 0.0, 0.0, null, null));
    }

    @Test
    void theWriterCountsTheEstatesDaysAsARebuildDoes() {
        // The day of releases above, as pipelines report it: r4 finishes before it
        // starts, r2 is reported twice, r6 is still running.
        start("r1", "payments-api", "2026-03-02T10:00:00Z", "2026-03-02T09:10:00Z");
        finish("r1", "SUCCEEDED", "2026-03-02T10:10:00Z");
        start("r2", "payments-api", "2026-03-02T11:00:00Z", "2026-03-01T11:05:00Z");
        finish("r2", "SUCCEEDED", "2026-03-02T11:05:00Z");
        finish("r2", "SUCCEEDED", "2026-03-02T11:05:00Z");
        start("r3", "ledger", "2026-03-02T11:30:00Z", null);
        finish("r3", "SUCCEEDED", "2026-03-02T11:35:00Z");
        finish("r4", "FAILED", "2026-03-02T12:03:00Z");
        start("r4", "ledger", "2026-03-02T12:00:00Z", "2026-03-02T11:00:00Z");
        start("r5", "payments-api", "2026-03-02T14:00:00Z", "2026-03-02T13:00:00Z");
        finish("r5", "ROLLED_BACK", "2026-03-02T14:20:00Z");
        start("r6", "payments-api", "2026-03-02T23:00:00Z", null);
        start("r7", "fx", "2026-03-02T13:00:00Z", "2026-03-02T13:00:00Z");
        finish("r7", "SUCCEEDED", "2026-03-02T13:30:00Z");

        List<Bucket> written = query("2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z", "DAY", null, null);
        List<Bucket> rebuilt = stats("2026-03-01T00:00:00Z", "2026-03-04T00:00:00Z", "DAY", null, null);

        assertThat(written).extracting(Bucket::count).containsExactly(0, 7, 0);
        Bucket busy = written.get(1);
        assertThat(busy.failed()).isEqualTo(1);
        assertThat(busy.rolledBack()).isEqualTo(1);
        assertThat(busy.failureRate()).isCloseTo(2.0 / 6, within(1e-9));
        assertThat(busy.leadTimeMedianSeconds()).isEqualTo(3600);
        assertThat(busy.leadTimeP90Seconds()).isEqualTo(86400);
        assertThat(rebuilt).isEqualTo(written);
    }

    @Test
    void aBusyDaysLeadTimesArePagedAndTheirPercentilesStayExact() {
        // 300 releases on one day, succeeded with lead times of 1 to 300 minutes, counted
        // as
        // the writer counts them: in groups of 50, all in one shard.
        List<ReleaseRollups.Change> changes = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            OffsetDateTime startedAt = OffsetDateTime.parse("2026-03-02T12:00:00Z").plusSeconds(i);
            OffsetDateTime finishedAt = startedAt.plusMinutes(5);
            Release release = new Release("busy-" + i, "payments-api", null, null, null, "prod",
                    ReleaseStatus.SUCCEEDED, startedAt, finishedAt, finishedAt.minusMinutes(i), null);
            this.releases.release(release.externalId(), "payments-api", "SUCCEEDED", startedAt.toString(),
                    finishedAt.toString(), finishedAt.minusMinutes(i).toString());
            changes.add(new ReleaseRollups.Change(ReleaseEventCommitted.Kind.STARTED, release));
            changes.add(new ReleaseRollups.Change(ReleaseEventCommitted.Kind.FINISHED, release));
        }
        for (int group = 0; group < 300; group += 50) {
            List<ReleaseRollups.Change> counted = changes.subList(2 * group, 2 * group + 100);
            try (var session = this.driver.session()) {
                session.executeWriteWithoutResult(
                        tx -> tx.run(ReleaseRollups.ADD_STEP, Map.of("days", ReleaseRollups.deltas(counted, 3)))
                            .consume());
            }
        }
        cypher("MERGE (:__ReleaseRollups)");

        List<Bucket> written = query("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", null, null);
        long pages = count("MATCH (:ReleaseDay {shard: 3})-[:LEAD_TIMES]->(page) RETURN count(page)");
        long largestPage = count("MATCH (:ReleaseDay)-[:LEAD_TIMES]->(page) RETURN max(size(page.values))");
        List<Bucket> rebuilt = stats("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", null, null);

        // Nearest rank: the 150th and the 270th of 300.
        assertThat(written).extracting(Bucket::count).containsExactly(300);
        assertThat(written.get(0).leadTimeMedianSeconds()).isEqualTo(150 * 60);
        assertThat(written.get(0).leadTimeP90Seconds()).isEqualTo(270 * 60);
        // A page takes a group's lead times while fewer than 128 are stored before it.
        assertThat(pages).isEqualTo(2);
        assertThat(largestPage).isEqualTo(150);
        assertThat(rebuilt).isEqualTo(written);
        assertThat(count("MATCH (:ReleaseDay)-[:LEAD_TIMES]->(page) RETURN max(size(page.values))"))
            .as("a rebuild fills pages of exactly 128")
            .isEqualTo(128);
    }

    @Test
    void releasesWrittenAroundTheWriterAreCountedWhenTheApplicationIsReadyUnlessAlreadyCounted() {
        dayOfReleases();

        this.rollups.rebuildWhenMissing();
        List<Bucket> counted = query("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", null, null);
        // Counted now: a release written around the writer is not, until the marker goes.
        this.releases.release("late", "fx", "FAILED", "2026-03-02T15:00:00Z", "2026-03-02T15:01:00Z", null);
        this.rollups.rebuildWhenMissing();
        List<Bucket> again = query("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", null, null);
        cypher("MATCH (m:__ReleaseRollups) DELETE m");
        this.rollups.rebuildWhenMissing();
        List<Bucket> recounted = query("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", null, null);

        assertThat(counted).extracting(Bucket::count).containsExactly(7);
        assertThat(again).extracting(Bucket::count).containsExactly(7);
        assertThat(recounted).extracting(Bucket::count).containsExactly(8);
        assertThat(recounted).extracting(Bucket::failed).containsExactly(2);
    }

    @Test
    void aSquadOrAnAppCountsItsOwnReleases() {
        dayOfReleases();

        Bucket payments = stats("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", "payments", null).get(0);
        Bucket ledger = stats("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", null, "ledger").get(0);
        Bucket nobody = stats("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", "no-such-squad", null).get(0);

        assertThat(payments.count()).isEqualTo(6);
        assertThat(payments.failureRate()).isCloseTo(2.0 / 5, within(1e-9));
        assertThat(payments.deploymentsPerDay()).isCloseTo(3.0, within(1e-9));
        assertThat(payments.leadTimeMedianSeconds()).isEqualTo(3600);
        assertThat(ledger.count()).isEqualTo(2);
        assertThat(ledger.failureRate()).isCloseTo(0.5, within(1e-9));
        assertThat(ledger.leadTimeMedianSeconds()).isNull();
        assertThat(nobody.count()).isZero();
    }

    @Test
    void aPartialBucketCountsOnlyTheRangeAndDividesByItsPart() {
        dayOfReleases();

        List<Bucket> afternoon = stats("2026-03-02T12:00:00Z", "2026-03-03T00:00:00Z", "DAY", null, null);

        // r4 (failed), r5 (rolled back), r6 (running), r7 (succeeded, 1800 s) in half a
        // day.
        assertThat(afternoon).singleElement().satisfies(bucket -> {
            assertThat(bucket.start()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
            assertThat(bucket.count()).isEqualTo(4);
            assertThat(bucket.failureRate()).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(bucket.deploymentsPerDay()).isCloseTo(2.0, within(1e-9));
            assertThat(bucket.leadTimeMedianSeconds()).isEqualTo(1800);
            assertThat(bucket.leadTimeP90Seconds()).isEqualTo(1800);
        });
    }

    @Test
    void daysSplitAtUtcMidnight() {
        this.releases.release("before", "fx", "SUCCEEDED", "2026-03-01T23:59:59.999Z", "2026-03-02T00:05:00Z", null)
            .release("at", "fx", "SUCCEEDED", "2026-03-02T00:00:00Z", "2026-03-02T00:05:00Z", null)
            .release("offset", "fx", "FAILED", "2026-03-02T00:30:00+01:00", "2026-03-02T00:40:00+01:00", null);

        List<Bucket> days = stats("2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", "DAY", null, null);

        assertThat(days).extracting(Bucket::start)
            .containsExactly(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"));
        // 00:30+01:00 is 23:30 UTC on the 1st.
        assertThat(days).extracting(Bucket::count).containsExactly(2, 1);
        assertThat(days).extracting(Bucket::failed).containsExactly(1, 0);
    }

    @Test
    void yearsSplitAtUtcNewYear() {
        this.releases.release("old", "fx", "SUCCEEDED", "2025-12-31T23:59:59Z", "2026-01-01T00:01:00Z", null)
            .release("new", "fx", "ROLLED_BACK", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", null)
            .release("later", "fx", "SUCCEEDED", "2026-07-01T00:00:00Z", "2026-07-01T00:01:00Z", null);

        List<Bucket> years = stats("2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "YEAR", null, null);

        assertThat(years).extracting(Bucket::start)
            .containsExactly(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(years).extracting(Bucket::count).containsExactly(1, 2);
        assertThat(years).extracting(Bucket::rolledBack).containsExactly(0, 1);
        assertThat(years.get(0).deploymentsPerDay()).isCloseTo(1.0 / 365, within(1e-12));
        assertThat(years.get(1).failureRate()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirst() {
        // 1 January 2026 is a Thursday; its ISO week began on Monday 29 December 2025.
        this.releases.release("thu", "fx", "SUCCEEDED", "2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z", null)
            .release("sun", "fx", "SUCCEEDED", "2026-01-04T23:59:00Z", "2026-01-05T00:05:00Z", null)
            .release("mon", "fx", "SUCCEEDED", "2026-01-05T00:00:00Z", "2026-01-05T00:05:00Z", null)
            .release("feb", "fx", "SUCCEEDED", "2026-02-01T00:00:00Z", "2026-02-01T00:05:00Z", null);

        List<Bucket> weeks = stats("2026-01-01T00:00:00Z", "2026-01-12T00:00:00Z", "WEEK", null, null);
        List<Bucket> months = stats("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", "MONTH", null, null);

        assertThat(weeks).extracting(Bucket::start)
            .containsExactly(Instant.parse("2025-12-29T00:00:00Z"), Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(weeks).extracting(Bucket::count).containsExactly(2, 1);
        // The first week lies in the range from Thursday on: four days.
        assertThat(weeks.get(0).deploymentsPerDay()).isCloseTo(2.0 / 4, within(1e-9));
        assertThat(weeks.get(1).deploymentsPerDay()).isCloseTo(1.0 / 7, within(1e-9));
        assertThat(months).extracting(Bucket::start)
            .containsExactly(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(months).extracting(Bucket::count).containsExactly(3, 1);
        assertThat(months.get(1).deploymentsPerDay()).isCloseTo(1.0 / 28, within(1e-9));
    }

    @Test
    void aFinishWaitingForItsStartCountsNowhere() {
        this.graphQl.documentName("FinishRelease")
            .variable("input", Map.of("externalId", "early", "outcome", "FAILED", "finishedAt", "2026-03-02T10:00:00Z"))
            .execute();

        assertThat(stats("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "YEAR", null, null)).extracting(Bucket::count)
            .containsExactly(0);
    }

    @Test
    void tooManyBucketsOrAnEmptyRangeAreBadRequests() {
        ReleaseReadsIT.badRequest(request("2020-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "DAY", null, null),
                "more than 2000 buckets");
        ReleaseReadsIT.badRequest(request("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "DAY", null, null),
                "must be before");
        assertThat(stats("2020-01-01T00:00:00Z", "2025-06-23T00:00:00Z", "WEEK", null, null)).hasSize(286);
    }

    /**
     * The statistics once the fixture's releases, written around the writer as the demo
     * writes them, have been counted per day as after a demo load.
     */
    private List<Bucket> stats(String from, String to, String interval, String squad, String app) {
        this.rollups.rebuild();
        return query(from, to, interval, squad, app);
    }

    private List<Bucket> query(String from, String to, String interval, String squad, String app) {
        GraphQlTester.Response response = request(from, to, interval, squad, app).execute();
        response.errors().verify();
        return response.path("releaseStats").entityList(RawBucket.class).get().stream().map(RawBucket::bucket).toList();
    }

    private void start(String externalId, String app, String startedAt, String committedAt) {
        Map<String, Object> input = new HashMap<>();
        input.put("app", app);
        input.put("externalId", externalId);
        input.put("startedAt", startedAt);
        input.put("committedAt", committedAt);
        this.graphQl.documentName("StartRelease")
            .variable("input", input)
            .execute()
            .path("startRelease.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    private void finish(String externalId, String outcome, String finishedAt) {
        this.graphQl.documentName("FinishRelease")
            .variable("input", Map.of("externalId", externalId, "outcome", outcome, "finishedAt", finishedAt))
            .execute()
            .path("finishRelease.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    private GraphQlTester.Request<?> request(String from, String to, String interval, String squad, String app) {
        return this.graphQl.documentName("ReleaseStats")
            .variable("from", from)
            .variable("to", to)
            .variable("interval", interval)
            .variable("squad", squad)
            .variable("app", app);
    }

    record RawBucket(String start, int count, int failed, int rolledBack, double failureRate, double deploymentsPerDay,
            Integer leadTimeMedianSeconds, Integer leadTimeP90Seconds) {

        Bucket bucket() {
            return new Bucket(OffsetDateTime.parse(this.start).toInstant(), this.count, this.failed, this.rolledBack,
                    this.failureRate, this.deploymentsPerDay, this.leadTimeMedianSeconds, this.leadTimeP90Seconds);
        }

    }

    record Bucket(Instant start, int count, int failed, int rolledBack, double failureRate, double deploymentsPerDay,
            Integer leadTimeMedianSeconds, Integer leadTimeP90Seconds) {
    }

}
