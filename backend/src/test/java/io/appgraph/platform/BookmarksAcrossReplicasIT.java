package io.appgraph.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.appgraph.ExternalNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two appgraph instances on one database, as replicas: a client writes through one,
 * carries the bookmark it got to the other, and reads its write there; values that are
 * not bookmarks of this database are refused before anything runs. (One server cannot lag
 * behind itself, so the waiting is Neo4j's; what is tested is that the bookmark is given
 * out, accepted where it is valid, and refused where it is not.)
 */
class BookmarksAcrossReplicasIT {

    private static final ExternalNeo4j database = ExternalNeo4j.start();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void aClientReadsItsOwnWriteThroughAnotherReplica() throws Exception {
        try (ConfigurableApplicationContext one = start(); ConfigurableApplicationContext other = start()) {
            HttpResponse<String> wrote = post(one,
                    "mutation { upsertSquad(input: {name: \"bookmarked\"}) { squad { name } errors { message } } }",
                    null);
            assertThat(wrote.statusCode()).isEqualTo(200);
            String bookmark = wrote.headers().firstValue(Bookmarks.HEADER).orElseThrow();

            HttpResponse<String> read = post(other, "{ squad(name: \"bookmarked\") { name } }", bookmark);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).at("/data/squad/name").asString()).isEqualTo("bookmarked");
            assertThat(read.headers().firstValue(Bookmarks.HEADER)).isPresent();
        }
    }

    @Test
    void whatIsNotABookmarkOfThisDatabaseIsRefusedBeforeAnythingRuns() throws Exception {
        try (ConfigurableApplicationContext one = start()) {
            String mutation = "mutation { upsertSquad(input: {name: \"never\"}) { squad { name } } }";
            HttpResponse<String> garbage = post(one, mutation, "not base64 json!");
            assertThat(garbage.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(garbage.body()).path("error").asString())
                .isEqualTo("Appgraph-Bookmark is not a value appgraph gave out");

            String foreign = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("[\"FB:not-a-real-bookmark\"]".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> unknown = post(one, mutation, foreign);
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
            assertThat(JSON.readTree(unknown.body()).path("error").asString())
                .startsWith("Appgraph-Bookmark is not a bookmark of this database");

            JsonNode squad = JSON.readTree(post(one, "{ squad(name: \"never\") { name } }", null).body());
            assertThat(squad.at("/data/squad").isNull()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start() {
        return database.appgraph("--appgraph.ownership.sweep-enabled=false", "--appgraph.outbox.enabled=false");
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext appgraph, String query, String bookmark)
            throws Exception {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + ExternalNeo4j.port(appgraph) + "/graphql"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
        if (bookmark != null) {
            request.header(Bookmarks.HEADER, bookmark);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
