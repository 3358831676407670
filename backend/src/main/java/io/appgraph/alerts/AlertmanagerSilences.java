package io.appgraph.alerts;

import java.net.http.HttpClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Creates silences through Alertmanager's API v2 ({@code POST /api/v2/silences}) at
 * {@code appgraph.alertmanager.url}: exact-match matchers on the given labels, from now
 * for the given minutes, with its author and comment.
 */
@Component
final class AlertmanagerSilences {

    private static final int MAX_REASON = 300;

    private final AlertmanagerProperties properties;

    private final RestClient client;

    AlertmanagerSilences(AlertmanagerProperties properties) {
        this.properties = properties;
        // HTTP/1.1: the JDK client would otherwise offer an h2c upgrade on plain http.
        HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.timeout())
            .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.timeout());
        this.client = RestClient.builder().requestFactory(requests).build();
    }

    boolean configured() {
        return this.properties.configured();
    }

    /**
     * Creates a silence.
     * @return the silence's id
     * @throws Refused when Alertmanager refuses it (its reason in the message) or cannot
     * be reached
     */
    String create(Map<String, String> matchers, OffsetDateTime startsAt, OffsetDateTime endsAt, String createdBy,
            String comment) {
        List<Map<String, Object>> matching = new ArrayList<>();
        matchers.forEach(
                (name, value) -> matching.add(Map.of("name", name, "value", value, "isRegex", false, "isEqual", true)));
        Map<String, Object> silence = new LinkedHashMap<>();
        silence.put("matchers", matching);
        silence.put("startsAt", startsAt.toInstant().toString());
        silence.put("endsAt", endsAt.toInstant().toString());
        silence.put("createdBy", createdBy);
        silence.put("comment", comment);
        JsonNode answer;
        try {
            answer = this.client.post()
                .uri(this.properties.url().replaceAll("/+$", "") + "/api/v2/silences")
                .contentType(MediaType.APPLICATION_JSON)
                .body(silence)
                .retrieve()
                .body(JsonNode.class);
        }
        catch (RestClientResponseException ex) {
            String reason = ex.getResponseBodyAsString().strip();
            if (reason.length() > MAX_REASON) {
                reason = reason.substring(0, MAX_REASON) + "…";
            }
            throw new Refused(ex.getStatusCode().is4xxClientError(), "Alertmanager refused the silence (%d)%s"
                .formatted(ex.getStatusCode().value(), reason.isEmpty() ? "" : ": " + reason));
        }
        catch (RestClientException ex) {
            throw new Refused(false, "Alertmanager could not be reached at appgraph.alertmanager.url: "
                    + ex.getMostSpecificCause().getClass().getSimpleName());
        }
        JsonNode id = (answer != null) ? answer.get("silenceID") : null;
        if (id == null || !id.isString()) {
            throw new Refused(false, "Alertmanager answered without a silenceID");
        }
        return id.asString();
    }

    /** Alertmanager did not create the silence. */
    static final class Refused extends RuntimeException {

        private final boolean byAlertmanager;

        Refused(boolean byAlertmanager, String message) {
            super(message);
            this.byAlertmanager = byAlertmanager;
        }

        /**
         * True when Alertmanager refused it; false when it could not be reached or
         * failed.
         */
        boolean byAlertmanager() {
            return this.byAlertmanager;
        }

    }

}
