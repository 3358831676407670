package io.appgraph.releases;

/** Where a release stands. */
enum ReleaseStatus {

    IN_PROGRESS, SUCCEEDED, FAILED, ROLLED_BACK

}
