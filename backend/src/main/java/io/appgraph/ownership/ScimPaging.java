package io.appgraph.ownership;

import com.unboundid.scim2.common.exceptions.BadRequestException;

/**
 * Index paging of RFC 7644 section 3.4.2.4: {@code startIndex} is 1-based and below 1
 * means 1; {@code count} defaults to, and never exceeds,
 * {@code appgraph.scim.max-results}, and below 0 means 0.
 */
record ScimPaging(int startIndex, int count) {

    static ScimPaging of(String startIndex, String count, int maxResults) throws BadRequestException {
        int start = Math.max(1, number("startIndex", startIndex, 1));
        int size = Math.min(maxResults, Math.max(0, number("count", count, maxResults)));
        return new ScimPaging(start, size);
    }

    int skip() {
        return this.startIndex - 1;
    }

    private static int number(String parameter, String value, int otherwise) throws BadRequestException {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        }
        catch (NumberFormatException ex) {
            throw BadRequestException.invalidValue("%s must be a whole number, was '%s'".formatted(parameter, value));
        }
    }

}
