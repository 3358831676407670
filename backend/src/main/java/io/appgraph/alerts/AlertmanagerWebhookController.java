package io.appgraph.alerts;

import java.util.List;
import java.util.Map;

import io.appgraph.alerts.AlertWriter.Recorded;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/alerts/alertmanager}: Prometheus Alertmanager's webhook (payload
 * version 4), with the bearer token {@code appgraph.webhooks.alertmanager-token} that its
 * {@code webhook_config.http_config.authorization} sends. It answers 200 only once the
 * notification is committed and 503 while the database is unavailable, so that
 * Alertmanager's retries lose nothing; a malformed payload is 400 with every problem
 * named. Without a token the endpoint answers 404.
 */
@RestController
final class AlertmanagerWebhookController {

    private final AlertmanagerWebhookProperties properties;

    private final AlertWriter writer;

    private final JsonMapper json;

    AlertmanagerWebhookController(AlertmanagerWebhookProperties properties, AlertWriter writer, JsonMapper json) {
        this.properties = properties;
        this.writer = writer;
        this.json = json;
    }

    @PostMapping(path = "/api/alerts/alertmanager", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> notification(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!this.properties.enabled()) {
            return problem(HttpStatus.NOT_FOUND, "Not found",
                    List.of("The Alertmanager webhook is off: appgraph.webhooks.alertmanager-token is not set"));
        }
        if (!this.properties.authorizes(authorization)) {
            return problem(HttpStatus.UNAUTHORIZED, (authorization == null) ? "Missing token" : "Wrong token",
                    List.of("Send Authorization: Bearer <appgraph.webhooks.alertmanager-token>, as Alertmanager's "
                            + "webhook_config http_config.authorization.credentials"));
        }
        AlertmanagerNotification notification;
        try {
            JsonNode tree = this.json.readTree((body != null) ? body : new byte[0]);
            notification = AlertmanagerNotification.parse(tree);
        }
        catch (JacksonException ex) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", List.of(ex.getOriginalMessage()));
        }
        catch (AlertmanagerNotification.Malformed ex) {
            return problem(HttpStatus.BAD_REQUEST, "Not an Alertmanager webhook payload", ex.problems());
        }
        // A database out of reach answers 503 (platform's DatabaseUnavailable).
        Recorded recorded = this.writer.record(notification);
        return ResponseEntity.ok(Map.of("alerts", recorded.alerts(), "changed", recorded.changed()));
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String error, List<String> details) {
        return ResponseEntity.status(status).body(Map.of("error", error, "details", details));
    }

}
