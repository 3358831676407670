package io.appgraph.catalog;

import java.util.Map;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * The one way an app's developer owner changes, whoever changes it ({@code upsertApp},
 * {@code reassignOwner}): the current {@code HAS_OWNER} becomes a
 * {@code PREVIOUSLY_HAD_OWNER} with its {@code until}, so "who owned this before" stays
 * answerable and {@code App.ownershipHistory} shows the change.
 */
@Component
public final class AppOwners {

    private static final String SET_OWNER = """
            MATCH (app:App {name: $name}), (owner:Person {handle: $owner})
            OPTIONAL MATCH (app)-[current:HAS_OWNER]->(previous:Person)
            WITH app, owner, current, previous
            WHERE previous IS NULL OR previous <> owner
            FOREACH (_ IN CASE WHEN current IS NULL THEN [] ELSE [1] END |
              CREATE (app)-[:PREVIOUSLY_HAD_OWNER {since: current.since, until: datetime()}]->(previous))
            DELETE current
            CREATE (app)-[:HAS_OWNER {since: datetime()}]->(owner)
            """;

    private final Cypher cypher;

    AppOwners(Cypher cypher) {
        this.cypher = cypher;
    }

    /**
     * Makes {@code owner} (a person's handle) the owner of {@code app} inside {@code tx};
     * nothing changes when they already own it. The caller checks that both exist and
     * that the person is active.
     */
    public void setOwner(TransactionContext tx, String app, String owner) {
        this.cypher.run(tx, SET_OWNER, Map.of("name", app, "owner", owner));
    }

}
