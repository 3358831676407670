package io.appgraph.releases;

import java.time.OffsetDateTime;

/**
 * One message of the live release feed.
 *
 * @param kind whether the release started or finished
 * @param release the release as it stood after the event
 * @param squadName the squad owning the app when the event committed, or null
 * @param at when the release started or finished
 */
record ReleaseEvent(ReleaseEventCommitted.Kind kind, Release release, String squadName, OffsetDateTime at) {

    static ReleaseEvent of(ReleaseEventCommitted committed) {
        Release release = committed.release();
        OffsetDateTime at = (committed.kind() == ReleaseEventCommitted.Kind.FINISHED && release.finishedAt() != null)
                ? release.finishedAt() : release.startedAt();
        return new ReleaseEvent(committed.kind(), release, committed.squad(), at);
    }

}
