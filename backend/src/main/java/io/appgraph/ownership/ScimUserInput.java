package io.appgraph.ownership;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;

/**
 * What a SCIM {@code POST}, {@code PUT} or patched user asks appgraph to store, checked:
 * {@code active} is null when the request leaves it as it is.
 */
record ScimUserInput(String handle, String name, String email, String externalId, String givenName, String familyName,
        Boolean active) {

    private static final int MAX_NAME = 120;

    private static final int MAX_EXTERNAL_ID = 255;

    /**
     * Reads a user resource. {@code userName} must already be an appgraph handle: Okta
     * and Entra ID send an email address there by default, but cutting it to its local
     * part would quietly make two people of different domains one handle, and a
     * deactivation of either would then raise OWNER_LEFT alerts on the other's apps. Both
     * let the admin choose what goes into {@code userName} (Okta's application username
     * format "Email prefix", Entra's attribute mapping from {@code mailNickname}), so a
     * refusal that says so is one setting away from working, and lookups by
     * {@code userName} find exactly what the identity provider sent.
     */
    static ScimUserInput of(UserResource user) throws BadRequestException {
        String userName = user.getUserName();
        if (userName == null || userName.isBlank()) {
            throw BadRequestException.invalidValue("userName is required: it is the person's appgraph handle");
        }
        Optional<UserError> badHandle = InputRules.handle("userName", userName);
        if (badHandle.isPresent()) {
            String detail = badHandle.get().message();
            if (userName.contains("@")) {
                detail += ". userName is the person's appgraph handle, not their email address: in Okta set the"
                        + " application username format to 'Email prefix', in Entra ID map userName from mailNickname";
            }
            throw BadRequestException.invalidValue(detail);
        }
        String email = primaryEmail(user.getEmails());
        Optional<UserError> badEmail = InputRules.email("emails", email);
        if (badEmail.isPresent()) {
            throw BadRequestException.invalidValue(badEmail.get().message());
        }
        Name name = user.getName();
        String givenName = limited("name.givenName", (name != null) ? blankToNull(name.getGivenName()) : null,
                MAX_NAME);
        String familyName = limited("name.familyName", (name != null) ? blankToNull(name.getFamilyName()) : null,
                MAX_NAME);
        String fullName = limited("displayName", fullName(user.getDisplayName(), name), MAX_NAME);
        String externalId = limited("externalId", blankToNull(user.getExternalId()), MAX_EXTERNAL_ID);
        return new ScimUserInput(userName, fullName, (email != null) ? email.toLowerCase(Locale.ROOT) : null,
                externalId, givenName, familyName, user.getActive());
    }

    // The primary address, else the work one, else the first: appgraph keeps one email.
    private static String primaryEmail(List<Email> emails) {
        if (emails == null) {
            return null;
        }
        return emails.stream()
            .filter(e -> e.getValue() != null && !e.getValue().isBlank())
            .min(Comparator.comparing((Email e) -> !Boolean.TRUE.equals(e.getPrimary()))
                .thenComparing(e -> !"work".equalsIgnoreCase(e.getType())))
            .map(e -> e.getValue().strip())
            .orElse(null);
    }

    private static String fullName(String displayName, Name name) {
        if (blankToNull(displayName) != null) {
            return displayName.strip();
        }
        if (name == null) {
            return null;
        }
        if (blankToNull(name.getFormatted()) != null) {
            return name.getFormatted().strip();
        }
        String joined = Stream.of(name.getGivenName(), name.getFamilyName())
            .filter(part -> blankToNull(part) != null)
            .map(String::strip)
            .collect(Collectors.joining(" "));
        return joined.isEmpty() ? null : joined;
    }

    private static String limited(String attribute, String value, int max) throws BadRequestException {
        if (value != null && value.length() > max) {
            throw BadRequestException
                .invalidValue("%s is longer than %d characters (%d)".formatted(attribute, max, value.length()));
        }
        return value;
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value;
    }

}
