package io.appgraph.ownership;

import java.time.OffsetDateTime;
import java.util.List;

import io.appgraph.catalog.App;
import io.appgraph.org.Person;
import io.appgraph.platform.UserError;

/** Inputs and payloads of the ownership mutations. */
final class OwnershipInputs {

    private OwnershipInputs() {
    }

    record LeaverInput(String handle, String email, OffsetDateTime leftAt) {
    }

    record ReassignOwnerInput(String app, String owner, String by) {
    }

    record RecordLeaverPayload(Person person, List<OwnershipAlert> alerts, boolean scheduled, List<UserError> errors) {

        static RecordLeaverPayload failed(List<UserError> errors) {
            return new RecordLeaverPayload(null, List.of(), false, errors);
        }

    }

    record ReassignOwnerPayload(App app, List<OwnershipAlert> resolvedAlerts, List<UserError> errors) {

        static ReassignOwnerPayload failed(List<UserError> errors) {
            return new ReassignOwnerPayload(null, List.of(), errors);
        }

    }

}
