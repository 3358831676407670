package io.appgraph.releases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** startRelease and finishRelease through GraphQL. */
class ReleaseMutationsIT extends IntegrationTest {

    @Autowired
    ApplicationEventMulticaster multicaster;

    private Fixtures estate;

    private RecordedReleaseEvents published;

    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
        this.estate.squad("payments").person("alice", "payments").app("payments-api", "payments", "alice");
        this.published = new RecordedReleaseEvents(this.multicaster);
    }

    @AfterEach
    void stopRecording() {
        this.published.close();
    }

    @Test
    void theContractsStartAndFinishRecordARelease() {
        var start = this.graphQl.documentName("StartRelease")
            .variable("input",
                    Map.of("app", "payments-api", "externalId", "run-1", "version", "2.4.0", "startedAt",
                            "2026-03-02T10:00:00Z"))
            .execute();
        start.path("startRelease.errors").entityList(Object.class).hasSize(0);
        start.path("startRelease.release.externalId").entity(String.class).isEqualTo("run-1");
        start.path("startRelease.release.status").entity(String.class).isEqualTo("IN_PROGRESS");

        var finish = this.graphQl.documentName("FinishRelease")
            .variable("input",
                    Map.of("externalId", "run-1", "outcome", "SUCCEEDED", "finishedAt", "2026-03-02T10:04:30Z"))
            .execute();
        finish.path("finishRelease.errors").entityList(Object.class).hasSize(0);
        finish.path("finishRelease.release.status").entity(String.class).isEqualTo("SUCCEEDED");
        finish.path("finishRelease.release.durationSeconds").entity(Integer.class).isEqualTo(270);
        assertThat(this.published.summary()).containsExactly("STARTED run-1 IN_PROGRESS", "FINISHED run-1 SUCCEEDED");
    }

    @Test
    void everyInputFieldIsStoredAndTimesBecomeUtc() {
        var start = start(Map.of("app", "payments-api", "externalId", "run-1", "version", "2.4.0", "commit", "abc123",
                "pipelineUrl", "https://ci.example.com/runs/1", "environment", "staging", "startedAt",
                "2026-03-02T12:00:00+02:00", "triggeredBy", "alice", "committedAt", "2026-03-02T09:00:00Z"));

        start.path("startRelease.errors").entityList(Object.class).hasSize(0);
        start.path("startRelease.release.app.name").entity(String.class).isEqualTo("payments-api");
        start.path("startRelease.release.version").entity(String.class).isEqualTo("2.4.0");
        start.path("startRelease.release.commit").entity(String.class).isEqualTo("abc123");
        start.path("startRelease.release.pipelineUrl").entity(String.class).isEqualTo("https://ci.example.com/runs/1");
        start.path("startRelease.release.environment").entity(String.class).isEqualTo("staging");
        assertAt(start, "startRelease.release.startedAt", "2026-03-02T10:00:00Z");
        assertAt(start, "startRelease.release.committedAt", "2026-03-02T09:00:00Z");
        start.path("startRelease.release.finishedAt").valueIsNull();
        start.path("startRelease.release.triggeredBy.handle").entity(String.class).isEqualTo("alice");
        assertThat(count("""
                MATCH (r:Release {externalId: 'run-1'})
                WHERE r.startedAt.offset = 'Z' AND r.startedAt = datetime('2026-03-02T10:00:00Z')
                RETURN count(r)""")).isEqualTo(1);
    }

    @Test
    void environmentDefaultsToProdAndStartedAtToNow() {
        var start = start(Map.of("app", "payments-api", "externalId", "run-1"));

        start.path("startRelease.release.environment").entity(String.class).isEqualTo("prod");
        start.path("startRelease.release.startedAt").entity(String.class).satisfies(at -> assertThat(at).endsWith("Z"));
        start.path("startRelease.release.triggeredBy").valueIsNull();
    }

    @Test
    void anUnknownAppIsAUserErrorAndWritesNothing() {
        List<String> before = this.estate.snapshot();

        var start = start(Map.of("app", "no-such-app", "externalId", "run-1"));

        start.path("startRelease.release").valueIsNull();
        start.path("startRelease.errors").entityList(UserError.class).satisfies(errors -> {
            assertThat(errors).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("NOT_FOUND", List.of("input", "app")));
            assertThat(errors.get(0).message()).contains("no-such-app");
        });
        assertThat(this.estate.snapshot()).isEqualTo(before);
        assertThat(this.published.events()).isEmpty();
    }

    @Test
    void malformedInputIsAUserErrorPerField() {
        var start = start(Map.of("app", "payments-api", "externalId", " ", "pipelineUrl", "ci/runs/1", "environment",
                "", "startedAt", "2026-03-02T10:00:00Z", "committedAt", "2026-03-02T10:00:01Z"));

        start.path("startRelease.errors")
            .entityList(UserError.class)
            .satisfies(errors -> assertThat(errors).extracting(UserError::code, UserError::field)
                .containsExactlyInAnyOrder(tuple("INVALID", List.of("input", "externalId")),
                        tuple("INVALID", List.of("input", "pipelineUrl")),
                        tuple("INVALID", List.of("input", "environment")),
                        tuple("INVALID", List.of("input", "committedAt"))));
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isZero();
    }

    @Test
    void aFinishBeforeTheStartIsRefused() {
        start(Map.of("app", "payments-api", "externalId", "run-1", "startedAt", "2026-03-02T10:00:00Z"));
        List<String> before = this.estate.snapshot();

        var finish = finish(
                Map.of("externalId", "run-1", "outcome", "FAILED", "finishedAt", "2026-03-02T11:59:00+02:00"));

        finish.path("finishRelease.release").valueIsNull();
        finish.path("finishRelease.errors").entityList(UserError.class).satisfies(errors -> {
            assertThat(errors).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("INVALID", List.of("input", "finishedAt")));
            assertThat(errors.get(0).message()).contains("2026-03-02T10:00Z").contains("2026-03-02T09:59Z");
        });
        assertThat(this.estate.snapshot()).isEqualTo(before);
        assertThat(this.published.summary()).containsExactly("STARTED run-1 IN_PROGRESS");
    }

    @Test
    void aFinishThatArrivesFirstIsKeptAndTheStartCompletesIt() {
        var early = finish(Map.of("externalId", "run-1", "outcome", "FAILED", "finishedAt", "2026-03-02T10:03:00Z"));

        early.path("finishRelease.errors").entityList(Object.class).hasSize(0);
        early.path("finishRelease.release").valueIsNull();
        assertThat(this.published.events()).isEmpty();

        var start = start(Map.of("app", "payments-api", "externalId", "run-1", "startedAt", "2026-03-02T10:00:00Z"));

        start.path("startRelease.release.status").entity(String.class).isEqualTo("FAILED");
        assertAt(start, "startRelease.release.finishedAt", "2026-03-02T10:03:00Z");
        assertThat(this.published.summary()).containsExactly("STARTED run-1 FAILED", "FINISHED run-1 FAILED");
        assertThat(count("MATCH (m:OutboxMessage) RETURN count(m)")).isEqualTo(2);
    }

    @Test
    void replaysAnswerTheStoredReleaseAndPublishNothing() {
        start(Map.of("app", "payments-api", "externalId", "run-1", "version", "1", "startedAt",
                "2026-03-02T10:00:00Z"));
        finish(Map.of("externalId", "run-1", "outcome", "SUCCEEDED", "finishedAt", "2026-03-02T10:01:00Z"));
        List<String> before = this.estate.snapshot();

        var start = start(Map.of("app", "payments-api", "externalId", "run-1", "version", "2", "startedAt",
                "2026-03-02T10:00:05Z"));
        var finish = finish(Map.of("externalId", "run-1", "outcome", "SUCCEEDED"));

        start.path("startRelease.errors").entityList(Object.class).hasSize(0);
        start.path("startRelease.release.version").entity(String.class).isEqualTo("1");
        start.path("startRelease.release.status").entity(String.class).isEqualTo("SUCCEEDED");
        assertAt(finish, "finishRelease.release.finishedAt", "2026-03-02T10:01:00Z");
        assertThat(this.estate.snapshot()).isEqualTo(before);
        assertThat(this.published.events()).hasSize(2);
    }

    @Test
    void anotherOutcomeForAFinishedRunIsAConflict() {
        start(Map.of("app", "payments-api", "externalId", "run-1", "startedAt", "2026-03-02T10:00:00Z"));
        finish(Map.of("externalId", "run-1", "outcome", "SUCCEEDED", "finishedAt", "2026-03-02T10:01:00Z"));

        var finish = finish(Map.of("externalId", "run-1", "outcome", "ROLLED_BACK"));

        finish.path("finishRelease.errors")
            .entityList(UserError.class)
            .satisfies(errors -> assertThat(errors).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("CONFLICT", List.of("input", "outcome"))));
        assertThat(count("MATCH (r:Release {status: 'SUCCEEDED'}) RETURN count(r)")).isEqualTo(1);
    }

    private GraphQlTester.Response start(Map<String, Object> input) {
        return this.graphQl.documentName("StartReleaseDetails").variable("input", new HashMap<>(input)).execute();
    }

    private GraphQlTester.Response finish(Map<String, Object> input) {
        return this.graphQl.documentName("FinishReleaseDetails").variable("input", new HashMap<>(input)).execute();
    }

    static void assertAt(GraphQlTester.Response response, String path, String expected) {
        response.path(path)
            .entity(String.class)
            .satisfies(at -> assertThat(OffsetDateTime.parse(at).toInstant()).isEqualTo(Instant.parse(expected)));
    }

    record UserError(String code, String message, List<String> field) {
    }

}
