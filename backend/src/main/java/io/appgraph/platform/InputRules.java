package io.appgraph.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shapes that names, handles and URLs must have, with messages that say how to fix
 * them.
 */
public final class InputRules {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private InputRules() {
    }

    /** Names of apps, squads and groups: DNS labels, as Kubernetes names them. */
    public static Optional<UserError> dnsLabel(String field, String value) {
        if (value == null || value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            return Optional.of(UserError.invalid(field,
                    "%s '%s' is not a DNS label: use lowercase letters, digits and '-', start and end with a letter or digit, at most 63 characters"
                        .formatted(field, value)));
        }
        return Optional.empty();
    }

    public static Optional<UserError> handle(String field, String value) {
        if (value == null || !HANDLE.matcher(value).matches()) {
            return Optional.of(UserError.invalid(field,
                    "%s '%s' is not a handle: use letters, digits, '.', '_' or '-', start with a letter or digit, at most 64 characters"
                        .formatted(field, value)));
        }
        return Optional.empty();
    }

    public static Optional<UserError> email(String field, String value) {
        if (value != null && (value.length() > 254 || !EMAIL.matcher(value).matches())) {
            return Optional.of(UserError.invalid(field, "%s '%s' is not an email address".formatted(field, value)));
        }
        return Optional.empty();
    }

    /** An absolute http or https URL; null and, where clearing is allowed, empty pass. */
    public static Optional<UserError> httpUrl(String field, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.empty();
            }
        }
        catch (URISyntaxException ignored) {
            // reported below
        }
        return Optional.of(UserError.invalid(field, "%s '%s' is not an absolute http(s) URL".formatted(field, value)));
    }

    /** Free text with a length limit, such as a description. */
    public static Optional<UserError> maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            return Optional.of(UserError.invalid(field,
                    "%s is %d characters long; at most %d are allowed".formatted(field, value.length(), max)));
        }
        return Optional.empty();
    }

}
