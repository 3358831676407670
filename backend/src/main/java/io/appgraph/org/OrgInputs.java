package io.appgraph.org;

import java.util.List;

import io.appgraph.platform.UserError;

/**
 * Inputs and payloads of the organisation mutations; null input fields keep stored
 * values.
 */
final class OrgInputs {

    private OrgInputs() {
    }

    record GroupInput(String name, String type, String parent) {
    }

    /**
     * A squad to create or change; {@code slackWebhookUrl} is write-only, and its
     * {@code toString} does not show it.
     */
    record SquadInput(String name, String description, String slackChannel, String parent, String buddy,
            String slackWebhookUrl) {

        @Override
        public String toString() {
            return "SquadInput[name=%s, description=%s, slackChannel=%s, parent=%s, buddy=%s, slackWebhookUrl=%s]"
                .formatted(this.name, this.description, this.slackChannel, this.parent, this.buddy,
                        (this.slackWebhookUrl != null) ? "(set)" : "(unset)");
        }

    }

    record PersonInput(String handle, String name, String email, List<String> squads) {
    }

    record GroupPayload(Group group, List<UserError> errors) {
    }

    record SquadPayload(Squad squad, List<UserError> errors) {
    }

    record PersonPayload(Person person, List<UserError> errors) {
    }

}
