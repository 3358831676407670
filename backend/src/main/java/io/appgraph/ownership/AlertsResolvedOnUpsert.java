package io.appgraph.ownership;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.appgraph.catalog.AppInputs.AppInput;
import io.appgraph.catalog.AppUpsertExtension;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.UserError;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * {@code upsertApp} with an owner resolves the app's open ownership alerts in its own
 * transaction, as {@code reassignOwner} does (the catalog has already refused an inactive
 * owner); the sweep would otherwise only catch up on its next round.
 */
@Component
final class AlertsResolvedOnUpsert implements AppUpsertExtension {

    // OWNER_LEFT stays open when the new owner is the one who left (reactivated).
    private static final String RESOLVE = """
            MATCH (alert:OwnershipAlert {status: 'OPEN'})-[:FOR]->(:App {name: $app})
            WHERE NOT EXISTS { (alert)-[:FORMER_OWNER]->(:Person {handle: $owner}) }
            SET alert.status = 'RESOLVED', alert.resolvedAt = $now
            REMOVE alert.openKey
            """;

    private final Cypher cypher;

    AlertsResolvedOnUpsert(Cypher cypher) {
        this.cypher = cypher;
    }

    @Override
    public List<UserError> shapeErrors(AppInput input) {
        return List.of();
    }

    @Override
    public List<UserError> referenceErrors(TransactionContext tx, AppInput input) {
        return List.of();
    }

    @Override
    public void write(TransactionContext tx, AppInput input) {
        if (input.owner() != null) {
            this.cypher.run(tx, RESOLVE,
                    Map.of("app", input.name(), "owner", input.owner(), "now", OffsetDateTime.now(ZoneOffset.UTC)));
        }
    }

}
