package io.appgraph.cost;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.releases.Release;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Component;

/**
 * Logging around releases, computed from the stored daily log volumes: the app's mean
 * bytes per day over the {@code days} whole days before its release's finishing day and
 * the same number after it (7, fewer when the release is recent; the finishing day itself
 * is mixed and left out). Released-and-done releases only; null when either side has no
 * volume.
 */
@Component
final class LoggingAroundReleases {

    static final int DAYS = 7;

    private static final String AROUND = """
            UNWIND $releases AS r
            MATCH (app:App {name: r.app})<-[:LOGS_OF]-(l:LogVolumeDay)
            WHERE l.day >= r.from AND l.day <= r.until AND l.day <> r.day
            RETURN r.index AS index,
                   sum(CASE WHEN l.day < r.day THEN l.bytes ELSE 0.0 END) AS bytesBefore,
                   sum(CASE WHEN l.day > r.day THEN l.bytes ELSE 0.0 END) AS bytesAfter,
                   sum(CASE WHEN l.day < r.day THEN l.cost ELSE 0.0 END) AS costBefore,
                   sum(CASE WHEN l.day > r.day THEN l.cost ELSE 0.0 END) AS costAfter,
                   count(CASE WHEN l.day < r.day THEN 1 END) AS daysBefore,
                   count(CASE WHEN l.day > r.day THEN 1 END) AS daysAfter
            """;

    private final Cypher cypher;

    private final Clock clock;

    LoggingAroundReleases(Cypher cypher, Clock clock) {
        this.cypher = cypher;
        this.clock = clock;
    }

    Map<Release, LoggingAroundRelease> around(List<Release> releases) {
        LocalDate today = ClusterUsage.dayOf(this.clock.instant());
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Integer, Integer> spans = new HashMap<>();
        for (int i = 0; i < releases.size(); i++) {
            Release release = releases.get(i);
            if (release.finishedAt() == null) {
                continue;
            }
            LocalDate day = release.finishedAt().atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate();
            int days = (int) Math.min(DAYS, ChronoUnit.DAYS.between(day, today) - 1);
            if (days < 1) {
                continue;
            }
            spans.put(i, days);
            rows.add(Map.of("index", i, "app", release.appName(), "day", day, "from", day.minusDays(days), "until",
                    day.plusDays(days)));
        }
        Map<Release, LoggingAroundRelease> result = new HashMap<>();
        if (rows.isEmpty()) {
            return result;
        }
        for (Record r : this.cypher.list(AROUND, Map.of("releases", rows), r -> r)) {
            if (r.get("daysBefore").asLong() == 0 || r.get("daysAfter").asLong() == 0) {
                continue;
            }
            int index = r.get("index").asInt();
            int days = spans.get(index);
            double costBefore = r.get("costBefore").asDouble() / days;
            double costAfter = r.get("costAfter").asDouble() / days;
            result.put(releases.get(index), new LoggingAroundRelease(days, r.get("bytesBefore").asDouble() / days,
                    r.get("bytesAfter").asDouble() / days, costBefore, costAfter, (costAfter - costBefore) * 30));
        }
        return result;
    }

    /** Logging before and after a release, per day. */
    record LoggingAroundRelease(int days, double bytesPerDayBefore, double bytesPerDayAfter, double costPerDayBefore,
            double costPerDayAfter, double monthlyChange) {
    }

}
