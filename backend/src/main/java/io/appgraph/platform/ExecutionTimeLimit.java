package io.appgraph.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;

/**
 * Stops a request that has run longer than the limit: no field is fetched after the
 * deadline, and the client gets one error saying why instead of a partial answer.
 * Database work is bounded separately by the transaction timeout of {@link Cypher}.
 * Subscriptions are exempt: they run for as long as their client stays, and each event's
 * fields would otherwise be cut off once the subscription is older than the limit.
 */
final class ExecutionTimeLimit extends SimplePerformantInstrumentation {

    private final Duration limit;

    private final LongSupplier nanoTime;

    ExecutionTimeLimit(Duration limit) {
        this(limit, System::nanoTime);
    }

    /**
     * With the clock a test controls, so it can assert on what is stopped rather than on
     * how long things take.
     */
    ExecutionTimeLimit(Duration limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Deadline(this.nanoTime.getAsLong() + this.limit.toNanos(), this.nanoTime);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        if (state instanceof Deadline deadline) {
            deadline.subscription = parameters.getExecutionContext()
                .getOperationDefinition()
                .getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
            InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        // A trivial fetcher reads a value already fetched, and each event of a
        // subscription
        // is new work: the deadline is for the work of one request.
        if (state instanceof Deadline deadline && !deadline.subscription && !parameters.isTrivialDataFetcher()) {
            return environment -> deadline.passed() ? null : dataFetcher.get(environment);
        }
        return dataFetcher;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (state instanceof Deadline deadline && !deadline.subscription && deadline.passed()) {
            return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult()
                .data(null)
                .errors(List.of(GraphqlErrorBuilder.newError()
                    .message("The request ran longer than the %d s limit and was stopped", this.limit.toSeconds())
                    .errorType(ServerErrorType.TIMEOUT)
                    .extensions(Map.of("code", "TIMEOUT"))
                    .build()))
                .build());
        }
        return CompletableFuture.completedFuture(result);
    }

    private static final class Deadline implements InstrumentationState {

        private final long nanos;

        private final LongSupplier nanoTime;

        private volatile boolean passed;

        private volatile boolean subscription;

        Deadline(long nanos, LongSupplier nanoTime) {
            this.nanos = nanos;
            this.nanoTime = nanoTime;
        }

        boolean passed() {
            if (!this.passed && this.nanoTime.getAsLong() > this.nanos) {
                this.passed = true;
            }
            return this.passed;
        }

    }

}
