package io.appgraph.platform.planner;

/**
 * A selection one Cypher map cannot answer, such as one result key naming two different
 * fields under merged parents. The read then goes through its data fetchers and batch
 * loaders instead.
 */
public class UnplannableSelectionException extends RuntimeException {

    public UnplannableSelectionException(String message) {
        super(message);
    }

}
