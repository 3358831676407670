package io.appgraph.platform;

/**
 * Something a query names does not exist; reaches the client as a NOT_FOUND GraphQL
 * error.
 */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

}
