package io.appgraph.releases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How pipeline events are recorded.
 *
 * @param registerUnknownApps when true, a pipeline event naming an app the catalog lacks
 * registers that app (by name alone) instead of being refused (env
 * {@code APPGRAPH_RELEASES_REGISTER_UNKNOWN_APPS})
 * @param writers how concurrent events are grouped into transactions
 */
@ConfigurationProperties("appgraph.releases")
record ReleaseProperties(@DefaultValue("false") boolean registerUnknownApps, @DefaultValue Writers writers) {

    /**
     * Group commit of pipeline events.
     *
     * @param threads how many groups are written at once (env
     * {@code APPGRAPH_RELEASES_WRITERS_THREADS})
     * @param maxBatch how many events one transaction holds at most (env
     * {@code APPGRAPH_RELEASES_WRITERS_MAX_BATCH})
     * @param queue how many events may wait for a transaction; beyond that an event is
     * refused as busy (the webhook answers 503) (env
     * {@code APPGRAPH_RELEASES_WRITERS_QUEUE})
     */
    record Writers(@DefaultValue("2") int threads, @DefaultValue("64") int maxBatch, @DefaultValue("2000") int queue) {
    }

}
