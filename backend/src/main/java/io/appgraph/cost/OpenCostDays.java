package io.appgraph.cost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A day's compute cost per app as OpenCost allocates it ({@code /allocation/compute},
 * aggregated by the {@code app} label, accumulated over the day), its field names and
 * meaning kept: {@code cpuCoreRequestAverage}, {@code cpuCoreUsageAverage},
 * {@code cpuEfficiency}, {@code ramByteRequestAverage}, {@code ramByteUsageAverage},
 * {@code cpuCost}, {@code ramCost} and {@code totalCost} (each workload pays max(request,
 * usage) × price). Stored as an {@code OpenCostDay} per app whose {@code compute} is
 * OpenCost's {@code totalCost}. {@code __idle__} (capacity no workload requested) and
 * {@code __unallocated__} (pods without the label), and apps the catalog lacks, are
 * unattributed, each with its reason. Storing a day replaces what was stored for it.
 */
@Component
final class OpenCostDays {

    static final String IDLE = "idle: capacity no workload requested (OpenCost __idle__)";

    static final String UNALLOCATED = "no app label (OpenCost __unallocated__)";

    private static final List<String> FIELDS = List.of("cpuCoreRequestAverage", "cpuCoreUsageAverage", "cpuEfficiency",
            "ramByteRequestAverage", "ramByteUsageAverage", "cpuCost", "ramCost", "totalCost");

    private static final String FORGET = """
            MATCH (o:OpenCostDay {environment: $environment, day: $day})
            WHERE NOT o.app IN [row IN $rows | row.app]
            DETACH DELETE o
            """;

    private static final String WRITE = """
            UNWIND $rows AS row
            MATCH (app:App {name: row.app})
            MERGE (o:OpenCostDay {key: $environment + '|' + row.app + '|' + toString($day)})
            SET o += row.fields, o.environment = $environment, o.day = $day, o.app = row.app,
                o.compute = row.fields.totalCost
            MERGE (o)-[:OPENCOST_OF]->(app)
            """;

    private final Cypher cypher;

    private final UnattributedCosts unattributed;

    OpenCostDays(Cypher cypher, UnattributedCosts unattributed) {
        this.cypher = cypher;
        this.unattributed = unattributed;
    }

    /** Reads OpenCost's answer, checking apps against the catalog. */
    Allocations read(JsonNode answer, Function<Set<String>, Set<String>> catalog, List<String> problems) {
        JsonNode sets = answer.path("data");
        if (!sets.isArray()) {
            problems.add("OpenCost's answer has no data list");
            return new Allocations(Map.of(), Map.of());
        }
        Map<String, Map<String, Double>> byApp = new TreeMap<>();
        Map<String, Double> others = new LinkedHashMap<>();
        Map<String, JsonNode> named = new LinkedHashMap<>();
        for (JsonNode set : sets) {
            if (set != null && set.isObject()) {
                set.properties().forEach(entry -> named.put(entry.getKey(), entry.getValue()));
            }
        }
        Set<String> known = catalog.apply(new java.util.HashSet<>(named.keySet()));
        named.forEach((name, allocation) -> {
            double total = allocation.path("totalCost").asDouble(Double.NaN);
            if (Double.isNaN(total)) {
                problems.add("allocation '" + name + "' has no totalCost");
                return;
            }
            switch (name) {
                case "__idle__" -> others.merge(IDLE, total, Double::sum);
                case "__unallocated__" -> others.merge(UNALLOCATED, total, Double::sum);
                default -> {
                    if (known.contains(name)) {
                        Map<String, Double> fields = new LinkedHashMap<>();
                        for (String field : FIELDS) {
                            fields.put(field, allocation.path(field).asDouble(0));
                        }
                        byApp.put(name, fields);
                    }
                    else {
                        others.merge("app '" + name + "' is not in the catalog", total, Double::sum);
                    }
                }
            }
        });
        return new Allocations(byApp, others);
    }

    /** Stores {@code allocations} as {@code environment}'s {@code day}, in {@code tx}. */
    void write(TransactionContext tx, String environment, LocalDate day, Allocations allocations) {
        List<Map<String, Object>> rows = new ArrayList<>();
        allocations.byApp().forEach((app, fields) -> rows.add(Map.of("app", app, "fields", fields)));
        Map<String, Object> parameters = Map.of("environment", environment, "day", day, "rows", rows);
        this.cypher.run(tx, FORGET, parameters);
        this.cypher.run(tx, WRITE, parameters);
        this.unattributed.replace(tx, environment, day, UnattributedCosts.OPENCOST, allocations.unattributed());
    }

    /** OpenCost's fields per app, and unattributed cost per reason. */
    record Allocations(Map<String, Map<String, Double>> byApp, Map<String, Double> unattributed) {
    }

}
