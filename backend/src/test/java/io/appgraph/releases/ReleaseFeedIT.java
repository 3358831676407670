package io.appgraph.releases;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import io.appgraph.releases.ReleaseEventCommitted.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live release feed over a real WebSocket (graphql-ws) against the running app: each
 * committed release event reaches the subscribers whose filters match, with the release's
 * fields resolved, and a finished subscription leaves nothing behind. Events are
 * published as the release writer publishes them, through the application's event
 * publisher.
 */
class ReleaseFeedIT extends IntegrationTest {

    private static final OffsetDateTime STARTED = OffsetDateTime.parse("2026-11-27T09:00:00Z");

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    ReleaseFeed feed;

    private WebSocketGraphQlTester webSocket;

    // The feed publishes each start and finish of a run once, so each test's runs are its
    // own: "run-1" of this test is this prefix and "run-1".
    private final String runs = "feed-" + UUID.randomUUID() + "-";

    @BeforeEach
    void estateAndConnection() {
        new Fixtures(this.driver).squad("payments")
            .squad("search")
            .app("payments-api", "payments", null)
            .app("search-api", "search", null);
        this.webSocket = WebSocketGraphQlTester
            .builder("ws://localhost:" + this.port + "/graphql", new StandardWebSocketClient())
            .build();
    }

    @AfterEach
    void disconnect() {
        this.webSocket.stop().block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> this.feed.subscriberCount() == 0);
    }

    @Test
    void aSubscriberReceivesEachStartAndFinishWithTheReleaseResolved() throws Exception {
        CompletableFuture<List<GraphQlTester.Response>> received = subscribe(Map.of(), 2);

        publish(Kind.STARTED, release("run-1", "payments-api", "prod", ReleaseStatus.IN_PROGRESS, null), "payments");
        publish(Kind.FINISHED,
                release("run-1", "payments-api", "prod", ReleaseStatus.SUCCEEDED, STARTED.plusMinutes(4)), "payments");

        List<GraphQlTester.Response> messages = received.get(30, TimeUnit.SECONDS);
        GraphQlTester.Response started = messages.get(0);
        started.path("releaseEvents.kind").entity(String.class).isEqualTo("STARTED");
        started.path("releaseEvents.at").entity(String.class).isEqualTo("2026-11-27T09:00:00.000Z");
        started.path("releaseEvents.app.name").entity(String.class).isEqualTo("payments-api");
        started.path("releaseEvents.app.tier").entity(String.class).isEqualTo("TIER_2");
        started.path("releaseEvents.squad.name").entity(String.class).isEqualTo("payments");
        started.path("releaseEvents.squad.slackChannel").entity(String.class).isEqualTo("#payments");
        Map<String, Object> release = new HashMap<>();
        release.put("externalId", this.runs + "run-1");
        release.put("app", Map.of("name", "payments-api", "squad", Map.of("name", "payments")));
        release.put("version", "1.4.2");
        release.put("commit", "0a1b2c3");
        release.put("pipelineUrl", "https://ci.example.com/runs/" + this.runs + "run-1");
        release.put("environment", "prod");
        release.put("status", "IN_PROGRESS");
        release.put("startedAt", "2026-11-27T09:00:00.000Z");
        release.put("finishedAt", null);
        release.put("durationSeconds", null);
        started.path("releaseEvents.release").entity(Map.class).isEqualTo(release);
        GraphQlTester.Response finished = messages.get(1);
        finished.path("releaseEvents.kind").entity(String.class).isEqualTo("FINISHED");
        finished.path("releaseEvents.at").entity(String.class).isEqualTo("2026-11-27T09:04:00.000Z");
        finished.path("releaseEvents.release.status").entity(String.class).isEqualTo("SUCCEEDED");
        finished.path("releaseEvents.release.finishedAt").entity(String.class).isEqualTo("2026-11-27T09:04:00.000Z");
        finished.path("releaseEvents.release.durationSeconds").entity(Integer.class).isEqualTo(240);
    }

    @Test
    void eachSubscriberGetsOnlyTheEventsItsFiltersMatch() throws Exception {
        CompletableFuture<List<GraphQlTester.Response>> bySquad = subscribe(Map.of("squad", "payments"), 2);
        CompletableFuture<List<GraphQlTester.Response>> byApp = subscribe(Map.of("app", "search-api"), 1);
        CompletableFuture<List<GraphQlTester.Response>> byEnvironment = subscribe(Map.of("environment", "staging"), 1);
        CompletableFuture<List<GraphQlTester.Response>> byAll = subscribe(
                Map.of("app", "payments-api", "squad", "payments", "environment", "staging"), 1);

        publish(Kind.STARTED, release("run-1", "payments-api", "prod", ReleaseStatus.IN_PROGRESS, null), "payments");
        publish(Kind.STARTED, release("run-2", "search-api", "prod", ReleaseStatus.IN_PROGRESS, null), "search");
        publish(Kind.STARTED, release("run-3", "payments-api", "staging", ReleaseStatus.IN_PROGRESS, null), "payments");

        // Each subscriber's first messages are the first events it matches, in order: an
        // event its filter refuses would have come first.
        assertThat(externalIds(bySquad)).containsExactly("run-1", "run-3");
        assertThat(externalIds(byApp)).containsExactly("run-2");
        assertThat(externalIds(byEnvironment)).containsExactly("run-3");
        assertThat(externalIds(byAll)).containsExactly("run-3");
    }

    @Test
    void aCompletedSubscriptionFreesItsPlaceInTheFeed() throws Exception {
        CompletableFuture<List<GraphQlTester.Response>> first = subscribe(Map.of(), 1);
        CompletableFuture<List<GraphQlTester.Response>> second = subscribe(Map.of(), 2);

        publish(Kind.STARTED, release("run-1", "payments-api", "prod", ReleaseStatus.IN_PROGRESS, null), "payments");
        assertThat(externalIds(first)).containsExactly("run-1");
        // The first client took its one event and completed its subscription: the server
        // lets go of it, and keeps serving the other.
        await().atMost(Duration.ofSeconds(30)).until(() -> this.feed.subscriberCount() == 1);

        publish(Kind.FINISHED, release("run-1", "payments-api", "prod", ReleaseStatus.FAILED, STARTED.plusMinutes(2)),
                "payments");
        assertThat(externalIds(second)).containsExactly("run-1", "run-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> this.feed.subscriberCount() == 0);
    }

    /**
     * Subscribes and waits until the server has registered the subscription, so that no
     * event published next can miss it; the future completes with the first {@code count}
     * messages.
     */
    private CompletableFuture<List<GraphQlTester.Response>> subscribe(Map<String, Object> filter, int count) {
        int before = this.feed.subscriberCount();
        GraphQlTester.Request<?> request = this.webSocket.documentName("ReleaseEvents");
        for (Map.Entry<String, Object> variable : filter.entrySet()) {
            request = request.variable(variable.getKey(), variable.getValue());
        }
        CompletableFuture<List<GraphQlTester.Response>> messages = request.executeSubscription()
            .toFlux()
            .take(count)
            .collectList()
            .toFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> this.feed.subscriberCount() == before + 1);
        return messages;
    }

    private void publish(Kind kind, Release release, String squad) {
        this.events.publishEvent(new ReleaseEventCommitted(kind, release, squad));
    }

    private List<String> externalIds(CompletableFuture<List<GraphQlTester.Response>> messages) throws Exception {
        return messages.get(30, TimeUnit.SECONDS)
            .stream()
            .map(message -> message.path("releaseEvents.release.externalId").entity(String.class).get())
            .map(externalId -> externalId.substring(this.runs.length()))
            .toList();
    }

    private Release release(String run, String app, String environment, ReleaseStatus status,
            OffsetDateTime finishedAt) {
        String externalId = this.runs + run;
        return new Release(externalId, app, "1.4.2", "0a1b2c3", "https://ci.example.com/runs/" + externalId,
                environment, status, STARTED, finishedAt);
    }

}
