package io.appgraph.platform.planner;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.LightDataFetcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * graphql-java's query strategy, with one shortcut: a value whose whole selection can be
 * answered without fetching (the fields of {@link PlannedRow}s, and fields that
 * graphql-java's own property fetcher reads from records and maps) is completed in one
 * walk, instead of field by field through execution steps, result paths, per-field
 * instrumentation and futures. A planned answer of 10,000 impacted apps is 70,000 such
 * fields, and stepping through them was most of the request's time after the Cypher.
 * <p>
 * The walk gives exactly what the field-by-field path gives, or nothing: at the first
 * field it cannot answer alone (a data fetcher that does I/O, a field the plan does not
 * hold, a null where the schema forbids one, a scalar that refuses its value) it gives
 * up, and that value is completed the usual way, errors and all. A selection it gave up
 * on is remembered for the rest of the request, so a list of such objects is not tried
 * item after item.
 */
final class DirectCompletion extends AsyncExecutionStrategy {

    // graphql-java's context key for its optional limit on result nodes, which the walk
    // would not count.
    private static final String MAX_RESULT_NODES = "__MAX_RESULT_NODES";

    private static final String SHAPES = DirectCompletion.class.getName() + ".shapes";

    // Returned by the walk when it gives up; never a value of an answer.
    private static final Object UNANSWERED = new Object();

    /**
     * Set to true in a request's GraphQL context to complete it field by field only, as
     * graphql-java does (tests compare the two).
     */
    public static final String DISABLED = DirectCompletion.class.getName() + ".disabled";

    private final Counter completed;

    private final Counter gaveUp;

    DirectCompletion(DataFetcherExceptionHandler exceptionHandler, MeterRegistry meters) {
        super(exceptionHandler);
        this.completed = counter(meters, "completed");
        this.gaveUp = counter(meters, "gave-up");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("appgraph.graphql.direct.completions")
            .description("Values completed in one walk, or given up and completed field by field")
            .tag("outcome", outcome)
            .register(meters);
    }

    @Override
    protected FieldValueInfo completeValueForList(ExecutionContext context, ExecutionStrategyParameters parameters,
            Object result) {
        if (applies(context)) {
            GraphQLType type = parameters.getExecutionStepInfo().getUnwrappedNonNullType();
            Object completed = new Walk(context).list((GraphQLList) type, parameters.getField(), result);
            if (counted(completed)) {
                return new FieldValueInfo(FieldValueInfo.CompleteValueType.LIST, completed, List.of());
            }
        }
        return super.completeValueForList(context, parameters, result);
    }

    @Override
    protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
            GraphQLObjectType type, Object result) {
        if (applies(context)) {
            Object completed = new Walk(context).object(type, parameters.getField(), result);
            if (counted(completed)) {
                return completed;
            }
        }
        return super.completeValueForObject(context, parameters, type, result);
    }

    private static boolean applies(ExecutionContext context) {
        return !context.hasIncrementalSupport() && !context.getGraphQLContext().hasKey(MAX_RESULT_NODES)
                && !context.getGraphQLContext().getBoolean(DISABLED, false);
    }

    private boolean counted(Object completed) {
        boolean answered = completed != UNANSWERED;
        (answered ? this.completed : this.gaveUp).increment();
        return answered;
    }

    /**
     * The fields selected on one object type under one merged field, collected once per
     * request (fragments, aliases, {@code @skip} and {@code @include} resolved by
     * graphql-java's field collector).
     */
    private static final class Shape {

        final List<Child> children = new ArrayList<>();

        volatile boolean unanswerable;

    }

    private record Child(String resultKey, MergedField field, GraphQLFieldDefinition definition,
            DataFetcher<?> fetcher) {
    }

    /**
     * The selections of one request, by merged field and object type; fields may complete
     * on several threads.
     */
    private static final class Shapes {

        final Map<MergedField, Map<String, Shape>> byField = new ConcurrentHashMap<>();

    }

    /** One attempt at completing a value in one walk. */
    private final class Walk {

        private final ExecutionContext context;

        private final Shapes shapes;

        Walk(ExecutionContext context) {
            this.context = context;
            this.shapes = context.getGraphQLContext().computeIfAbsent(SHAPES, key -> new Shapes());
        }

        Object list(GraphQLList type, MergedField field, Object values) {
            GraphQLType itemType = type.getWrappedType();
            List<Object> completed;
            if (values instanceof Iterable<?> iterable) {
                completed = (values instanceof List<?> list) ? new ArrayList<>(list.size()) : new ArrayList<>();
                for (Object item : iterable) {
                    Object value = value(itemType, field, item);
                    if (value == UNANSWERED) {
                        return UNANSWERED;
                    }
                    completed.add(value);
                }
                return completed;
            }
            if (values != null && values.getClass().isArray()) {
                int length = Array.getLength(values);
                completed = new ArrayList<>(length);
                for (int i = 0; i < length; i++) {
                    Object value = value(itemType, field, Array.get(values, i));
                    if (value == UNANSWERED) {
                        return UNANSWERED;
                    }
                    completed.add(value);
                }
                return completed;
            }
            return UNANSWERED;
        }

        Object object(GraphQLObjectType type, MergedField field, Object source) {
            Shape shape = shape(type, field);
            if (shape.unanswerable) {
                return UNANSWERED;
            }
            PlannedRow row = (source instanceof PlannedRow planned) ? planned : null;
            Map<String, Object> completed = new LinkedHashMap<>((int) (shape.children.size() / 0.75f) + 1);
            for (Child child : shape.children) {
                Object value = (child.fetcher == null) ? type.getName() : fetched(child, row, source);
                if (value != UNANSWERED) {
                    value = value(child.definition.getType(), child.field, value);
                }
                if (value == UNANSWERED) {
                    shape.unanswerable = true;
                    return UNANSWERED;
                }
                completed.put(child.resultKey, value);
            }
            return completed;
        }

        private Object value(GraphQLType type, MergedField field, Object raw) {
            Object value = this.context.getValueUnboxer().unbox(raw);
            if (value instanceof DataFetcherResult<?> || value instanceof CompletionStage<?>) {
                return UNANSWERED;
            }
            if (type instanceof GraphQLNonNull nonNull) {
                // A scalar may serialize a value to null too: either way, the usual path
                // reports it.
                Object completed = (value != null) ? value(nonNull.getWrappedType(), field, value) : null;
                return (completed != null) ? completed : UNANSWERED;
            }
            if (value == null) {
                return null;
            }
            if (type instanceof GraphQLScalarType scalar) {
                try {
                    return scalar.getCoercing()
                        .serialize(value, this.context.getGraphQLContext(), this.context.getLocale());
                }
                catch (RuntimeException refused) {
                    return UNANSWERED;
                }
            }
            if (type instanceof GraphQLEnumType enumeration) {
                try {
                    return enumeration.serialize(value, this.context.getGraphQLContext(), this.context.getLocale());
                }
                catch (RuntimeException refused) {
                    return UNANSWERED;
                }
            }
            if (type instanceof GraphQLList list) {
                return list(list, field, value);
            }
            if (type instanceof GraphQLObjectType object) {
                return object(object, field, value);
            }
            // An interface or a union: a planned row knows its type; anything else
            // goes to the type resolver on the usual path.
            if (value instanceof PlannedRow row) {
                return object(this.context.getGraphQLSchema().getObjectType(row.type()), field, value);
            }
            return UNANSWERED;
        }

        private Object fetched(Child child, PlannedRow row, Object source) {
            if (row != null) {
                return row.planned(child.resultKey) ? row.valueAt(child.resultKey) : UNANSWERED;
            }
            if (!(child.fetcher instanceof LightDataFetcher<?> light)) {
                return UNANSWERED;
            }
            try {
                return light.get(child.definition, source, () -> {
                    throw new NeedsEnvironment();
                });
            }
            catch (Exception ex) {
                return UNANSWERED;
            }
        }

        private Shape shape(GraphQLObjectType type, MergedField field) {
            Map<String, Shape> byType = this.shapes.byField.computeIfAbsent(field, key -> new ConcurrentHashMap<>());
            return byType.computeIfAbsent(type.getName(), name -> collect(type, field));
        }

        private Shape collect(GraphQLObjectType type, MergedField field) {
            FieldCollectorParameters parameters = FieldCollectorParameters.newParameters()
                .schema(this.context.getGraphQLSchema())
                .objectType(type)
                .fragments(this.context.getFragmentsByName())
                .variables(this.context.getCoercedVariables().toMap())
                .graphQLContext(this.context.getGraphQLContext())
                .build();
            MergedSelectionSet selection = DirectCompletion.this.fieldCollector.collectFields(parameters, field, false);
            Shape shape = new Shape();
            for (Map.Entry<String, MergedField> entry : selection.getSubFields().entrySet()) {
                MergedField child = entry.getValue();
                String name = child.getName();
                if (name.equals(Introspection.TypeNameMetaFieldDef.getName())) {
                    shape.children.add(new Child(entry.getKey(), child, Introspection.TypeNameMetaFieldDef, null));
                    continue;
                }
                GraphQLFieldDefinition definition = type.getFieldDefinition(name);
                if (definition == null) {
                    shape.unanswerable = true;
                    continue;
                }
                DataFetcher<?> fetcher = this.context.getGraphQLSchema()
                    .getCodeRegistry()
                    .getDataFetcher(type, definition);
                shape.children.add(new Child(entry.getKey(), child, definition, fetcher));
            }
            return shape;
        }

    }

    /** A property fetcher that wanted the full environment: not one the walk can call. */
    private static final class NeedsEnvironment extends RuntimeException {

        NeedsEnvironment() {
            super(null, null, false, false);
        }

    }

}
