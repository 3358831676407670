package io.appgraph.cost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
 * A day's log volume of one environment: bytes ingested per app and level, as
 * Prometheus-style vector JSON (what Loki's {@code /loki/api/v1/index/volume} answers, or
 * Cloud Logging's byte counts pushed in that shape). The app is the label {@code app},
 * else {@code app_kubernetes_io_name}, else {@code service_name}; the level is
 * {@code level}, else {@code detected_level}, else {@code severity}, else
 * {@code unknown}. Volume of a stream with no app, or an app the catalog lacks, is
 * unattributed with that reason. Storing a day replaces what was stored for it.
 */
@Component
final class LogVolumes {

    static final String NO_APP = "log stream without an app, app_kubernetes_io_name or service_name label";

    /** The labels Loki is asked to count volume by. */
    static final String TARGET_LABELS = "app,app_kubernetes_io_name,service_name,level,detected_level,severity";

    private static final String FORGET = """
            MATCH (l:LogVolumeDay {environment: $environment, day: $day})
            WHERE NOT l.key IN $keys
            DETACH DELETE l
            """;

    private static final String WRITE = """
            UNWIND $rows AS row
            MATCH (app:App {name: row.app})
            MERGE (l:LogVolumeDay {key: row.key})
            SET l.environment = $environment, l.day = $day, l.app = row.app, l.levels = row.levels,
                l.levelBytes = row.levelBytes, l.bytes = row.bytes, l.cost = row.cost
            MERGE (l)-[:LOGS_OF]->(app)
            """;

    private final Cypher cypher;

    private final PlatformProperties properties;

    private final UnattributedCosts unattributed;

    LogVolumes(Cypher cypher, PlatformProperties properties, UnattributedCosts unattributed) {
        this.cypher = cypher;
        this.properties = properties;
        this.unattributed = unattributed;
    }

    /**
     * Reads an answer into bytes per app and level, checking apps against the catalog.
     */
    Volume read(JsonNode answer, Function<Set<String>, Set<String>> catalog, List<String> problems) {
        List<PrometheusSeries> series = PrometheusSeries.read("log volume", answer, problems);
        Map<String, Map<String, Double>> byApp = new TreeMap<>();
        Map<String, Double> unattributed = new TreeMap<>();
        Map<String, String> appOf = new HashMap<>();
        for (PrometheusSeries s : series) {
            String app = first(s, "app", "app_kubernetes_io_name", "service_name");
            if (app != null) {
                appOf.put(app, app);
            }
        }
        Set<String> known = catalog.apply(appOf.keySet());
        for (PrometheusSeries s : series) {
            if (s.size() == 0) {
                continue;
            }
            double bytes = s.values()[s.size() - 1];
            if (bytes < 0) {
                problems.add("log volume: " + s.labels() + " has negative bytes");
                continue;
            }
            String app = first(s, "app", "app_kubernetes_io_name", "service_name");
            String level = first(s, "level", "detected_level", "severity");
            level = (level == null) ? "unknown" : level.toLowerCase(java.util.Locale.ROOT);
            if (app == null) {
                unattributed.merge(NO_APP, bytes, Double::sum);
            }
            else if (!known.contains(app)) {
                unattributed.merge("app '" + app + "' is not in the catalog", bytes, Double::sum);
            }
            else {
                byApp.computeIfAbsent(app, a -> new TreeMap<>()).merge(level, bytes, Double::sum);
            }
        }
        return new Volume(byApp, unattributed, series.size());
    }

    /** Stores {@code volume} as {@code environment}'s {@code day}, in {@code tx}. */
    void write(TransactionContext tx, String environment, LocalDate day, Volume volume) {
        double price = this.properties.logging().pricePerGib();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        volume.byApp().forEach((app, levels) -> {
            String key = environment + "|" + app + "|" + day;
            keys.add(key);
            double bytes = levels.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("app", app);
            row.put("levels", List.copyOf(levels.keySet()));
            row.put("levelBytes", List.copyOf(levels.values()));
            row.put("bytes", bytes);
            row.put("cost", bytes / ClusterUsage.GIB * price);
            rows.add(row);
        });
        Map<String, Object> where = new HashMap<>(Map.of("environment", environment, "day", day));
        where.put("keys", keys);
        this.cypher.run(tx, FORGET, where);
        for (int from = 0; from < rows.size(); from += 2000) {
            this.cypher.run(tx, WRITE, Map.of("environment", environment, "day", day, "rows",
                    rows.subList(from, Math.min(rows.size(), from + 2000))));
        }
        Map<String, Double> others = new LinkedHashMap<>();
        volume.unattributed().forEach((reason, bytes) -> others.put(reason, bytes / ClusterUsage.GIB * price));
        this.unattributed.replace(tx, environment, day, UnattributedCosts.LOGS, others);
    }

    private static String first(PrometheusSeries series, String... labels) {
        for (String label : labels) {
            String value = series.label(label);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Bytes per app and level, and unattributed bytes per reason. */
    record Volume(Map<String, Map<String, Double>> byApp, Map<String, Double> unattributed, int series) {
    }

}
