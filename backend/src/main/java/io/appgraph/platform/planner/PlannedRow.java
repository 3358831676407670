package io.appgraph.platform.planner;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Set;

import org.neo4j.driver.Value;

/**
 * An object answered by a planned Cypher statement: graphql-java resolves its selected
 * fields from the statement's map without further I/O ({@link PlannedFieldResolution}). A
 * field the plan does not hold falls back to its data fetcher, which gets the record the
 * type's owner declared.
 */
public final class PlannedRow extends AbstractMap<String, Object> {

    private final NodePlan plan;

    private final Value value;

    private Object source;

    PlannedRow(NodePlan plan, Value value) {
        this.plan = plan;
        this.value = value;
    }

    /** The GraphQL object type of this row. */
    public String type() {
        return this.plan.type();
    }

    /**
     * A value the caller of the planner asked for besides the selection, such as a cursor
     * key.
     */
    public Value hidden(String key) {
        return this.value.get(key);
    }

    boolean planned(String resultKey) {
        return this.plan.field(resultKey) != null;
    }

    Object valueAt(String resultKey) {
        return read(this.plan.field(resultKey));
    }

    /**
     * The value of the field selected under {@code name}, for graphql-java's property
     * fetcher: a planned row is a map of its fields to it, so trivial fields resolve
     * without a data fetching environment or instrumentation. Null for a field the plan
     * does not hold by that name; {@link PlannedFieldResolution} then resolves fields by
     * result key instead.
     */
    @Override
    public Object get(Object name) {
        return (name instanceof String field) ? read(this.plan.fieldNamed(field)) : null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> entries = new LinkedHashSet<>();
        this.plan.fieldsByName().forEach((name, field) -> entries.add(new SimpleImmutableEntry<>(name, read(field))));
        return entries;
    }

    private Object read(NodePlan.Field field) {
        return (field != null) ? field.read().apply(this.value.get(field.key())) : null;
    }

    // One object of the answer, however many fields it has in common with another.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The record that unplanned fields' data fetchers read, built once. */
    Object source() {
        if (this.source == null) {
            this.source = this.plan.source(this.value);
        }
        return this.source;
    }

    @Override
    public String toString() {
        return this.plan.type() + this.value;
    }

}
