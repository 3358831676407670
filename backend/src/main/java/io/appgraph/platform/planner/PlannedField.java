package io.appgraph.platform.planner;

import java.util.function.Function;

import org.neo4j.driver.Value;

/**
 * A field as planned: the Cypher expression that computes it and how its value reads back
 * into what graphql-java resolves (a scalar, a list, a {@link PlannedRow} or a list of
 * them).
 */
public record PlannedField(String expression, Function<Value, Object> read) {

    /** A scalar, or a list or map of scalars, read as the driver's plain Java values. */
    public static PlannedField value(String expression) {
        return new PlannedField(expression, PlannedField::plain);
    }

    static Object plain(Value value) {
        return value.isNull() ? null : value.asObject();
    }
}
