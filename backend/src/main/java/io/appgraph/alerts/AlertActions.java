package io.appgraph.alerts;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.appgraph.alerts.AlertInputs.AcknowledgeAlertInput;
import io.appgraph.alerts.AlertInputs.AcknowledgeAlertPayload;
import io.appgraph.alerts.AlertInputs.SilenceAlertInput;
import io.appgraph.alerts.AlertInputs.SilenceAlertPayload;
import io.appgraph.alerts.AlertWriter.SilenceTarget;
import io.appgraph.platform.UserError;
import io.appgraph.platform.UserErrorCode;
import org.springframework.stereotype.Component;

/**
 * What people do with alerts, from GraphQL or from Slack's buttons: take one on, or
 * silence it in Alertmanager.
 */
@Component
final class AlertActions {

    static final int MAX_SILENCE_MINUTES = 7 * 24 * 60;

    private final AlertWriter writer;

    private final AlertQueries queries;

    private final AlertmanagerSilences silences;

    private final Clock clock = Clock.systemUTC();

    AlertActions(AlertWriter writer, AlertQueries queries, AlertmanagerSilences silences) {
        this.writer = writer;
        this.queries = queries;
        this.silences = silences;
    }

    AcknowledgeAlertPayload acknowledge(AcknowledgeAlertInput input) {
        List<UserError> errors = this.writer.acknowledge(input.fingerprint(), input.by());
        if (!errors.isEmpty()) {
            return new AcknowledgeAlertPayload(null, errors);
        }
        return new AcknowledgeAlertPayload(this.queries.latest(input.fingerprint()).orElse(null), List.of());
    }

    SilenceAlertPayload silence(SilenceAlertInput input) {
        List<UserError> errors = new ArrayList<>();
        int minutes = (input.minutes() != null) ? input.minutes() : 0;
        if (minutes < 1 || minutes > MAX_SILENCE_MINUTES) {
            errors.add(UserError.invalid("minutes",
                    "minutes must be between 1 and %d (a week), was %d".formatted(MAX_SILENCE_MINUTES, minutes)));
        }
        if (!this.silences.configured()) {
            errors.add(new UserError(UserErrorCode.INVALID, "Silences are off: appgraph.alertmanager.url is not set",
                    List.of()));
        }
        SilenceTarget target = this.writer.silenceTarget(input.fingerprint(), input.by(), errors);
        if (!errors.isEmpty()) {
            return new SilenceAlertPayload(null, null, errors);
        }
        String comment = (input.comment() != null && !input.comment().isBlank()) ? input.comment().strip()
                : "Silenced from appgraph by " + input.by();
        String id;
        try {
            id = create(target, minutes, input.by(), comment);
        }
        catch (AlertmanagerSilences.Refused ex) {
            UserError error = ex.byAlertmanager() ? new UserError(UserErrorCode.INVALID, ex.getMessage(), List.of())
                    : UserError.unavailable(ex.getMessage());
            return new SilenceAlertPayload(null, null, List.of(error));
        }
        return new SilenceAlertPayload(id, this.queries.latest(input.fingerprint()).orElse(null), List.of());
    }

    /**
     * Silences a group's firing alerts for {@code minutes}, for someone who clicked
     * "Silence" in Slack.
     * @return the silence's id, or null when none of the group's alerts fires
     * @throws AlertmanagerSilences.Refused when Alertmanager refuses or cannot be reached
     */
    String silenceGroup(String groupKey, int minutes, String by) {
        SilenceTarget target = this.writer.groupSilenceTarget(groupKey);
        if (target == null) {
            return null;
        }
        return create(target, minutes, by, "Silenced from Slack by " + by);
    }

    boolean silencesConfigured() {
        return this.silences.configured();
    }

    private String create(SilenceTarget target, int minutes, String by, String comment) {
        OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime until = now.plusMinutes(minutes);
        String id = this.silences.create(target.matchers(), now, until, by, comment);
        this.writer.silenced(target.alertIds(), id, until, by);
        return id;
    }

}
