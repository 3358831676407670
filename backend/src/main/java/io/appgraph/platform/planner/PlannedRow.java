package io.appgraph.platform.planner;

import org.neo4j.driver.Value;

/**
 * An object answered by a planned Cypher statement: graphql-java resolves its selected
 * fields from the statement's map without further I/O ({@link PlannedFieldResolution}). A
 * field the plan does not hold falls back to its data fetcher, which gets the record the
 * type's owner declared.
 */
public final class PlannedRow {

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

    Object get(String resultKey) {
        NodePlan.Field field = this.plan.field(resultKey);
        return field.read().apply(this.value.get(field.key()));
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
