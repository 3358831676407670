package io.appgraph;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the HMAC-signed webhooks ({@code X-Appgraph-Signature-256}): a CI pipeline
 * posting to {@code /api/pipelines/events}, the HR system to {@code /api/hr/leavers}.
 */
public final class SignedWebhookClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private final String url;

    private final String secret;

    /** A pipeline's client of {@code /api/pipelines/events} at {@code baseUrl}. */
    public static SignedWebhookClient pipeline(String baseUrl, String secret) {
        return new SignedWebhookClient(baseUrl + "/api/pipelines/events", secret);
    }

    /** The HR system's client of {@code /api/hr/leavers} at {@code baseUrl}. */
    public static SignedWebhookClient hrFeed(String baseUrl, String secret) {
        return new SignedWebhookClient(baseUrl + "/api/hr/leavers", secret);
    }

    private SignedWebhookClient(String url, String secret) {
        this.url = url;
        this.secret = secret;
    }

    /** Posts the event as JSON, signed with the secret. */
    public Answer post(Map<String, Object> event) {
        return postSigned(JSON.writeValueAsBytes(event));
    }

    public Answer postSigned(byte[] body) {
        return post(body, "sha256=" + sign(body, this.secret));
    }

    /** Posts a text body of the given content type, signed with the secret. */
    public Answer postSigned(String contentType, String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return post(contentType, raw, "sha256=" + sign(raw, this.secret));
    }

    /** Posts a JSON body with the given signature header; none when null. */
    public Answer post(byte[] body, String signature) {
        return post("application/json", body, signature);
    }

    /** Posts a body with the given content type and signature header; none when null. */
    public Answer post(String contentType, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url))
            .header("Content-Type", contentType)
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

    /** The hex HMAC-SHA256 of {@code body} with {@code secret}. */
    public static String sign(byte[] body, String secret) {
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
    public record Answer(int status, String body) {

        public JsonNode json() {
            return JSON.readTree(this.body);
        }

        public String error() {
            return json().get("error").asString();
        }

        /** The problems the answer lists, as one JSON text. */
        public String details() {
            return json().get("details").toString();
        }

        /** The problems the answer lists, one by one. */
        public List<String> detailList() {
            return json().get("details").valueStream().map(JsonNode::asString).toList();
        }

    }

}
