package io.appgraph.releases;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import io.appgraph.releases.ReleaseEventCommitted.Kind;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber that stops reading is cut off once its buffer is full: the feed lets go of
 * it at once, and when it reads again it gets what was buffered, then an error that says
 * why. Subscribers that keep up get every event, in order.
 */
class ReleaseFeedTests {

    private static final ReleaseFeed.Filter EVERYTHING = new ReleaseFeed.Filter(null, null, null);

    private final ReleaseFeed feed = new ReleaseFeed(new ReleaseFeedProperties(4));

    @Test
    void aSubscriberThatFallsBehindIsCutOffAndTheOthersGetEveryEvent() {
        List<String> slowlyRead = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> cutOff = new AtomicReference<>();
        BaseSubscriber<ReleaseEvent> stuck = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // Reads nothing for now, as a client whose socket is stuck.
            }

            @Override
            protected void hookOnNext(ReleaseEvent event) {
                slowlyRead.add(event.release().externalId());
            }

            @Override
            protected void hookOnError(Throwable error) {
                cutOff.set(error);
            }
        };
        this.feed.events(EVERYTHING).subscribe(stuck);
        List<String> read = new CopyOnWriteArrayList<>();
        Disposable reader = this.feed.events(EVERYTHING).subscribe(event -> read.add(event.release().externalId()));
        assertThat(this.feed.subscriberCount()).isEqualTo(2);

        // One event at a time, each read before the next: this reader keeps up.
        for (int i = 0; i < 20; i++) {
            this.feed.committed(new ReleaseEventCommitted(Kind.STARTED, release("run-" + i), "payments"));
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> read.size() == expected);
        }

        assertThat(read).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "run-" + i).toList());
        reader.dispose();
        assertThat(this.feed.subscriberCount()).as("the stuck subscriber was let go when its buffer overflowed")
            .isZero();

        // When it reads again it gets the oldest events it had buffered (never more than
        // the buffer of 4 and the one handed on), then the error that says it fell
        // behind.
        stuck.request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(30)).until(() -> cutOff.get() != null);
        assertThat(slowlyRead).hasSizeLessThanOrEqualTo(5)
            .containsExactlyElementsOf(IntStream.range(0, slowlyRead.size()).mapToObj(i -> "run-" + i).toList());
        assertThat(cutOff.get()).isInstanceOf(ReleaseFeed.FellBehindException.class)
            .hasMessageStartingWith("The subscriber fell more than 4 events behind the release feed");
    }

    @Test
    void anEventIsAtTheStartOrTheFinishOfItsRelease() {
        Release finished = new Release("run-1", "payments-api", null, null, null, "prod", ReleaseStatus.SUCCEEDED,
                OffsetDateTime.parse("2026-11-27T09:00:00Z"), OffsetDateTime.parse("2026-11-27T09:03:00Z"));

        assertThat(ReleaseEvent.of(new ReleaseEventCommitted(Kind.STARTED, finished, null)).at())
            .isEqualTo(finished.startedAt());
        assertThat(ReleaseEvent.of(new ReleaseEventCommitted(Kind.FINISHED, finished, null)).at())
            .isEqualTo(finished.finishedAt());
    }

    private static Release release(String externalId) {
        return new Release(externalId, "payments-api", "1.0." + externalId.length(), null, null, "prod",
                ReleaseStatus.IN_PROGRESS, OffsetDateTime.parse("2026-11-27T09:00:00Z"), null);
    }

}
