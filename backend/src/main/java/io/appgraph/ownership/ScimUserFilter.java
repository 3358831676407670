package io.appgraph.ownership;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;

/**
 * The filters identity providers look people up with, and nothing more: one equality on
 * {@code userName}, {@code emails.value} (or {@code emails[value eq …]}),
 * {@code externalId} or {@code id}. Any other filter is a SCIM {@code invalidFilter}; no
 * filter lists everyone.
 */
record ScimUserFilter(String handle, String email, String externalId, String id) {

    static final ScimUserFilter EVERYONE = new ScimUserFilter(null, null, null, null);

    private static final String SUPPORTED = "appgraph filters users only with one of userName eq \"…\","
            + " emails.value eq \"…\", externalId eq \"…\" or id eq \"…\"";

    static ScimUserFilter parse(String filter) throws BadRequestException {
        if (filter == null || filter.isBlank()) {
            return EVERYONE;
        }
        Filter parsed;
        try {
            parsed = Filter.fromString(filter);
        }
        catch (BadRequestException ex) {
            throw BadRequestException.invalidFilter("The filter is not valid SCIM: " + ex.getMessage());
        }
        String attribute = attribute(parsed.getAttributePath());
        Filter equality = parsed;
        if (parsed.getFilterType() == FilterType.COMPLEX_VALUE && "emails".equals(attribute)
                && parsed.getValueFilter().getFilterType() == FilterType.EQUAL
                && "value".equals(attribute(parsed.getValueFilter().getAttributePath()))) {
            attribute = "emails.value";
            equality = parsed.getValueFilter();
        }
        if (equality.getFilterType() != FilterType.EQUAL) {
            throw BadRequestException.invalidFilter(SUPPORTED);
        }
        ValueNode value = equality.getComparisonValue();
        if (value == null || !value.isTextual()) {
            throw BadRequestException.invalidFilter(SUPPORTED + ", compared with a string");
        }
        String text = value.textValue();
        return switch (attribute) {
            case "username" -> new ScimUserFilter(text, null, null, null);
            case "emails", "emails.value" -> new ScimUserFilter(null, text.toLowerCase(Locale.ROOT), null, null);
            case "externalid" -> new ScimUserFilter(null, null, text, null);
            case "id" -> new ScimUserFilter(null, null, null, text);
            default -> throw BadRequestException.invalidFilter(SUPPORTED);
        };
    }

    Map<String, Object> parameters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("handle", this.handle);
        parameters.put("email", this.email);
        parameters.put("externalId", this.externalId);
        parameters.put("id", this.id);
        return parameters;
    }

    // Attribute names are case-insensitive in SCIM: they compare lower-cased.
    private static String attribute(Path path) {
        if (path == null || path.isRoot()) {
            return "";
        }
        StringBuilder name = new StringBuilder();
        for (Path.Element element : path) {
            if (element.getValueFilter() != null) {
                return "";
            }
            name.append((name.length() > 0) ? "." : "").append(element.getAttribute().toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

}
