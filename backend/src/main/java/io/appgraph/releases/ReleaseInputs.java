package io.appgraph.releases;

import java.time.OffsetDateTime;
import java.util.List;

import io.appgraph.platform.UserError;

/** Inputs, filters and payloads of the release operations. */
final class ReleaseInputs {

    private ReleaseInputs() {
    }

    /** A pipeline run started; null times default to now, environment to "prod". */
    record StartReleaseInput(String app, String externalId, String version, String commit, String pipelineUrl,
            String environment, OffsetDateTime startedAt, String triggeredBy, OffsetDateTime committedAt) {
    }

    /**
     * A pipeline run finished; {@code app}, known only to the webhook, is checked when
     * given.
     */
    record FinishReleaseInput(String externalId, ReleaseOutcome outcome, OffsetDateTime finishedAt, String app) {
    }

    record StartReleasePayload(Release release, List<UserError> errors) {
    }

    record FinishReleasePayload(Release release, List<UserError> errors) {
    }

    /** Criteria of the release history; all on startedAt for times, from inclusive. */
    record ReleaseFilter(String app, String squad, String environment, ReleaseStatus status, OffsetDateTime from,
            OffsetDateTime to) {

        static final ReleaseFilter ANY = new ReleaseFilter(null, null, null, null, null, null);

    }

    /** How a finished pipeline run ended. */
    enum ReleaseOutcome {

        SUCCEEDED, FAILED, ROLLED_BACK;

        ReleaseStatus status() {
            return ReleaseStatus.valueOf(name());
        }

    }

}
