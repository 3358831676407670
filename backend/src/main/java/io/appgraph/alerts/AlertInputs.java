package io.appgraph.alerts;

import java.util.List;

import io.appgraph.platform.UserError;

/** Inputs and payloads of the alert mutations. */
final class AlertInputs {

    private AlertInputs() {
    }

    record AcknowledgeAlertInput(String fingerprint, String by) {
    }

    record AcknowledgeAlertPayload(Alert alert, List<UserError> errors) {
    }

    record SilenceAlertInput(String fingerprint, Integer minutes, String by, String comment) {
    }

    record SilenceAlertPayload(String silenceId, Alert alert, List<UserError> errors) {
    }

}
