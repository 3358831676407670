package io.appgraph.notify;

import java.net.http.HttpClient;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.HtmlUtils;

/**
 * Posts release starts and finishes to Grafana as annotations
 * ({@code POST /api/annotations}), tagged {@code release}, {@code app:<name>} and
 * {@code squad:<name>}, so that every dashboard can show when something was released.
 * Reads the payload the release writer enqueues: {@code kind} (started, finished),
 * {@code app}, {@code squad}, {@code externalId}, {@code version}, {@code environment},
 * {@code status}, {@code at} and {@code pipelineUrl}.
 */
final class GrafanaAnnotations implements OutboxSender {

    static final String DESTINATION = Outbox.GRAFANA;

    private final RestClient client;

    private final Duration maxDeliveryTime;

    GrafanaAnnotations(GrafanaProperties properties) {
        // HTTP/1.1: the JDK client would otherwise offer an h2c upgrade on plain http.
        HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.connectTimeout())
            .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.readTimeout());
        this.client = RestClient.builder()
            .baseUrl(properties.url().replaceAll("/+$", ""))
            .requestFactory(requests)
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.token())
            .build();
        this.maxDeliveryTime = properties.connectTimeout().plus(properties.readTimeout());
    }

    @Override
    public String destination() {
        return DESTINATION;
    }

    @Override
    public Duration maxDeliveryTime() {
        return this.maxDeliveryTime;
    }

    @Override
    public void deliver(OutboxMessage message) {
        Map<String, Object> annotation = annotation(message.payload());
        try {
            this.client.post()
                .uri("/api/annotations")
                .contentType(MediaType.APPLICATION_JSON)
                .body(annotation)
                .retrieve()
                .toBodilessEntity();
        }
        catch (RestClientResponseException ex) {
            throw DeliveryException.answered("Grafana", ex.getStatusCode().value());
        }
        catch (ResourceAccessException ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            throw new DeliveryException("Grafana could not be reached: " + cause.getClass().getSimpleName()
                    + ((cause.getMessage() != null) ? " " + cause.getMessage() : ""));
        }
        catch (RestClientException ex) {
            throw new DeliveryException("Grafana request failed: " + ex.getClass().getSimpleName());
        }
    }

    /** The annotation for one release event, as Grafana's HTTP API takes it. */
    static Map<String, Object> annotation(Map<String, Object> payload) {
        String app = text(payload, "app");
        String at = text(payload, "at");
        if (app == null || at == null) {
            throw DeliveryException.permanent("The release event lacks its app or its time");
        }
        long time;
        try {
            time = Instant.parse(at).toEpochMilli();
        }
        catch (DateTimeException ex) {
            throw DeliveryException.permanent("The release event's time is not an ISO-8601 instant");
        }
        List<String> tags = new ArrayList<>(List.of("release", "app:" + app));
        String squad = text(payload, "squad");
        if (squad != null) {
            tags.add("squad:" + squad);
        }
        Map<String, Object> annotation = new LinkedHashMap<>();
        annotation.put("time", time);
        annotation.put("tags", tags);
        annotation.put("text", text(app, payload));
        return annotation;
    }

    // "payments-api 1.4.2 succeeded (prod) <a href="…">pipeline</a>": Grafana shows
    // annotation text as sanitised HTML, so the link is an anchor and the rest is
    // escaped.
    private static String text(String app, Map<String, Object> payload) {
        StringBuilder text = new StringBuilder(HtmlUtils.htmlEscape(app));
        String version = text(payload, "version");
        if (version != null) {
            text.append(' ').append(HtmlUtils.htmlEscape(version));
        }
        text.append(' ').append(outcome(payload));
        String environment = text(payload, "environment");
        if (environment != null) {
            text.append(" (").append(HtmlUtils.htmlEscape(environment)).append(')');
        }
        String pipelineUrl = text(payload, "pipelineUrl");
        if (pipelineUrl != null) {
            text.append(" <a href=\"").append(HtmlUtils.htmlEscape(pipelineUrl)).append("\">pipeline</a>");
        }
        return text.toString();
    }

    private static String outcome(Map<String, Object> payload) {
        if ("started".equalsIgnoreCase(text(payload, "kind"))) {
            return "started";
        }
        String status = text(payload, "status");
        return switch ((status != null) ? status.toUpperCase(Locale.ROOT) : "") {
            case "SUCCEEDED" -> "succeeded";
            case "FAILED" -> "failed";
            case "ROLLED_BACK" -> "rolled back";
            default -> "finished";
        };
    }

    private static String text(Map<String, Object> payload, String key) {
        Object value = payload.get(key);
        return (value == null || value.toString().isBlank()) ? null : value.toString();
    }

}
