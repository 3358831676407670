package io.appgraph.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies over appgraph.http.max-request-size (1 MiB by default) are refused with
 * 413.
 */
class RequestSizeLimitIT extends IntegrationTest {

    private static final int MIB = 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    @Test
    void aDeclaredBodyOverTheLimitIsRefused() throws Exception {
        HttpResponse<String> response = post(BodyPublishers.ofByteArray(graphQlRequestOf(2 * MIB)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asString()).isEqualTo("Request body too large");
        assertThat(body.get("details").values()).extracting(JsonNode::asString)
            .containsExactly("The limit is 1048576 bytes (appgraph.http.max-request-size)",
                    "The request body has 2097152 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws Exception {
        byte[] request = graphQlRequestOf(2 * MIB);
        HttpResponse<String> response = post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request)));

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("details").values()).extracting(JsonNode::asString)
            .containsExactly("The limit is 1048576 bytes (appgraph.http.max-request-size)",
                    "The request body has more than 1048576 bytes (chunked, read until the limit)");
    }

    @Test
    void aNormalGraphQlRequestStillWorks() throws Exception {
        HttpResponse<String> response = post(BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/data/__typename").asString()).isEqualTo("Query");
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheHandlerWhole() throws Exception {
        byte[] request = graphQlRequestOf(MIB - 1024);
        HttpResponse<String> response = post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/data/__typename").asString()).isEqualTo("Query");
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        HttpResponse<String> response = post(BodyPublishers.ofByteArray(graphQlRequestOf(MIB)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/graphql"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(body)
            .build();
        return this.http.send(request, BodyHandlers.ofString());
    }

    // A valid GraphQL request of exactly the given size: the query padded with a comment.
    private static byte[] graphQlRequestOf(int size) {
        String prefix = "{\"query\":\"{ __typename } #";
        String suffix = "\"}";
        char[] padding = new char[size - prefix.length() - suffix.length()];
        Arrays.fill(padding, 'x');
        byte[] request = (prefix + new String(padding) + suffix).getBytes(StandardCharsets.UTF_8);
        assertThat(request).hasSize(size);
        return request;
    }

}
