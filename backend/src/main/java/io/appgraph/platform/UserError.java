package io.appgraph.platform;

import java.util.List;

/**
 * An expected failure of a mutation, returned in its payload: nothing was written.
 *
 * @param code what kind of failure: {@link #NOT_FOUND}, {@link #INVALID} or {@link #CONFLICT}
 * @param message what was wrong, for a person
 * @param field the path of the input field at fault, empty when it concerns the whole input
 */
public record UserError(String code, String message, List<String> field) {

    public static final String NOT_FOUND = "NOT_FOUND";

    public static final String INVALID = "INVALID";

    public static final String CONFLICT = "CONFLICT";

    public static UserError notFound(String field, String message) {
        return new UserError(NOT_FOUND, message, List.of("input", field));
    }

    public static UserError invalid(String field, String message) {
        return new UserError(INVALID, message, List.of("input", field));
    }

    public static UserError conflict(String field, String message) {
        return new UserError(CONFLICT, message, List.of("input", field));
    }
}
