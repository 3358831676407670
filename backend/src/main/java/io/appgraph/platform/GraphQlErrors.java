package io.appgraph.platform;

import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.exceptions.ClientException;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Turns failures into classified GraphQL errors. Expected ones say what was wrong;
 * anything else is logged here and reaches the client as INTERNAL_ERROR without a stack
 * trace or a Cypher query.
 */
@ControllerAdvice
class GraphQlErrors {

    private static final Log log = LogFactory.getLog(GraphQlErrors.class);

    // Neo4j's status codes for a transaction stopped at its timeout (the client's or the
    // server's).
    private static final String TRANSACTION_TIMED_OUT = "Neo.ClientError.Transaction.TransactionTimedOut";

    @GraphQlExceptionHandler
    GraphQLError notFound(NotFoundException ex, DataFetchingEnvironment environment) {
        return error(environment, ErrorType.NOT_FOUND, "NOT_FOUND", ex.getMessage());
    }

    @GraphQlExceptionHandler
    GraphQLError invalid(InvalidArgumentException ex, DataFetchingEnvironment environment) {
        return error(environment, ErrorType.BAD_REQUEST, "INVALID", ex.getMessage());
    }

    @GraphQlExceptionHandler
    GraphQLError busy(BusyException ex, DataFetchingEnvironment environment) {
        return error(environment, ServerErrorType.BUSY, "BUSY", ex.getMessage());
    }

    @GraphQlExceptionHandler
    GraphQLError forbidden(AccessDeniedException ex, DataFetchingEnvironment environment) {
        return error(environment, ErrorType.FORBIDDEN, "FORBIDDEN", ex.getMessage());
    }

    @GraphQlExceptionHandler
    GraphQLError database(ClientException ex, DataFetchingEnvironment environment) {
        if (ex.code() != null && ex.code().startsWith(TRANSACTION_TIMED_OUT)) {
            log.warn("Neo4j stopped a transaction of " + environment.getExecutionStepInfo().getPath()
                    + " at its time limit");
            return error(environment, ServerErrorType.TIMEOUT, "TIMEOUT",
                    "The request ran longer than its time limit and was stopped");
        }
        log.error("Neo4j refused a statement of " + environment.getExecutionStepInfo().getPath(), ex);
        return error(environment, ErrorType.INTERNAL_ERROR, "INTERNAL", "The database refused the request");
    }

    @GraphQlExceptionHandler
    GraphQLError unexpected(RuntimeException ex, DataFetchingEnvironment environment) {
        log.error("Unexpected failure at " + environment.getExecutionStepInfo().getPath(), ex);
        return error(environment, ErrorType.INTERNAL_ERROR, "INTERNAL", "Something went wrong on the server");
    }

    private static GraphQLError error(DataFetchingEnvironment environment, ErrorClassification type, String code,
            String message) {
        return GraphqlErrorBuilder.newError(environment)
            .errorType(type)
            .message(message)
            .extensions(Map.of("code", code))
            .build();
    }

}
