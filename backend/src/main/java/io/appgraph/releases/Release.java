package io.appgraph.releases;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.appgraph.platform.Values;
import org.neo4j.driver.Value;

/** One run of an app's release pipeline; {@code externalId} is the pipeline run's id. */
record Release(String externalId, String appName, String version, String commit, String pipelineUrl,
        String environment, ReleaseStatus status, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    static final String PROJECTION = """
            release { .externalId, .version, .commit, .pipelineUrl, .environment, .status, .startedAt, .finishedAt,
                      app: head([(release)-[:OF]->(a:App) | a.name]) }""";

    static Release from(Value value) {
        return new Release(value.get("externalId").asString(), value.get("app").asString(null),
                value.get("version").asString(null), value.get("commit").asString(null),
                value.get("pipelineUrl").asString(null), value.get("environment").asString(null),
                ReleaseStatus.valueOf(value.get("status").asString()), Values.offsetDateTime(value.get("startedAt")),
                Values.offsetDateTime(value.get("finishedAt")));
    }

    /** Seconds from start to finish; null while in progress. */
    public Integer durationSeconds() {
        return (this.finishedAt == null) ? null : (int) Duration.between(this.startedAt, this.finishedAt).toSeconds();
    }
}
