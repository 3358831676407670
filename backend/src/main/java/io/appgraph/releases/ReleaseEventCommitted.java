package io.appgraph.releases;

/**
 * A pipeline event that changed a release, published as a Spring application event after
 * its write transaction committed (never for a replay that changed nothing). The live
 * release feed listens for it.
 *
 * @param kind whether the release started or finished
 * @param release the release as it stands after the event
 * @param squad the name of the squad owning the released app, or null
 */
record ReleaseEventCommitted(Kind kind, Release release, String squad) {

    /** What a pipeline reported. */
    enum Kind {

        STARTED, FINISHED

    }

}
