package io.appgraph.releases;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import io.appgraph.platform.Values;
import io.appgraph.releases.ReleaseEventCommitted.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Record;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings the starts and finishes that other instances on the same database commit into
 * this instance's live feed, so a subscriber sees every release whichever replica its
 * pipeline posted to. While anyone here is subscribed it reads, every
 * {@code appgraph.releases.feed.poll-interval}, the changes committed since the last it
 * saw, by the time stamp each write gives them, looking back a few seconds more for
 * transactions that committed after a later one; the feed publishes each event once.
 */
@Component
final class ReleaseFeedPoller {

    private static final Log log = LogFactory.getLog(ReleaseFeedPoller.class);

    // A transaction stamps its changes when it starts and commits a little later; a
    // change stamped before the latest one seen may still be committing.
    private static final Duration LOOK_BACK = Duration.ofSeconds(5);

    // Most changes one poll reads; more wait for the next.
    private static final int LIMIT = 20_000;

    private static final String NOW = "RETURN datetime.transaction() AS now";

    // The keys alone first: most changes in the look-back were published already.
    private static final String CHANGED = """
            CALL () {
              MATCH (release:Release) WHERE release.startCommittedAt > $since
              RETURN release.externalId AS externalId, 'STARTED' AS kind, release.startCommittedAt AS stamp
              ORDER BY release.startCommittedAt LIMIT $limit
              UNION ALL
              MATCH (release:Release) WHERE release.finishCommittedAt > $since
              RETURN release.externalId AS externalId, 'FINISHED' AS kind, release.finishCommittedAt AS stamp
              ORDER BY release.finishCommittedAt LIMIT $limit
            }
            RETURN externalId, kind, stamp ORDER BY stamp LIMIT $limit
            """;

    private static final String RELEASES = """
            UNWIND $externalIds AS externalId
            MATCH (release:Release {externalId: externalId})
            RETURN externalId, %s AS release,
                   head(COLLECT { MATCH (release)-[:OF]->(:App)-[:OWNED_BY]->(squad:Squad)
                                  RETURN squad.name LIMIT 1 }) AS squad
            """.formatted(Release.projection("release"));

    private final Cypher cypher;

    private final ReleaseFeed feed;

    // The latest stamp seen; null while no one here is subscribed.
    private OffsetDateTime latest;

    ReleaseFeedPoller(Cypher cypher, ReleaseFeed feed) {
        this.cypher = cypher;
        this.feed = feed;
    }

    @Scheduled(fixedDelayString = "${appgraph.releases.feed.poll-interval:1s}")
    void poll() {
        try {
            if (this.feed.subscriberCount() == 0) {
                this.latest = null;
                return;
            }
            if (this.latest == null) {
                // Subscribers get what commits from now on.
                this.latest = this.cypher.list(NOW, Map.of(), r -> Values.offsetDateTime(r.get("now"))).get(0);
                return;
            }
            List<Record> changed = this.cypher.list(CHANGED,
                    Map.of("since", this.latest.minus(LOOK_BACK), "limit", LIMIT), r -> r);
            List<Record> unseen = new ArrayList<>();
            for (Record change : changed) {
                OffsetDateTime stamp = Values.offsetDateTime(change.get("stamp"));
                if (stamp.isAfter(this.latest)) {
                    this.latest = stamp;
                }
                if (!this.feed.published(Kind.valueOf(change.get("kind").asString()),
                        change.get("externalId").asString())) {
                    unseen.add(change);
                }
            }
            if (unseen.isEmpty()) {
                return;
            }
            Map<String, Record> releases = new HashMap<>();
            this.cypher
                .list(RELEASES,
                        Map.of("externalIds",
                                unseen.stream().map(c -> c.get("externalId").asString()).distinct().toList()),
                        r -> r)
                .forEach(r -> releases.put(r.get("externalId").asString(), r));
            for (Record change : unseen) {
                Record found = releases.get(change.get("externalId").asString());
                if (found == null) {
                    continue;
                }
                this.feed.offer(ReleaseEvent.of(new ReleaseEventCommitted(Kind.valueOf(change.get("kind").asString()),
                        Release.from(found.get("release")), found.get("squad").asString(null))));
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not read the releases other instances committed; trying again: " + ex.getMessage());
        }
    }

}
