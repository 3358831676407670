package io.appgraph.catalog;

import java.util.Map;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * The one way the squad responsible for an app changes, whoever changes it
 * ({@code upsertApp}, a Backstage import): the current {@code OWNED_BY} becomes a
 * {@code PREVIOUSLY_OWNED_BY} with its {@code until}, so "who owned this before" stays
 * answerable.
 */
@Component
public final class AppSquads {

    private static final String SET_SQUAD = """
            MATCH (app:App {name: $name}), (squad:Squad {name: $squad})
            OPTIONAL MATCH (app)-[current:OWNED_BY]->(previous:Squad)
            WITH app, squad, current, previous
            WHERE previous IS NULL OR previous <> squad
            FOREACH (_ IN CASE WHEN current IS NULL THEN [] ELSE [1] END |
              CREATE (app)-[:PREVIOUSLY_OWNED_BY {since: current.since, until: datetime()}]->(previous))
            DELETE current
            CREATE (app)-[:OWNED_BY {since: datetime()}]->(squad)
            """;

    private final Cypher cypher;

    AppSquads(Cypher cypher) {
        this.cypher = cypher;
    }

    /**
     * Makes {@code squad} responsible for {@code app} inside {@code tx}; nothing changes
     * when it already is. The caller checks that both exist.
     */
    public void setSquad(TransactionContext tx, String app, String squad) {
        this.cypher.run(tx, SET_SQUAD, Map.of("name", app, "squad", squad));
    }

}
