package io.appgraph.cost;

import java.time.LocalDate;
import java.util.TreeMap;

import io.appgraph.cost.CostSummary.Trend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The trend of a period's daily cost. */
class CostTrendTests {

    @Test
    void aSlopeBeyondFivePercentOfTheMeanOverThePeriodIsATrend() {
        assertThat(CostQueries.trend(days(10, 10, 10, 10))).isEqualTo(Trend.FLAT);
        // +1 a day over 3 days on a mean of 11.5: 26 % up.
        assertThat(CostQueries.trend(days(10, 11, 12, 13))).isEqualTo(Trend.UP);
        assertThat(CostQueries.trend(days(13, 12, 11, 10))).isEqualTo(Trend.DOWN);
        // +0.1 a day over 3 days on a mean of 10.15: 3 %.
        assertThat(CostQueries.trend(days(10, 10.1, 10.2, 10.3))).isEqualTo(Trend.FLAT);
        assertThat(CostQueries.trend(days(10))).isEqualTo(Trend.FLAT);
    }

    private static TreeMap<LocalDate, Double> days(double... totals) {
        TreeMap<LocalDate, Double> days = new TreeMap<>();
        for (int i = 0; i < totals.length; i++) {
            days.put(LocalDate.parse("2026-11-01").plusDays(i), totals[i]);
        }
        return days;
    }

}
