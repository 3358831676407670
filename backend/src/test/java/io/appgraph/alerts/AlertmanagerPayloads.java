package io.appgraph.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager's webhook payloads (version 4) as Alertmanager sends them, and a client
 * that posts them to {@code /api/alerts/alertmanager} with a bearer token.
 */
final class AlertmanagerPayloads {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private AlertmanagerPayloads() {
    }

    /** One alert as Alertmanager's webhook lists it. */
    static Map<String, Object> alert(String fingerprint, String status, Map<String, String> labels, String startsAt,
            String endsAt, Map<String, String> annotations) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", new TreeMap<>(labels));
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt);
        alert.put("endsAt", (endsAt != null) ? endsAt : "0001-01-01T00:00:00Z");
        alert.put("generatorURL", "http://prometheus.example.com/graph?g0.expr=up");
        alert.put("fingerprint", fingerprint);
        return alert;
    }

    /** A notification of one group holding {@code alerts}. */
    @SafeVarargs
    static Map<String, Object> notification(String groupKey, Map<String, Object>... alerts) {
        boolean firing = List.of(alerts).stream().anyMatch(a -> "firing".equals(a.get("status")));
        Map<String, Object> first = alerts[0];
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) first.get("labels");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiver", "appgraph");
        body.put("status", firing ? "firing" : "resolved");
        body.put("alerts", new ArrayList<>(List.of(alerts)));
        body.put("groupLabels", Map.of("alertname", labels.get("alertname")));
        body.put("commonLabels", Map.of("alertname", labels.get("alertname")));
        body.put("commonAnnotations", Map.of());
        body.put("externalURL", "http://alertmanager.example.com");
        body.put("version", "4");
        body.put("groupKey", groupKey);
        body.put("truncatedAlerts", 0);
        return body;
    }

    static Answer post(String baseUrl, String token, Object payload) {
        return post(baseUrl, (token != null) ? "Bearer " + token : null,
                JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
    }

    static Answer post(String baseUrl, String authorization, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/alerts/alertmanager"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    record Answer(int status, JsonNode body) {

        List<String> details() {
            List<String> details = new ArrayList<>();
            this.body.get("details").forEach(d -> details.add(d.asString()));
            return details;
        }

    }

}
