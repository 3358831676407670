package io.appgraph.releases;

import java.time.Instant;
import java.util.List;

import io.appgraph.platform.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bucket boundaries and nearest-rank percentiles of the release statistics. */
class ReleaseStatsQueryTests {

    @Test
    void bucketsAreUtcCalendarUnitsCoveringTheRange() {
        assertThat(ReleaseStatsQuery.buckets(Instant.parse("2024-02-28T13:00:00Z"),
                Instant.parse("2024-03-01T00:00:01Z"), Interval.DAY))
            .containsExactly(Instant.parse("2024-02-28T00:00:00Z"), Instant.parse("2024-02-29T00:00:00Z"),
                    Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(ReleaseStatsQuery.buckets(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-05T00:00:00Z"), Interval.WEEK))
            .containsExactly(Instant.parse("2025-12-29T00:00:00Z"));
        assertThat(ReleaseStatsQuery.buckets(Instant.parse("2025-12-31T23:59:59Z"),
                Instant.parse("2026-01-01T00:00:01Z"), Interval.MONTH))
            .containsExactly(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(ReleaseStatsQuery.buckets(Instant.parse("2025-06-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), Interval.YEAR))
            .containsExactly(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void moreThanTwoThousandBucketsAreRefused() {
        assertThat(ReleaseStatsQuery.buckets(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2025-06-23T00:00:00Z"), Interval.DAY))
            .hasSize(2000);
        assertThatThrownBy(() -> ReleaseStatsQuery.buckets(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2025-06-23T00:00:01Z"), Interval.DAY))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageContaining("more than 2000 buckets");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] values = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };

        assertThat(ReleaseStatsQuery.nearestRank(values, 0.5)).isEqualTo(50);
        assertThat(ReleaseStatsQuery.nearestRank(values, 0.9)).isEqualTo(90);
        assertThat(ReleaseStatsQuery.nearestRank(new long[] { 7 }, 0.9)).isEqualTo(7);
        assertThat(ReleaseStatsQuery.nearestRank(new long[] { 1, 2, 3 }, 0.5)).isEqualTo(2);
        assertThat(ReleaseStatsQuery.nearestRank(new long[] { 1, 2 }, 0.5)).isEqualTo(1);
        assertThat(ReleaseStatsQuery.nearestRank(new long[0], 0.5)).isNull();
    }

}
