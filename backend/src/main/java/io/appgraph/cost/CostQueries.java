package io.appgraph.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.appgraph.cost.CostBucket.AppCost;
import io.appgraph.cost.CostBucket.UnattributedCost;
import io.appgraph.cost.CostSummary.Trend;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.releases.Interval;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Component;

/**
 * Reads cost from the stored days: per app and day (compute from {@code UsageDay},
 * logging from {@code LogVolumeDay}), summed into the buckets asked for. A squad's cost
 * is that of the apps it owns now. Each read is one statement bounded by the range: a
 * squad's apps' days, or every app's days for the estate.
 */
@Component
final class CostQueries {

    /** The longest range one cost read may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(400);

    private static final String SQUAD_DAYS = """
            MATCH (squad:Squad {name: $squad})<-[:OWNED_BY]-(app:App)
            CALL (app) {
              MATCH (app)<-[:USAGE_OF]-(u:UsageDay) WHERE u.day >= $from AND u.day < $to
              RETURN u.day AS day, u.compute AS compute, 0.0 AS logging
              UNION ALL
              MATCH (app)<-[:OPENCOST_OF]-(o:OpenCostDay) WHERE o.day >= $from AND o.day < $to
              RETURN o.day AS day, o.compute AS compute, 0.0 AS logging
              UNION ALL
              MATCH (app)<-[:LOGS_OF]-(l:LogVolumeDay) WHERE l.day >= $from AND l.day < $to
              RETURN l.day AS day, 0.0 AS compute, l.cost AS logging
            }
            RETURN app.name AS app, day, sum(compute) AS compute, sum(logging) AS logging
            """;

    private static final String ESTATE_DAYS = """
            CALL () {
              MATCH (u:UsageDay) WHERE u.day >= $from AND u.day < $to
              RETURN u.app AS app, u.day AS day, u.compute AS compute, 0.0 AS logging
              UNION ALL
              MATCH (o:OpenCostDay) WHERE o.day >= $from AND o.day < $to
              RETURN o.app AS app, o.day AS day, o.compute AS compute, 0.0 AS logging
              UNION ALL
              MATCH (l:LogVolumeDay) WHERE l.day >= $from AND l.day < $to
              RETURN l.app AS app, l.day AS day, 0.0 AS compute, l.cost AS logging
            }
            RETURN app, day, sum(compute) AS compute, sum(logging) AS logging
            """;

    private static final String UNATTRIBUTED = """
            MATCH (x:UnattributedCostDay) WHERE x.day >= $from AND x.day < $to
            RETURN x.environment AS environment, x.day AS day, x.reason AS reason, x.compute AS compute,
                   x.logging AS logging
            """;

    private final Cypher cypher;

    private final Clock clock;

    CostQueries(Cypher cypher, Clock clock) {
        this.cypher = cypher;
        this.clock = clock;
    }

    List<CostBucket> costs(String squad, OffsetDateTime from, OffsetDateTime to, Interval interval) {
        checkRange(from, to);
        List<Instant> starts = interval.buckets(from.toInstant(), to.toInstant());
        if (starts.isEmpty()) {
            return List.of();
        }
        LocalDate firstDay = day(starts.get(0));
        LocalDate endDay = endDay(to.toInstant());
        List<Map<String, AppCost>> apps = new ArrayList<>();
        List<Map<String, UnattributedCost>> unattributed = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            apps.add(new HashMap<>());
            unattributed.add(new LinkedHashMap<>());
        }
        for (Record r : days(squad, firstDay, endDay)) {
            int bucket = bucket(starts, r.get("day").asLocalDate());
            if (bucket < 0) {
                continue;
            }
            String app = r.get("app").asString();
            double compute = r.get("compute").asDouble();
            double logging = r.get("logging").asDouble();
            apps.get(bucket)
                .merge(app, new AppCost(app, compute, logging, compute + logging), (a, b) -> new AppCost(app,
                        a.compute() + b.compute(), a.logging() + b.logging(), a.total() + b.total()));
        }
        if (squad == null) {
            for (Record r : this.cypher.list(UNATTRIBUTED, Map.of("from", firstDay, "to", endDay), r -> r)) {
                int bucket = bucket(starts, r.get("day").asLocalDate());
                if (bucket < 0) {
                    continue;
                }
                String environment = r.get("environment").asString();
                String reason = r.get("reason").asString();
                UnattributedCost cost = new UnattributedCost(environment, r.get("compute").asDouble(0),
                        r.get("logging").asDouble(0), reason);
                unattributed.get(bucket)
                    .merge(environment + "\u0000" + reason, cost, (a, b) -> new UnattributedCost(environment,
                            a.compute() + b.compute(), a.logging() + b.logging(), reason));
            }
        }
        List<CostBucket> buckets = new ArrayList<>();
        Double previous = null;
        for (int i = 0; i < starts.size(); i++) {
            List<AppCost> shares = new ArrayList<>(apps.get(i).values());
            shares.sort(Comparator.comparingDouble(AppCost::total).reversed().thenComparing(AppCost::appName));
            double compute = shares.stream().mapToDouble(AppCost::compute).sum();
            double logging = shares.stream().mapToDouble(AppCost::logging).sum();
            double total = compute + logging;
            Double change = (previous != null && previous > 0) ? total / previous - 1 : null;
            buckets.add(new CostBucket(starts.get(i).atOffset(ZoneOffset.UTC), compute, logging, total, change, shares,
                    List.copyOf(unattributed.get(i).values())));
            previous = total;
        }
        return buckets;
    }

    CostSummary summary(String squad, OffsetDateTime from, OffsetDateTime to) {
        checkRange(from, to);
        Duration length = Duration.between(from, to);
        OffsetDateTime before = from.minus(length);
        LocalDate firstDay = day(before.toInstant());
        LocalDate periodDay = day(from.toInstant());
        LocalDate endDay = endDay(to.toInstant());
        TreeMap<LocalDate, Double> daily = new TreeMap<>();
        double compute = 0;
        double logging = 0;
        double previous = 0;
        for (Record r : days(squad, firstDay, endDay)) {
            LocalDate day = r.get("day").asLocalDate();
            double c = r.get("compute").asDouble();
            double l = r.get("logging").asDouble();
            if (day.isBefore(periodDay)) {
                previous += c + l;
            }
            else {
                compute += c;
                logging += l;
                daily.merge(day, c + l, Double::sum);
            }
        }
        double total = compute + logging;
        return new CostSummary(from, to, compute, logging, total, previous, previous > 0 ? total / previous - 1 : null,
                trend(daily));
    }

    /**
     * The trend of daily totals: the least-squares slope over the period, as a share of
     * the daily mean over the whole period; beyond 5 % either way it goes up or down.
     */
    static Trend trend(TreeMap<LocalDate, Double> daily) {
        if (daily.size() < 2) {
            return Trend.FLAT;
        }
        LocalDate first = daily.firstKey();
        double n = daily.size();
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumXX = 0;
        for (Map.Entry<LocalDate, Double> day : daily.entrySet()) {
            double x = first.until(day.getKey()).getDays();
            double y = day.getValue();
            sumX += x;
            sumY += y;
            sumXY += x * y;
            sumXX += x * x;
        }
        double denominator = n * sumXX - sumX * sumX;
        double mean = sumY / n;
        if (denominator == 0 || mean == 0) {
            return Trend.FLAT;
        }
        double slope = (n * sumXY - sumX * sumY) / denominator;
        double span = first.until(daily.lastKey()).getDays();
        double change = slope * span / mean;
        return (change > 0.05) ? Trend.UP : (change < -0.05) ? Trend.DOWN : Trend.FLAT;
    }

    private List<Record> days(String squad, LocalDate from, LocalDate to) {
        if (squad == null) {
            return this.cypher.list(ESTATE_DAYS, Map.of("from", from, "to", to), r -> r);
        }
        return this.cypher.list(SQUAD_DAYS, Map.of("squad", squad, "from", from, "to", to), r -> r);
    }

    private static void checkRange(OffsetDateTime from, OffsetDateTime to) {
        if (!from.isBefore(to)) {
            throw new InvalidArgumentException("from (%s) must be before to (%s)".formatted(from, to));
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidArgumentException("from %s to %s is longer than %d days: ask for a shorter range"
                .formatted(from, to, MAX_RANGE.toDays()));
        }
    }

    private static int bucket(List<Instant> starts, LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        int found = Collections.binarySearch(starts, start);
        return (found >= 0) ? found : -found - 2;
    }

    private static LocalDate day(Instant instant) {
        return ClusterUsage.dayOf(instant);
    }

    /** The first day not covered by a range ending (exclusive) at {@code to}. */
    private static LocalDate endDay(Instant to) {
        LocalDate day = day(to);
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(to) ? day : day.plusDays(1);
    }

}
