package io.appgraph.releases;

/** Where a release stands. */
public enum ReleaseStatus {

    IN_PROGRESS, SUCCEEDED, FAILED, ROLLED_BACK

}
