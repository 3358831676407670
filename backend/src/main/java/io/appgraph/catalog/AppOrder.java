package io.appgraph.catalog;

import java.util.Locale;

import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.OrderDirection;

/**
 * How the app directory is sorted: by one field, then by name. Each order has its own
 * cursors (a cursor holds the sort key and name of the last app seen), so a cursor from
 * another order is refused rather than read as a position it never was.
 *
 * @param field what to sort by; null means by name
 * @param direction which way; null means ascending
 */
record AppOrder(Field field, OrderDirection direction) {

    static final AppOrder BY_NAME = new AppOrder(Field.NAME, OrderDirection.ASC);

    AppOrder {
        field = (field != null) ? field : Field.NAME;
        direction = (direction != null) ? direction : OrderDirection.ASC;
    }

    /** What the directory can be sorted by, as the schema's AppOrderField names it. */
    enum Field {

        NAME(null),
        // Keys of the squad and the owner are read through COLLECT subqueries, as
        // App.projection reads them: pattern comprehensions reading a node property
        // trip Neo4j 5.26's planner in some query shapes. These orders sort every
        // matching app for each page: the cost grows with the apps that match.
        SQUAD("head(COLLECT { MATCH (%1$s)-[:OWNED_BY]->(order_squad:Squad) RETURN order_squad.name LIMIT 1 })"),
        TIER("%1$s.tier"),
        OWNER("head(COLLECT { MATCH (%1$s)-[:HAS_OWNER]->(order_owner:Person) RETURN order_owner.handle LIMIT 1 })");

        private final String key;

        Field(String key) {
            this.key = key;
        }

    }

    boolean byName() {
        return this.field == Field.NAME;
    }

    boolean descending() {
        return this.direction == OrderDirection.DESC;
    }

    /**
     * Cursors of this order; by name ascending keeps the kind cursors had before orders
     * existed.
     */
    String cursorKind() {
        if (this.field == Field.NAME && !descending()) {
            return AppDirectoryQuery.CURSOR_KIND;
        }
        return AppDirectoryQuery.CURSOR_KIND + "-by-" + this.field.name().toLowerCase(Locale.ROOT) + "-"
                + this.direction.name().toLowerCase(Locale.ROOT);
    }

    /** The Cypher expression of the sort key of the app bound to {@code variable}. */
    String key(String variable) {
        if (byName()) {
            throw new IllegalStateException("the name order reads the name index, it has no separate key");
        }
        return this.field.key.formatted(variable);
    }

    /**
     * The cursor's value for an app: whether its key is null, the key, and its name.
     * Names are DNS labels and keys are names, handles or tiers, none of which holds a
     * line break.
     */
    static String cursorValue(String key, String name) {
        return ((key != null) ? "+" + key : "-") + "\n" + name;
    }

    /**
     * A cursor value read back.
     *
     * @param key the last app's sort key, null when it had none
     * @param name the last app's name
     */
    record After(String key, String name) {

        static After parse(String value) {
            int split = value.indexOf('\n');
            if (split < 1 || split == value.length() - 1 || "+-".indexOf(value.charAt(0)) < 0
                    || (value.charAt(0) == '-' && split != 1)) {
                throw new InvalidArgumentException("after is not a cursor returned by this list");
            }
            String key = (value.charAt(0) == '+') ? value.substring(1, split) : null;
            return new After(key, value.substring(split + 1));
        }

    }

}
