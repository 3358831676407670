package io.appgraph.notify;

/**
 * A delivery that failed and will be retried. Its message is logged: it names what went
 * wrong (a status, an unreachable host) and never carries a secret.
 */
class DeliveryException extends RuntimeException {

    DeliveryException(String message) {
        super(message);
    }

}
