package io.appgraph.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque global ids for the {@code Node} interface: the type name and the entity's key,
 * encoded so clients do not build or parse them.
 *
 * @param type the GraphQL type name, such as {@code App}
 * @param key the entity's natural key (an app name, a person handle)
 */
public record GlobalId(String type, String key) {

    public static String of(String type, String key) {
        return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not an id this API issued. */
    public static Optional<GlobalId> parse(String id) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && colon < decoded.length() - 1
                    ? Optional.of(new GlobalId(decoded.substring(0, colon), decoded.substring(colon + 1)))
                    : Optional.empty();
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
