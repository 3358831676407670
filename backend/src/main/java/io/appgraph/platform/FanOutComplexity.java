package io.appgraph.platform;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;

/**
 * Scores a field as 1 plus its selections, times how many items it may return: {@code first} on
 * paginated fields, {@link #LIST_FAN_OUT} on other lists of objects (a guess at their size), and
 * once for lists that a connection already paid for ({@code edges}) and for introspection.
 */
final class FanOutComplexity implements FieldComplexityCalculator {

    static final int LIST_FAN_OUT = 10;

    @Override
    public int calculate(FieldComplexityEnvironment environment, int childComplexity) {
        int own = 1 + childComplexity;
        if (isIntrospection(environment)) {
            return own;
        }
        if (environment.getArguments().get("first") instanceof Integer first && first > 0) {
            return own * first;
        }
        if (childComplexity > 0 && isList(environment.getFieldDefinition().getType()) && !inConnection(environment)) {
            return own * LIST_FAN_OUT;
        }
        return own;
    }

    // The schema answers introspection from memory; its lists cost nothing to fan out.
    private static boolean isIntrospection(FieldComplexityEnvironment environment) {
        return environment.getField().getName().startsWith("__")
                || ((GraphQLNamedType) environment.getParentType()).getName().startsWith("__");
    }

    private static boolean isList(GraphQLType type) {
        GraphQLType unwrapped = (type instanceof GraphQLNonNull nonNull) ? nonNull.getWrappedType() : type;
        return unwrapped instanceof GraphQLList;
    }

    private static boolean inConnection(FieldComplexityEnvironment environment) {
        return environment.getParentType() instanceof GraphQLObjectType parent
                && ((GraphQLNamedType) parent).getName().endsWith("Connection");
    }
}
