package io.appgraph.platform;

/**
 * An argument is outside what the API accepts; reaches the client as a BAD_REQUEST error
 * with code INVALID.
 */
public final class InvalidArgumentException extends RuntimeException {

    public InvalidArgumentException(String message) {
        super(message);
    }

}
