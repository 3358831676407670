package io.appgraph.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.releases.Interval;
import org.springframework.stereotype.Component;

/**
 * Time to restore service, DORA's fourth figure: for the alerts that resolved in each UTC
 * bucket, how long they fired. Buckets are grouped in Cypher (the endsAt index finds the
 * range), so one statement answers however many alerts resolved; percentiles are nearest
 * rank ({@code percentileDisc}), as release statistics count them.
 */
@Component
final class TimeToRestoreQuery {

    private static final String QUERY = """
            MATCH (alert:Alert)
            WHERE alert.endsAt >= $from AND alert.endsAt < $to AND alert.status = 'RESOLVED'
              AND ($severity IS NULL OR alert.severity = $severity)
              AND ($app IS NULL OR EXISTS { (alert)-[:ON]->(:App {name: $app}) })
              AND ($squad IS NULL OR EXISTS { (alert)-[:ON]->(:App)-[:OWNED_BY]->(:Squad {name: $squad}) })
            WITH datetime.truncate($unit, alert.endsAt) AS bucket,
                 duration.inSeconds(alert.startsAt, alert.endsAt).seconds AS seconds
            RETURN bucket, count(*) AS restored, percentileDisc(seconds, 0.5) AS median,
                   percentileDisc(seconds, 0.9) AS p90
            """;

    private final Cypher cypher;

    TimeToRestoreQuery(Cypher cypher) {
        this.cypher = cypher;
    }

    List<TimeToRestoreBucket> buckets(OffsetDateTime from, OffsetDateTime to, Interval interval, String squad,
            String app, String severity) {
        if (!from.isBefore(to)) {
            throw new InvalidArgumentException("to (%s) must be after from (%s)".formatted(to, from));
        }
        Instant start = from.toInstant();
        List<Instant> buckets = interval.buckets(start, to.toInstant());
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", from.withOffsetSameInstant(ZoneOffset.UTC));
        parameters.put("to", to.withOffsetSameInstant(ZoneOffset.UTC));
        parameters.put("unit", switch (interval) {
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
            case YEAR -> "year";
        });
        parameters.put("squad", blankToNull(squad));
        parameters.put("app", blankToNull(app));
        parameters.put("severity", blankToNull(severity));
        Map<Instant, TimeToRestoreBucket> found = new HashMap<>();
        this.cypher.list(QUERY, parameters, r -> {
            Instant bucket = r.get("bucket").asZonedDateTime().toInstant();
            return found.put(bucket, new TimeToRestoreBucket(bucket.atOffset(ZoneOffset.UTC), r.get("restored").asInt(),
                    minutes(r.get("median").asLong()), minutes(r.get("p90").asLong())));
        });
        List<TimeToRestoreBucket> answer = new ArrayList<>(buckets.size());
        for (Instant bucket : buckets) {
            answer.add(found.getOrDefault(bucket,
                    new TimeToRestoreBucket(bucket.atOffset(ZoneOffset.UTC), 0, null, null)));
        }
        return answer;
    }

    // Whole minutes, rounded half up: an alert that fired 90 seconds took 2.
    private static Integer minutes(long seconds) {
        return (int) ((seconds + 30) / 60);
    }

    private static String blankToNull(String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }

    /**
     * Time to restore in one bucket.
     *
     * @param start the bucket's start
     * @param restored alerts that resolved in it
     * @param medianMinutes median firing-to-resolved minutes, null when none resolved
     * @param p90Minutes the 90th percentile of the same
     */
    record TimeToRestoreBucket(OffsetDateTime start, int restored, Integer medianMinutes, Integer p90Minutes) {
    }

}
