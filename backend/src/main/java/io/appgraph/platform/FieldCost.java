package io.appgraph.platform;

import java.util.function.ToLongFunction;

import graphql.analysis.FieldComplexityEnvironment;

/**
 * What a field costs when 1 per item is not the truth, declared as a bean by the feature
 * that serves it: traversals and whole-estate reads, whose work and answers grow with the
 * estate.
 *
 * @param type the GraphQL type, such as {@code Query}
 * @param field the field of that type
 * @param work what the field costs by itself whatever is selected under it (a traversal
 * visits every app it reaches even to count them), given the field's arguments
 * @param fanOut how many items it may return per parent: its selection is paid that many
 * times
 * @param expensive whether it counts against
 * {@code appgraph.graphql.max-expensive-fields} and runs through {@link ExpensiveReads}
 */
public record FieldCost(String type, String field, ToLongFunction<FieldComplexityEnvironment> work,
        ToLongFunction<FieldComplexityEnvironment> fanOut, boolean expensive) {

    /**
     * A root field whose work grows with the estate, such as a traversal or a
     * whole-estate read.
     */
    public static FieldCost expensive(String type, String field, ToLongFunction<FieldComplexityEnvironment> work) {
        return new FieldCost(type, field, work, environment -> 1, true);
    }

    /** A list whose length grows with the estate rather than with a page size. */
    public static FieldCost list(String type, String field, ToLongFunction<FieldComplexityEnvironment> fanOut) {
        return new FieldCost(type, field, environment -> 0, fanOut, false);
    }
}
