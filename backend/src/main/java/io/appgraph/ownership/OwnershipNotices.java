package io.appgraph.ownership;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.notify.Outbox;
import io.appgraph.platform.Cypher;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * Enqueues a Slack notice for each new ownership alert, in the transaction that raised
 * it: the notice exists exactly when the alert does. The payload holds what the message
 * shows (app, squad, former owner, suggestions at the time), never a webhook URL: the
 * sender looks the squad's webhook up when it delivers.
 */
@Component
final class OwnershipNotices {

    private static final String ALERTS = """
            UNWIND $ids AS id
            MATCH (alert:OwnershipAlert {id: id})-[:FOR]->(app:App)
            OPTIONAL MATCH (app)-[:OWNED_BY]->(squad:Squad)
            OPTIONAL MATCH (alert)-[:FORMER_OWNER]->(former:Person)
            RETURN alert.id AS id, alert.reason AS reason, toString(alert.raisedAt) AS raisedAt, app.name AS app,
                   squad.name AS squad, squad.slackChannel AS channel, former.handle AS formerHandle,
                   former.name AS formerName
            """;

    private final Cypher cypher;

    private final Outbox outbox;

    private final OwnerSuggestions suggestions;

    OwnershipNotices(Cypher cypher, Outbox outbox, OwnerSuggestions suggestions) {
        this.cypher = cypher;
        this.outbox = outbox;
        this.suggestions = suggestions;
    }

    /** Enqueues one notice per alert, inside {@code tx}. */
    void enqueue(TransactionContext tx, List<String> alertIds) {
        if (alertIds.isEmpty()) {
            return;
        }
        List<Record> alerts = this.cypher.run(tx, ALERTS, Map.of("ids", alertIds));
        Map<String, List<OwnerSuggestion>> candidates = this.suggestions.forApps(tx,
                alerts.stream().map(r -> r.get("app").asString()).distinct().toList());
        for (Record alert : alerts) {
            String former = alert.get("formerHandle").asString(null);
            List<Map<String, Object>> suggested = new ArrayList<>();
            for (OwnerSuggestion suggestion : OwnerSuggestions
                .top(candidates.getOrDefault(alert.get("app").asString(), List.of()), former)) {
                suggested.add(Map.of("handle", suggestion.handle(), "reason", suggestion.reason().name()));
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("alertId", alert.get("id").asString());
            payload.put("reason", alert.get("reason").asString());
            payload.put("raisedAt", alert.get("raisedAt").asString());
            payload.put("app", alert.get("app").asString());
            payload.put("squad", alert.get("squad").asString(null));
            payload.put("slackChannel", alert.get("channel").asString(null));
            payload.put("formerOwner", former);
            payload.put("formerOwnerName", alert.get("formerName").asString(null));
            payload.put("suggestions", suggested);
            this.outbox.enqueue(tx, Outbox.SLACK, "ownership-alert:" + alert.get("id").asString(), payload);
        }
    }

}
