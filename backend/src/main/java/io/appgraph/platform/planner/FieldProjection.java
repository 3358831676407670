package io.appgraph.platform.planner;

import graphql.schema.SelectedField;

/**
 * How one field of a GraphQL object type reads from the graph: a Cypher expression over
 * the variable its parent is bound to. Most fields are declared through
 * {@link TypeFields}; a feature implements this directly for fields with arguments, such
 * as a paginated connection.
 */
@FunctionalInterface
public interface FieldProjection {

    /**
     * Plans the field as selected. Names and values from the request never enter the
     * expression: arguments become parameters through {@link PlanContext#parameter}, and
     * nested selections are planned through {@link PlanContext#node}.
     * @param variable the Cypher variable the parent is bound to
     * @param field the field as the client selected it (arguments, sub-selection)
     * @param context fresh variables, parameters and nested plans
     */
    PlannedField plan(String variable, SelectedField field, PlanContext context);

}
