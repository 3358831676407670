package io.appgraph.platform.security;

import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition.Operation;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Carries the caller of each GraphQL request into its execution, and in {@code oidc} mode
 * refuses a mutation from a caller without the writer role before any field of it runs,
 * so nothing is written.
 */
final class GraphQlCallers {

    private GraphQlCallers() {
    }

    /** Records the request's {@link Caller} in its GraphQL context. */
    static final class Recorder implements WebGraphQlInterceptor {

        private final Callers callers;

        Recorder(Callers callers) {
            this.callers = callers;
        }

        @Override
        public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            Caller caller = this.callers.of(authentication);
            if (caller != null) {
                request.configureExecutionInput(
                        (input, builder) -> builder.graphQLContext(Map.of(Caller.CONTEXT_KEY, caller)).build());
            }
            return chain.next(request);
        }

    }

    /** Refuses mutations to callers without the writer role. */
    static final class WriterRoleRequired extends SimplePerformantInstrumentation {

        private final String writerRole;

        WriterRoleRequired(String writerRole) {
            this.writerRole = writerRole;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            var context = parameters.getExecutionContext();
            if (context.getOperationDefinition().getOperation() == Operation.MUTATION) {
                Caller caller = Caller.of(context.getGraphQLContext());
                if (caller == null || !caller.writer()) {
                    String who = (caller != null) ? caller.name() : "an unidentified caller";
                    throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                        .errorType(ErrorType.FORBIDDEN)
                        .message("Changing the estate needs the '%s' role, which %s does not have; nothing was written."
                            .formatted(this.writerRole, who))
                        .extensions(Map.of("code", "FORBIDDEN"))
                        .build()));
                }
            }
            return super.beginExecuteOperation(parameters, state);
        }

    }

}
