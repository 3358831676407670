package io.appgraph.platform;

import java.time.Duration;

import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;

/**
 * Stops a request that has run longer than the limit before it fetches another field. Database
 * work is bounded separately by the transaction timeout of {@link Cypher}.
 */
final class ExecutionTimeLimit extends SimplePerformantInstrumentation {

    private final Duration limit;

    ExecutionTimeLimit(Duration limit) {
        this.limit = limit;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Deadline(System.nanoTime() + this.limit.toNanos());
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (state instanceof Deadline deadline && System.nanoTime() > deadline.nanos()) {
            throw new AbortExecutionException("The request ran longer than the " + this.limit.toSeconds()
                    + " s limit and was stopped");
        }
        return FieldFetchingInstrumentationContext.NOOP;
    }

    private record Deadline(long nanos) implements InstrumentationState {
    }
}
