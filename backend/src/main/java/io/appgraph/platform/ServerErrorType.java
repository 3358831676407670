package io.appgraph.platform;

import graphql.ErrorClassification;

/**
 * Classifications of server-side refusals that graphql-java and Spring's
 * {@code ErrorType} lack.
 */
enum ServerErrorType implements ErrorClassification {

    /** The request ran past its time limit and was stopped. */
    TIMEOUT,

    /** An expensive read could not start in time; the client may retry. */
    BUSY

}
