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

    record SquadInput(String name, String description, String slackChannel, String parent, String buddy) {
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
