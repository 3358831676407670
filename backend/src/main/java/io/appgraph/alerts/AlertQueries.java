package io.appgraph.alerts;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.InvalidArgumentException;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Alerts as the API reads them: newest first, one statement per read. */
@Component
final class AlertQueries {

    static final String APP_ALERTS = "appAlerts";

    static final int MAX_FIRST = 500;

    private static final String LIST = """
            MATCH (alert:Alert)
            WHERE ($status IS NULL OR alert.status = $status)
              AND ($app IS NULL OR EXISTS { (alert)-[:ON]->(:App {name: $app}) })
              AND ($squad IS NULL OR EXISTS { (alert)-[:ON]->(:App)-[:OWNED_BY]->(:Squad {name: $squad}) })
              AND ($unmatched IS NULL OR $unmatched <> EXISTS { (alert)-[:ON]->(:App) })
            WITH alert ORDER BY alert.startsAt DESC, alert.fingerprint LIMIT $first
            RETURN %s AS alert
            """.formatted(Alert.projection("alert"));

    private static final String LATEST = """
            MATCH (alert:Alert {fingerprint: $fingerprint})
            WITH alert ORDER BY alert.startsAt DESC LIMIT 1
            RETURN %s AS alert
            """.formatted(Alert.projection("alert"));

    private static final String BY_APP = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            RETURN name AS key, COLLECT {
              MATCH (alert:Alert)-[:ON]->(app)
              WHERE $status IS NULL OR alert.status = $status
              WITH alert ORDER BY alert.startsAt DESC, alert.fingerprint LIMIT $first
              RETURN %s
            } AS rows
            """.formatted(Alert.projection("alert"));

    // Callers once each at their shortest distance, so that Neo4j prunes the expansion
    // as in the blast radius.
    private static final String BLAST_RADIUS_SIZES = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            CALL (app) {
              MATCH path = (app)<-[:DEPENDS_ON*1..10]-(caller:App)
              WHERE caller <> app
              WITH caller, min(length(path)) AS distance
              RETURN count(caller) AS size
            }
            RETURN name, size
            """;

    private final Cypher cypher;

    AlertQueries(Cypher cypher, BatchLoaderRegistry registry) {
        this.cypher = cypher;
        registry.<AppAlertsKey, List<Alert>>forName(APP_ALERTS)
            .registerMappedBatchLoader((keys, environment) -> Mono.fromSupplier(() -> byApp(keys)));
    }

    List<Alert> list(AlertStatus status, String app, String squad, Boolean unmatched, Integer first) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("status", (status != null) ? status.name() : null);
        parameters.put("app", app);
        parameters.put("squad", squad);
        parameters.put("unmatched", unmatched);
        parameters.put("first", first(first));
        return this.cypher.list(LIST, parameters, r -> Alert.from(r.get("alert")));
    }

    Optional<Alert> latest(String fingerprint) {
        return this.cypher.single(LATEST, Map.of("fingerprint", fingerprint), r -> Alert.from(r.get("alert")));
    }

    Map<String, Integer> blastRadiusSizes(Collection<String> apps) {
        Map<String, Integer> sizes = new HashMap<>();
        if (!apps.isEmpty()) {
            this.cypher.list(BLAST_RADIUS_SIZES, Map.of("names", List.copyOf(apps)),
                    r -> sizes.put(r.get("name").asString(), r.get("size").asInt()));
        }
        return sizes;
    }

    static int first(Integer first) {
        int chosen = (first != null) ? first : 100;
        if (chosen < 1 || chosen > MAX_FIRST) {
            throw new InvalidArgumentException("first must be between 1 and %d, was %d".formatted(MAX_FIRST, chosen));
        }
        return chosen;
    }

    // Fields of one request ask with the same arguments: one statement per distinct
    // (status, first), each for all the apps.
    private Map<AppAlertsKey, List<Alert>> byApp(Collection<AppAlertsKey> keys) {
        Map<AppAlertsKey, List<Alert>> found = new HashMap<>();
        keys.stream()
            .collect(Collectors.groupingBy(key -> new AppAlertsKey(null, key.status(), key.first())))
            .forEach((arguments, group) -> {
                Map<String, Object> parameters = new HashMap<>();
                parameters.put("names", group.stream().map(AppAlertsKey::app).distinct().toList());
                parameters.put("status", (arguments.status() != null) ? arguments.status().name() : null);
                parameters.put("first", arguments.first());
                this.cypher.list(BY_APP, parameters, r -> r)
                    .forEach(r -> found.put(
                            new AppAlertsKey(r.get("key").asString(), arguments.status(), arguments.first()),
                            r.get("rows").asList(Alert::from)));
            });
        keys.forEach(key -> found.putIfAbsent(key, List.of()));
        return found;
    }

    /** The alerts of one app a field asks for. */
    record AppAlertsKey(String app, AlertStatus status, int first) {
    }

}
