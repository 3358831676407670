package io.appgraph.platform.planner;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.neo4j.driver.Value;

/**
 * One object of a GraphQL type, planned for a selection: a Cypher map expression holding
 * exactly the selected fields (and the hidden values a caller asked for), and how to read
 * that map back.
 */
public final class NodePlan {

    static final String SOURCE_KEY = "__source";

    private final String type;

    private final String expression;

    private final Map<String, Field> fields;

    private final Map<String, Field> byName;

    private final Function<Value, Object> source;

    NodePlan(String type, String expression, Map<String, Field> fields, Map<String, Field> byName,
            Function<Value, Object> source) {
        this.type = type;
        this.expression = expression;
        this.fields = fields;
        this.byName = byName;
        this.source = source;
    }

    /** The GraphQL object type this plan answers. */
    public String type() {
        return this.type;
    }

    /**
     * A Cypher map expression, to return or collect wherever the object's variable is
     * bound.
     */
    public String expression() {
        return this.expression;
    }

    /** The object the map expression returned, or null for a null value. */
    public PlannedRow read(Value value) {
        return value.isNull() ? null : new PlannedRow(this, value);
    }

    /** A list of such objects. */
    public List<PlannedRow> readList(Value values) {
        return values.isNull() ? List.of() : values.asList(this::read);
    }

    Field field(String resultKey) {
        return this.fields.get(resultKey);
    }

    /**
     * The field selected under {@code name}, when the selection holds it under one result
     * key.
     */
    Field fieldNamed(String name) {
        return this.byName.get(name);
    }

    Map<String, Field> fieldsByName() {
        return this.byName;
    }

    Object source(Value row) {
        if (this.source == null) {
            throw new IllegalStateException(
                    "A field of " + this.type + " has neither a projection nor a source record");
        }
        return this.source.apply(row.get(SOURCE_KEY));
    }

    /** A selected field: its key in the Cypher map and how its value reads. */
    record Field(String key, Function<Value, Object> read) {
    }

}
