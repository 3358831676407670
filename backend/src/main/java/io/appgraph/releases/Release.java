package io.appgraph.releases;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.appgraph.platform.Values;
import org.neo4j.driver.Value;

/**
 * One run of an app's release pipeline; {@code externalId} is the pipeline run's id. Only
 * releases with a {@code startedAt} are read: a finish that arrived before its start
 * waits, unread, for that start.
 */
public record Release(String externalId, String appName, String version, String commit, String pipelineUrl,
        String environment, ReleaseStatus status, OffsetDateTime startedAt, OffsetDateTime finishedAt,
        OffsetDateTime committedAt, String triggeredByHandle) {

    /** A release that names neither its commit time nor who triggered it. */
    Release(String externalId, String appName, String version, String commit, String pipelineUrl, String environment,
            ReleaseStatus status, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
        this(externalId, appName, version, commit, pipelineUrl, environment, status, startedAt, finishedAt, null, null);
    }

    /**
     * A map projection of the release node bound to {@code variable} that {@link #from}
     * reads.
     */
    static String projection(String variable) {
        return """
                %1$s { .externalId, .version, .commit, .pipelineUrl, .environment, .status, .startedAt, .finishedAt,
                       .committedAt,
                       app: head(COLLECT { MATCH (%1$s)-[:OF]->(%1$s_app:App) RETURN %1$s_app.name LIMIT 1 }),
                       triggeredBy: head(COLLECT { MATCH (%1$s)-[:TRIGGERED_BY]->(%1$s_by:Person) RETURN %1$s_by.handle LIMIT 1 }) }"""
            .formatted(variable);
    }

    static Release from(Value value) {
        return new Release(value.get("externalId").asString(), value.get("app").asString(null),
                value.get("version").asString(null), value.get("commit").asString(null),
                value.get("pipelineUrl").asString(null), value.get("environment").asString(null),
                ReleaseStatus.valueOf(value.get("status").asString()), Values.offsetDateTime(value.get("startedAt")),
                Values.offsetDateTime(value.get("finishedAt")), Values.offsetDateTime(value.get("committedAt")),
                value.get("triggeredBy").asString(null));
    }

    /** Seconds from start to finish; null while in progress. */
    public Integer durationSeconds() {
        return (this.finishedAt == null) ? null : (int) Duration.between(this.startedAt, this.finishedAt).toSeconds();
    }
}
