package io.appgraph.platform;

import java.util.List;

/**
 * An expected failure of a mutation, returned in its payload: nothing was written.
 *
 * @param code what kind of failure
 * @param message what was wrong, for a person
 * @param field the path of the input field at fault, empty when it concerns the whole
 * input
 */
public record UserError(UserErrorCode code, String message, List<String> field) {

    public static UserError notFound(String field, String message) {
        return new UserError(UserErrorCode.NOT_FOUND, message, List.of("input", field));
    }

    public static UserError invalid(String field, String message) {
        return new UserError(UserErrorCode.INVALID, message, List.of("input", field));
    }

    public static UserError conflict(String field, String message) {
        return new UserError(UserErrorCode.CONFLICT, message, List.of("input", field));
    }

    public static UserError unavailable(String message) {
        return new UserError(UserErrorCode.UNAVAILABLE, message, List.of());
    }

}
