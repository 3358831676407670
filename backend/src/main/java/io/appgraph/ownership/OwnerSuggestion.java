package io.appgraph.ownership;

import java.time.OffsetDateTime;

/**
 * An active person who could take an app on.
 *
 * @param handle the person's handle
 * @param reason why they are suggested
 * @param lastReleasedAt when they last triggered a release of the app (RECENT_RELEASER)
 */
record OwnerSuggestion(String handle, Reason reason, OffsetDateTime lastReleasedAt) {

    /** Why a person is suggested, best reason first. */
    enum Reason {

        RECENT_RELEASER, SQUAD_MEMBER, SQUAD_BUDDY

    }

}
