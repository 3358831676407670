package io.appgraph.platform;

/** The server refused a read it could not start in time; the client may retry. */
public class BusyException extends RuntimeException {

    public BusyException(String message) {
        super(message);
    }

}
