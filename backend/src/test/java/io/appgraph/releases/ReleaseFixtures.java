package io.appgraph.releases;

import java.util.HashMap;
import java.util.Map;

import io.appgraph.Fixtures;

/**
 * Releases written straight into the graph in the shape the demo data writes them: only
 * the properties of the model, times as UTC DateTimes, no pending outcome.
 */
final class ReleaseFixtures {

    private final Fixtures fixtures;

    ReleaseFixtures(Fixtures fixtures) {
        this.fixtures = fixtures;
    }

    /**
     * A release of {@code app}; {@code finishedAt} and {@code committedAt} may be null.
     */
    ReleaseFixtures release(String externalId, String app, String status, String startedAt, String finishedAt,
            String committedAt) {
        return release(externalId, app, status, startedAt, finishedAt, committedAt, "prod");
    }

    ReleaseFixtures release(String externalId, String app, String status, String startedAt, String finishedAt,
            String committedAt, String environment) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("externalId", externalId);
        parameters.put("app", app);
        parameters.put("status", status);
        parameters.put("startedAt", startedAt);
        parameters.put("finishedAt", finishedAt);
        parameters.put("committedAt", committedAt);
        parameters.put("environment", environment);
        this.fixtures.run("""
                MATCH (app:App {name: $app})
                CREATE (r:Release {externalId: $externalId, version: '1.0.' + $externalId, commit: 'c-' + $externalId,
                                   pipelineUrl: 'https://ci.example.com/runs/' + $externalId,
                                   environment: $environment, status: $status, startedAt: datetime($startedAt),
                                   finishedAt: datetime($finishedAt), committedAt: datetime($committedAt)})
                CREATE (r)-[:OF]->(app)
                """, parameters);
        return this;
    }

}
