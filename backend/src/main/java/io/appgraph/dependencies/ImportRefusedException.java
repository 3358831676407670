package io.appgraph.dependencies;

import java.util.List;

/**
 * An import refused as a whole: the batch is broken, so nothing of it is written.
 * Answered with 400 and a body naming each problem.
 */
public final class ImportRefusedException extends RuntimeException {

    private final List<String> details;

    public ImportRefusedException(String error, List<String> details) {
        super(error);
        this.details = List.copyOf(details);
    }

    public List<String> details() {
        return this.details;
    }

}
