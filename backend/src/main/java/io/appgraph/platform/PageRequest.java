package io.appgraph.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A validated {@code first}/{@code after} pair. Cursors are opaque: a prefix naming what
 * they point into, and the sort key of the last item seen.
 *
 * @param first how many items, 1 to {@link #MAX_FIRST}
 * @param after the decoded sort key to continue after, or null for the first page
 */
public record PageRequest(int first, String after) {

    public static final int MAX_FIRST = 100;

    public static final int DEFAULT_FIRST = 20;

    /**
     * Validates the arguments as clients sent them; {@code kind} scopes cursors to one
     * list.
     */
    public static PageRequest of(Integer first, String after, String kind) {
        int size = (first != null) ? first : DEFAULT_FIRST;
        if (size < 1 || size > MAX_FIRST) {
            throw new InvalidArgumentException("first must be between 1 and " + MAX_FIRST + ", was " + size);
        }
        return new PageRequest(size, (after != null) ? decode(after, kind) : null);
    }

    /** The cursor for an item of the list {@code kind} whose sort key is {@code key}. */
    public static String cursor(String kind, String key) {
        return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** Rows to fetch: one more than the page, to know whether a next page exists. */
    public int limit() {
        return this.first + 1;
    }

    private static String decode(String cursor, String kind) {
        String prefix = kind + ":";
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(prefix)) {
                return decoded.substring(prefix.length());
            }
        }
        catch (IllegalArgumentException ignored) {
            // falls through to the error below: the cursor was not one of ours
        }
        throw new InvalidArgumentException("after is not a cursor returned by this list: " + cursor);
    }
}
