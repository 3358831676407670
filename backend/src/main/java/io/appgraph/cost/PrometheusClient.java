package io.appgraph.cost;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a Prometheus its HTTP API: instant queries ({@code /api/v1/query}) and range
 * queries ({@code /api/v1/query_range}); and Grafana Loki its log volume, which answers
 * in the same shape. A failure of any kind (unreachable, an HTTP error, an answer that is
 * not Prometheus') is a {@link PrometheusUnavailableException} saying which Prometheus
 * and why.
 */
final class PrometheusClient {

    private final HttpClient http;

    private final JsonMapper json;

    private final Duration timeout;

    PrometheusClient(JsonMapper json, Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    JsonNode instant(URI prometheus, String query, Instant time) {
        return get("Prometheus", prometheus, "/api/v1/query", "query=" + encode(query) + "&time="
                + time.getEpochSecond() + "&timeout=" + this.timeout.toSeconds() + "s");
    }

    JsonNode range(URI prometheus, String query, Instant start, Instant end, Duration step) {
        return get("Prometheus", prometheus, "/api/v1/query_range",
                "query=" + encode(query) + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond()
                        + "&step=" + step.toSeconds() + "s&timeout=" + this.timeout.toSeconds() + "s");
    }

    /**
     * Grafana Loki's log volume over {@code [start, end)} per {@code targetLabels}
     * ({@code /loki/api/v1/index/volume}): a vector of bytes, in Prometheus' answer
     * shape.
     */
    JsonNode lokiVolume(URI loki, String selector, Instant start, Instant end, String targetLabels) {
        return get("Loki", loki, "/loki/api/v1/index/volume",
                "query=" + encode(selector) + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond()
                        + "&targetLabels=" + encode(targetLabels) + "&aggregateBy=series&limit=100000");
    }

    /**
     * OpenCost's allocations over {@code [start, end)} aggregated by the {@code app}
     * label, accumulated into one set ({@code /allocation/compute}).
     */
    JsonNode opencostAllocations(URI opencost, Instant start, Instant end) {
        return get("OpenCost", opencost, "/allocation/compute",
                "window=" + encode(start + "," + end) + "&aggregate=" + encode("label:app") + "&accumulate=true");
    }

    private JsonNode get(String system, URI server, String path, String query) {
        // Credentials in the URL (https://user:password@host) go in a header, never in a
        // message, a log line or the graph.
        String userInfo = server.getRawUserInfo();
        String base = shown(server);
        URI uri = URI.create(server.toString().replaceAll("/+$", "") + path + "?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(withoutUserInfo(uri))
            .timeout(this.timeout.plusSeconds(5))
            .header("Accept", "application/json");
        if (userInfo != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> response;
        try {
            response = this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new PrometheusUnavailableException(system + " at " + base + " could not be reached: "
                    + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PrometheusUnavailableException("Interrupted while asking " + system + " at " + base);
        }
        JsonNode answer;
        try {
            answer = this.json.readTree(response.body());
        }
        catch (JacksonException ex) {
            throw new PrometheusUnavailableException(
                    system + " at " + base + " answered " + response.statusCode() + " with something that is not JSON");
        }
        // Prometheus and Loki say status: success; OpenCost says code: 200.
        boolean success = "success".equals(answer.path("status").asString("")) || answer.path("code").asInt(0) == 200;
        if (response.statusCode() != 200 || !success) {
            throw new PrometheusUnavailableException(system + " at " + base + " answered " + response.statusCode()
                    + ": " + answer.path("error").asString(answer.path("message").asString("no error given")));
        }
        return answer;
    }

    /**
     * A server's address as messages show it: without credentials, query or trailing
     * slash.
     */
    static String shown(URI server) {
        return withoutUserInfo(server).toString().replaceAll("[?#].*$", "").replaceAll("/+$", "");
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        return URI.create(uri.toString().replace(uri.getRawUserInfo() + "@", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Prometheus could not answer; the message says which and why. */
    static final class PrometheusUnavailableException extends RuntimeException {

        PrometheusUnavailableException(String message) {
            super(message);
        }

    }

}
