package io.appgraph.platform;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.normalized.ExecutableNormalizedField;
import org.springframework.graphql.execution.ErrorType;

/**
 * Refuses a request before any Cypher runs when it holds more expensive root fields
 * (traversals, whole-estate reads) than allowed, or when its {@link QueryCost} is over
 * the limit; the error says which limit, and by how much.
 */
final class CostLimits extends MaxQueryComplexityInstrumentation {

    private final QueryCost cost;

    private final int maxExpensiveFields;

    CostLimits(QueryCost cost, int maxComplexity, int maxExpensiveFields) {
        super(maxComplexity, cost);
        this.cost = cost;
        this.maxExpensiveFields = maxExpensiveFields;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        List<ExecutableNormalizedField> expensive = parameters.getExecutionContext()
            .getNormalizedQueryTree()
            .get()
            .getTopLevelFields()
            .stream()
            .filter(field -> field.getObjectTypeNames()
                .stream()
                .anyMatch(type -> this.cost.isExpensive(type, field.getName())))
            .toList();
        if (expensive.size() > this.maxExpensiveFields) {
            Map<String, Long> byName = expensive.stream()
                .collect(
                        Collectors.groupingBy(ExecutableNormalizedField::getName, TreeMap::new, Collectors.counting()));
            throw refusal(
                    "The request holds %d expensive fields (%s), %d over the limit of %d (appgraph.graphql.max-expensive-fields): send them in separate requests"
                        .formatted(expensive.size(),
                                byName.entrySet()
                                    .stream()
                                    .map(e -> e.getKey() + " x" + e.getValue())
                                    .collect(Collectors.joining(", ")),
                                expensive.size() - this.maxExpensiveFields, this.maxExpensiveFields));
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    protected AbortExecutionException mkAbortException(int totalComplexity, int maxComplexity) {
        return refusal(
                "The request costs %,d, %,d over the limit of %,d (appgraph.graphql.max-complexity): select fewer fields, smaller pages or a lower maxDepth"
                    .formatted(totalComplexity, totalComplexity - maxComplexity, maxComplexity));
    }

    private static AbortExecutionException refusal(String message) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
            .message(message)
            .errorType(ErrorType.BAD_REQUEST)
            .extensions(Map.of("code", "TOO_COSTLY"))
            .build()));
    }

}
