package io.appgraph.platform;

import java.time.OffsetDateTime;
import java.util.List;

import org.neo4j.driver.Value;

/**
 * Conversions of driver values that read models share: Neo4j returns null for absent
 * properties, and enums and date-times as strings and zoned values, which the API reads
 * as Java enums and offset date-times.
 */
public final class Values {

    private Values() {
    }

    /** A stored date-time as the API serves it; null when the property is absent. */
    public static OffsetDateTime offsetDateTime(Value value) {
        return value.isNull() ? null : value.asZonedDateTime().toOffsetDateTime();
    }

    /**
     * The constant of {@code type} a stored string names; null when the property is
     * absent.
     */
    public static <E extends Enum<E>> E enumOrNull(Value value, Class<E> type) {
        return value.isNull() ? null : Enum.valueOf(type, value.asString());
    }

    /**
     * The constants of {@code type} a stored list of strings names; empty when the
     * property is absent.
     */
    public static <E extends Enum<E>> List<E> enumList(Value value, Class<E> type) {
        return value.isNull() ? List.of() : value.asList(v -> Enum.valueOf(type, v.asString()));
    }

}
