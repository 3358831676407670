package io.appgraph.releases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live release feed ({@code releaseEvents} subscription).
 *
 * @param buffer how many events may wait for one subscriber that reads more slowly than
 * releases commit; past that the subscriber gets an error (code {@code TOO_SLOW}) and its
 * subscription ends, so it can subscribe again and read {@code releases} for what it
 * missed (env {@code APPGRAPH_RELEASES_FEED_BUFFER})
 */
@ConfigurationProperties("appgraph.releases.feed")
record ReleaseFeedProperties(@DefaultValue("256") int buffer) {

    ReleaseFeedProperties {
        if (buffer < 1) {
            throw new IllegalArgumentException("appgraph.releases.feed.buffer must be at least 1, was " + buffer);
        }
    }

}
