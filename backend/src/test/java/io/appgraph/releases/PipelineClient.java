package io.appgraph.releases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A CI pipeline posting signed events to {@code /api/pipelines/events}. */
final class PipelineClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private final String url;

    private final String secret;

    PipelineClient(String baseUrl, String secret) {
        this.url = baseUrl + "/api/pipelines/events";
        this.secret = secret;
    }

    /** Posts the event as JSON, signed with the secret. */
    Answer post(Map<String, Object> event) {
        return postSigned(JSON.writeValueAsBytes(event));
    }

    Answer postSigned(byte[] body) {
        return post(body, "sha256=" + sign(body, this.secret));
    }

    /** Posts a body with the given signature header; none when null. */
    Answer post(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Appgraph-Signature-256", signature);
        }
        try {
            HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The status and the JSON body of an answer. */
    record Answer(int status, String body) {

        JsonNode json() {
            return JSON.readTree(this.body);
        }

        String error() {
            return json().get("error").asString();
        }

        String details() {
            return json().get("details").toString();
        }

    }

}
