package io.appgraph.platform.planner;

import graphql.GraphQLContext;
import graphql.TypeResolutionEnvironment;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLObjectType;
import graphql.schema.TypeResolver;

/**
 * Resolves the fields of {@link PlannedRow}s from the planned statement's answer, in
 * place of their data fetchers: no I/O, no batch loader, no per-field observation. It
 * must be the last instrumentation, so that no other one wraps a fetcher of a planned
 * field. A field the plan does not hold goes to its own data fetcher with the record the
 * type declared as its source.
 */
final class PlannedFieldResolution extends SimplePerformantInstrumentation {

    private static final String BY_RESULT_KEY = PlannedFieldResolution.class.getName() + ".byResultKey";

    /**
     * Trivial fields of planned rows resolve by name through graphql-java's property
     * fetcher ({@link PlannedRow#get}), the fast path. A plan that holds a field under
     * two result keys, or leaves some to data fetchers, turns that off for its request.
     */
    static void resolveByResultKey(GraphQLContext context) {
        context.put(BY_RESULT_KEY, Boolean.TRUE);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
            InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (parameters.isTrivialDataFetcher()
                && !parameters.getExecutionContext().getGraphQLContext().getBoolean(BY_RESULT_KEY, false)) {
            return dataFetcher;
        }
        DataFetchingEnvironment environment = parameters.getEnvironment();
        if (!(environment.getSource() instanceof PlannedRow row)) {
            return dataFetcher;
        }
        String key = environment.getField().getResultKey();
        if (row.planned(key)) {
            return ignored -> row.valueAt(key);
        }
        if (environment.getField().getName().startsWith("__")) {
            return dataFetcher;
        }
        return unplanned -> dataFetcher
            .get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(unplanned).source(row.source()).build());
    }

    /**
     * Resolves interfaces such as {@code Node} for planned rows, and leaves records to
     * {@code delegate}.
     */
    static TypeResolver typeResolver(TypeResolver delegate) {
        return new TypeResolver() {
            @Override
            public GraphQLObjectType getType(TypeResolutionEnvironment environment) {
                return (environment.getObject() instanceof PlannedRow row)
                        ? environment.getSchema().getObjectType(row.type()) : delegate.getType(environment);
            }
        };
    }

}
