package io.appgraph.ownership;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import org.springframework.stereotype.Component;

/** Ownership alerts as the API lists them: newest first, one statement per read. */
@Component
final class OwnershipAlertQueries {

    private static final String LIST = """
            MATCH (alert:OwnershipAlert)
            WHERE ($status IS NULL OR alert.status = $status) AND EXISTS { (alert)-[:FOR]->(:App) }
              AND ($squad IS NULL OR EXISTS { (alert)-[:FOR]->(:App)-[:OWNED_BY]->(:Squad {name: $squad}) })
            WITH alert ORDER BY alert.raisedAt DESC, alert.id LIMIT $first
            RETURN %s AS alert
            """.formatted(OwnershipAlert.projection("alert"));

    private static final String BY_IDS = """
            UNWIND $ids AS id
            MATCH (alert:OwnershipAlert {id: id})
            RETURN %s AS alert
            ORDER BY alert.app, alert.reason
            """.formatted(OwnershipAlert.projection("alert"));

    private static final String OPEN_BY_APP = """
            UNWIND $names AS name
            MATCH (app:App {name: name})
            RETURN name AS key, COLLECT {
              MATCH (alert:OwnershipAlert {status: 'OPEN'})-[:FOR]->(app)
              WITH alert ORDER BY alert.raisedAt DESC
              RETURN %s
            } AS rows
            """.formatted(OwnershipAlert.projection("alert"));

    private final Cypher cypher;

    OwnershipAlertQueries(Cypher cypher) {
        this.cypher = cypher;
    }

    List<OwnershipAlert> list(OwnershipAlert.Status status, String squad, int first) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("status", (status != null) ? status.name() : null);
        parameters.put("squad", squad);
        parameters.put("first", first);
        return this.cypher.list(LIST, parameters, r -> OwnershipAlert.from(r.get("alert")));
    }

    List<OwnershipAlert> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return this.cypher.list(BY_IDS, Map.of("ids", List.copyOf(ids)), r -> OwnershipAlert.from(r.get("alert")));
    }

    Map<String, List<OwnershipAlert>> openByApp(Collection<String> names) {
        return this.cypher.listsByKey(OPEN_BY_APP, "names", names, OwnershipAlert::from);
    }

}
