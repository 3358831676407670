package io.appgraph.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;

/**
 * Prices a field as 1 plus its selection, paid once per item it may return, plus the work
 * it does by itself. Items per parent: the declared {@link FieldCost} fan-out
 * (estate-sized lists), else {@code first} on paginated fields, else
 * {@link #LIST_FAN_OUT} on other lists of objects (a guess at their size), and once for
 * lists a connection already paid for and for introspection. Sums saturate, so no request
 * can wrap its price around to a small number.
 */
final class QueryCost implements FieldComplexityCalculator {

    static final int LIST_FAN_OUT = 10;

    private final Map<String, FieldCost> declared = new HashMap<>();

    QueryCost(List<FieldCost> costs) {
        costs.forEach(cost -> this.declared.put(cost.type() + "." + cost.field(), cost));
    }

    @Override
    public int calculate(FieldComplexityEnvironment environment, int childComplexity) {
        long own = 1L + childComplexity;
        if (isIntrospection(environment)) {
            return (int) Math.min(Integer.MAX_VALUE, own);
        }
        String parent = ((GraphQLNamedType) environment.getParentType()).getName();
        FieldCost cost = this.declared.get(parent + "." + environment.getField().getName());
        long price;
        if (cost != null) {
            price = saturatedMultiply(own, Math.max(1, cost.fanOut().applyAsLong(environment)))
                    + Math.max(0, cost.work().applyAsLong(environment));
        }
        else if (environment.getArguments().get("first") instanceof Integer first && first > 0) {
            price = own * first;
        }
        else if (childComplexity > 0 && isList(environment.getFieldDefinition().getType()) && !inConnection(parent)) {
            price = own * LIST_FAN_OUT;
        }
        else {
            price = own;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, price));
    }

    /**
     * Whether a field is one of the expensive ones that a request may hold only a few of.
     */
    boolean isExpensive(String type, String field) {
        FieldCost cost = this.declared.get(type + "." + field);
        return cost != null && cost.expensive();
    }

    private static long saturatedMultiply(long a, long b) {
        long product = a * b;
        return (a != 0 && (product / a != b || product < 0)) ? Long.MAX_VALUE / 2 : product;
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

    private static boolean inConnection(String parent) {
        return parent.endsWith("Connection");
    }

}
