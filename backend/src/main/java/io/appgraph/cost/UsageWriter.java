package io.appgraph.cost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.cost.ClusterUsage.ContainerDay;
import io.appgraph.cost.ClusterUsage.Rollup;
import io.appgraph.cost.ClusterUsage.UnattributedDay;
import io.appgraph.cost.RightSizingCalculator.Day;
import io.appgraph.cost.RightSizingCalculator.Recommendation;
import io.appgraph.platform.Cypher;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * Stores a day's rollup of one environment: a {@code UsageDay} per app and container
 * (replacing what an earlier rollup of that day said, so a rollup can run again and again
 * as the day fills), the day's unattributed compute per reason, and then the right-sizing
 * of every container it touched, from its last {@value #RIGHT_SIZING_DAYS} days.
 */
@Component
final class UsageWriter {

    static final int RIGHT_SIZING_DAYS = 30;

    private static final String FORGET = """
            MATCH (u:UsageDay {environment: $environment, day: $day})
            WHERE NOT u.key IN $keys
            DETACH DELETE u
            """;

    private static final String WRITE = """
            UNWIND $rows AS row
            MATCH (app:App {name: row.app})
            MERGE (u:UsageDay {key: row.key})
            SET u += row.properties
            MERGE (u)-[:USAGE_OF]->(app)
            """;

    private static final String HISTORY = """
            UNWIND $containers AS c
            MATCH (app:App {name: c.app})<-[:USAGE_OF]-(u:UsageDay)
            WHERE u.environment = $environment AND u.container = c.container AND u.day > $since AND u.day <= $until
            WITH c, u ORDER BY u.day
            RETURN c.app AS app, c.container AS container,
                   collect({buckets: u.cpuBuckets, counts: u.cpuCounts, peak: u.memoryPeakBytes,
                            cpu: u.cpuRequestCores, memory: u.memoryRequestBytes, replicas: u.replicas}) AS days
            """;

    private static final String RIGHT_SIZING = """
            UNWIND $rows AS row
            MATCH (app:App {name: row.app})
            MERGE (r:RightSizing {key: row.key})
            SET r += row.properties
            MERGE (r)-[:RIGHT_SIZING_OF]->(app)
            """;

    private static final String ROLLED_UP = """
            MERGE (r:UsageRollup {key: $environment + '|' + toString($day)})
            SET r.environment = $environment, r.day = $day, r.complete = $complete, r.updatedAt = datetime()
            """;

    private final Cypher cypher;

    private final PlatformProperties properties;

    private final UnattributedCosts unattributed;

    UsageWriter(Cypher cypher, PlatformProperties properties, UnattributedCosts unattributed) {
        this.cypher = cypher;
        this.properties = properties;
        this.unattributed = unattributed;
    }

    /** Writes {@code rollup} as {@code environment}'s {@code day}, in {@code tx}. */
    void write(TransactionContext tx, String environment, LocalDate day, Rollup rollup, boolean complete) {
        write(tx, environment, day, rollup, complete, true);
    }

    /**
     * Writes {@code rollup} as {@code environment}'s {@code day}; right-sizes its
     * containers unless told not to (a load of many days does it once, at the end).
     */
    void write(TransactionContext tx, String environment, LocalDate day, Rollup rollup, boolean complete,
            boolean rightSize) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (ContainerDay container : rollup.containers()) {
            String key = environment + "|" + container.app() + "|" + container.container() + "|" + day;
            keys.add(key);
            Map<String, Object> properties = new HashMap<>();
            properties.put("environment", environment);
            properties.put("day", day);
            properties.put("app", container.app());
            properties.put("container", container.container());
            properties.put("cpuUsageCoreHours", container.cpuUsageCoreHours());
            properties.put("cpuRequestCoreHours", container.cpuRequestCoreHours());
            properties.put("memoryUsageGibHours", container.memoryUsageGibHours());
            properties.put("memoryRequestGibHours", container.memoryRequestGibHours());
            properties.put("cpuRequestCores", container.cpuRequestCores());
            properties.put("memoryRequestBytes", container.memoryRequestBytes());
            properties.put("replicas", container.replicas());
            properties.put("memoryPeakBytes", container.memoryPeakBytes());
            properties.put("cpuBuckets", container.histogram().buckets());
            properties.put("cpuCounts", container.histogram().counts());
            properties.put("compute", container.compute());
            rows.add(Map.of("key", key, "app", container.app(), "properties", properties));
        }
        Map<String, Object> where = Map.of("environment", environment, "day", day);
        this.cypher.run(tx, FORGET, with(where, "keys", keys));
        for (int from = 0; from < rows.size(); from += 2000) {
            this.cypher.run(tx, WRITE, Map.of("rows", rows.subList(from, Math.min(rows.size(), from + 2000))));
        }
        Map<String, Double> unattributed = new LinkedHashMap<>();
        for (UnattributedDay other : rollup.unattributed()) {
            unattributed.merge(other.reason(), other.compute(), Double::sum);
        }
        this.unattributed.replace(tx, environment, day, UnattributedCosts.USAGE, unattributed);
        if (rightSize) {
            rightSize(tx, environment, day,
                    rollup.containers().stream().map(c -> Map.of("app", c.app(), "container", c.container())).toList());
        }
        this.cypher.run(tx, ROLLED_UP, with(where, "complete", complete));
    }

    /**
     * Recomputes the right-sizing of {@code containers} ({@code app}, {@code container})
     * of {@code environment} from their days up to {@code day}.
     */
    void rightSize(TransactionContext tx, String environment, LocalDate day, List<Map<String, String>> containers) {
        for (int from = 0; from < containers.size(); from += 1000) {
            List<Map<String, String>> batch = containers.subList(from, Math.min(containers.size(), from + 1000));
            List<Record> histories = this.cypher.run(tx, HISTORY, Map.of("containers", batch, "environment",
                    environment, "since", day.minusDays(RIGHT_SIZING_DAYS), "until", day));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Record history : histories) {
                List<Day> days = history.get("days")
                    .asList(d -> new Day(d.get("buckets").asList(v -> v.asLong()),
                            d.get("counts").asList(v -> v.asLong()), d.get("peak").asDouble(), d.get("cpu").asDouble(),
                            d.get("memory").asDouble(), d.get("replicas").asDouble()));
                Recommendation r = RightSizingCalculator.recommend(days, this.properties.prices(environment));
                String app = history.get("app").asString();
                String container = history.get("container").asString();
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("environment", environment);
                properties.put("app", app);
                properties.put("container", container);
                properties.put("days", r.days());
                properties.put("replicas", r.replicas());
                properties.put("requestedCores", r.requestedCores());
                properties.put("recommendedCores", r.recommendedCores());
                properties.put("lowerBoundCores", r.lowerBoundCores());
                properties.put("upperBoundCores", r.upperBoundCores());
                properties.put("requestedBytes", r.requestedBytes());
                properties.put("recommendedBytes", r.recommendedBytes());
                properties.put("lowerBoundBytes", r.lowerBoundBytes());
                properties.put("upperBoundBytes", r.upperBoundBytes());
                properties.put("confidence", r.confidence().name());
                properties.put("confident", r.confidence() != RightSizingCalculator.Confidence.LOW);
                properties.put("potentialSaving", r.potentialSaving());
                properties.put("asOf", day);
                rows.add(
                        Map.of("key", environment + "|" + app + "|" + container, "app", app, "properties", properties));
            }
            this.cypher.run(tx, RIGHT_SIZING, Map.of("rows", rows));
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> parameters = new HashMap<>(base);
        parameters.put(key, value);
        return parameters;
    }

}
