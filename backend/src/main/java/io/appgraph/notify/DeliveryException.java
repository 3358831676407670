package io.appgraph.notify;

/**
 * A delivery that failed. Its message is logged: it names what went wrong (a status, an
 * unreachable host) and never carries a secret. Most failures are retried with backoff; a
 * {@link #permanent} one (the destination refused the message itself) is not, since
 * sending the same message again cannot succeed.
 */
public class DeliveryException extends RuntimeException {

    private final boolean permanent;

    public DeliveryException(String message) {
        this(message, false);
    }

    private DeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    /** A failure that sending the message again cannot mend. */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, true);
    }

    /**
     * The failure an HTTP status says: the message itself refused (400, 404, 405, 410,
     * 413, 415, 422) is permanent; anything else (401 or 403 until a token is mended,
     * 408, 429, 5xx) is retried.
     */
    public static DeliveryException answered(String destination, int status) {
        String message = destination + " answered " + status;
        return switch (status) {
            case 400, 404, 405, 410, 413, 415, 422 -> permanent(message + ", refusing the message itself: not retried");
            default -> new DeliveryException(message);
        };
    }

    public boolean isPermanent() {
        return this.permanent;
    }

}
