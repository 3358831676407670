package io.appgraph.releases;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.appgraph.ExternalNeo4j;
import io.appgraph.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two appgraph instances on one database, as replicas behind one Service: a pipeline
 * posts to one, and the live feed's subscribers on both see each start and finish, once.
 */
class ReleaseFeedReplicasIT {

    private static final ExternalNeo4j database = ExternalNeo4j.start();

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void subscribersOnEveryInstanceSeeEachStartAndFinishOnce() throws Exception {
        try (ConfigurableApplicationContext writer = start(); ConfigurableApplicationContext other = start()) {
            new Fixtures(writer.getBean(Driver.class)).squad("payments").app("payments-api", "payments", null);
            CompletableFuture<List<GraphQlTester.Response>> there = subscribe(other);
            CompletableFuture<List<GraphQlTester.Response>> here = subscribe(writer);

            GraphQlTester graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + ExternalNeo4j.port(writer) + "/graphql")
                .build());
            graphQl.documentName("StartRelease")
                .variable("input",
                        Map.of("app", "payments-api", "externalId", "run-7", "version", "1.4.0", "startedAt",
                                "2026-11-27T09:00:00Z"))
                .execute()
                .path("startRelease.errors")
                .entityList(Object.class)
                .hasSize(0);
            graphQl.documentName("FinishRelease")
                .variable("input",
                        Map.of("externalId", "run-7", "outcome", "FAILED", "finishedAt", "2026-11-27T09:03:00Z"))
                .execute()
                .path("finishRelease.errors")
                .entityList(Object.class)
                .hasSize(0);

            for (CompletableFuture<List<GraphQlTester.Response>> feed : List.of(there, here)) {
                List<GraphQlTester.Response> events = feed.get(30, TimeUnit.SECONDS);
                assertThat(events).extracting(e -> e.path("releaseEvents.kind").entity(String.class).get())
                    .containsExactly("STARTED", "FINISHED");
                assertThat(events)
                    .extracting(e -> e.path("releaseEvents.release.externalId").entity(String.class).get())
                    .containsOnly("run-7");
                assertThat(events.get(0).path("releaseEvents.squad.name").entity(String.class).get())
                    .isEqualTo("payments");
                assertThat(events.get(1).path("releaseEvents.release.status").entity(String.class).get())
                    .isEqualTo("FAILED");
            }
        }
    }

    // What a subscriber receives in its first 8 seconds, up to 3 events: a third would be
    // one of the two again.
    private static CompletableFuture<List<GraphQlTester.Response>> subscribe(ConfigurableApplicationContext app) {
        ReleaseFeed feed = app.getBean(ReleaseFeed.class);
        int before = feed.subscriberCount();
        CompletableFuture<List<GraphQlTester.Response>> events = WebSocketGraphQlTester
            .builder("ws://localhost:" + ExternalNeo4j.port(app) + "/graphql", new StandardWebSocketClient())
            .build()
            .documentName("ReleaseEvents")
            .executeSubscription()
            .toFlux()
            .take(3)
            .take(Duration.ofSeconds(8))
            .collectList()
            .toFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.subscriberCount() == before + 1);
        return events;
    }

    private static ConfigurableApplicationContext start() {
        return database.appgraph("--appgraph.ownership.sweep-enabled=false",
                "--appgraph.releases.feed.poll-interval=200ms");
    }

}
