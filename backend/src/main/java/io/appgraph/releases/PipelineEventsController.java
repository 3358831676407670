package io.appgraph.releases;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.appgraph.platform.BusyException;
import io.appgraph.platform.UserError;
import io.appgraph.platform.UserErrorCode;
import io.appgraph.platform.WebhookSignature;
import io.appgraph.releases.ReleaseInputs.FinishReleaseInput;
import io.appgraph.releases.ReleaseInputs.ReleaseOutcome;
import io.appgraph.releases.ReleaseInputs.StartReleaseInput;
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
 * {@code POST /api/pipelines/events}: a pipeline's start and finish events, signed with
 * HMAC-SHA256 of the raw body under {@code appgraph.webhooks.pipeline-secret}
 * ({@code X-Appgraph-Signature-256: sha256=<hex>}). The signature is checked, in constant
 * time, before the body is parsed; without a secret the endpoint answers 404. Events are
 * recorded exactly as {@code startRelease} and {@code finishRelease} record them. Bodies
 * over {@code appgraph.http.max-request-size} never get here (413).
 */
@RestController
final class PipelineEventsController {

    static final String SIGNATURE_HEADER = WebhookSignature.HEADER;

    private static final List<String> TEXT_FIELDS = List.of("event", "app", "externalId", "version", "commit",
            "pipelineUrl", "environment", "at", "triggeredBy", "committedAt", "outcome");

    private final PipelineWebhookProperties properties;

    private final ReleaseWriter writer;

    private final JsonMapper json;

    PipelineEventsController(PipelineWebhookProperties properties, ReleaseWriter writer, JsonMapper json) {
        this.properties = properties;
        this.writer = writer;
        this.json = json;
    }

    @PostMapping(path = "/api/pipelines/events", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> event(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
        if (!this.properties.enabled()) {
            return problem(HttpStatus.NOT_FOUND, "Not found",
                    List.of("The pipeline webhook is off: appgraph.webhooks.pipeline-secret is not set"));
        }
        byte[] raw = (body != null) ? body : new byte[0];
        if (signature == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Missing signature",
                    List.of("Sign the raw body with HMAC-SHA256 and send " + SIGNATURE_HEADER + ": sha256=<hex>"));
        }
        if (!WebhookSignature.matches(raw, signature, this.properties.pipelineSecret())) {
            return problem(HttpStatus.UNAUTHORIZED, "Wrong signature",
                    List.of(SIGNATURE_HEADER + " is not the HMAC-SHA256 of this body with the pipeline secret"));
        }
        JsonNode event;
        try {
            event = this.json.readTree(raw);
        }
        catch (JacksonException ex) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", List.of(ex.getOriginalMessage()));
        }
        if (event == null || !event.isObject()) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed event", List.of("The body must be one JSON object"));
        }
        List<String> problems = new ArrayList<>();
        for (String field : TEXT_FIELDS) {
            JsonNode value = event.get(field);
            if (value != null && !value.isNull() && !value.isString()) {
                problems.add(field + " must be a string");
            }
        }
        String kind = text(event, "event");
        for (String field : List.of("event", "app", "externalId")) {
            if (text(event, field) == null || text(event, field).isBlank()) {
                problems.add(field + " is required");
            }
        }
        if (kind != null && !kind.equals("started") && !kind.equals("finished")) {
            problems.add("event must be \"started\" or \"finished\", was \"" + kind + "\"");
        }
        ReleaseOutcome outcome = null;
        if ("finished".equals(kind)) {
            String given = text(event, "outcome");
            if (given == null) {
                problems.add("outcome is required on finished: succeeded, failed or rolled_back");
            }
            else {
                outcome = outcome(given, problems);
            }
        }
        OffsetDateTime at = time(event, "at", problems);
        OffsetDateTime committedAt = time(event, "committedAt", problems);
        if (!problems.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid event", problems);
        }
        try {
            return record(event, kind, outcome, at, committedAt);
        }
        catch (BusyException ex) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(Map.of("error", "Busy", "details", List.of(ex.getMessage())));
        }
    }

    private ResponseEntity<Map<String, Object>> record(JsonNode event, String kind, ReleaseOutcome outcome,
            OffsetDateTime at, OffsetDateTime committedAt) {
        if (kind.equals("started")) {
            var written = this.writer.start(new StartReleaseInput(text(event, "app"), text(event, "externalId"),
                    text(event, "version"), text(event, "commit"), text(event, "pipelineUrl"),
                    text(event, "environment"), at, text(event, "triggeredBy"), committedAt));
            return answer(written.release(), written.errors(), text(event, "externalId"));
        }
        var written = this.writer
            .finish(new FinishReleaseInput(text(event, "externalId"), outcome, at, text(event, "app")));
        return answer(written.release(), written.errors(), text(event, "externalId"));
    }

    private static ResponseEntity<Map<String, Object>> answer(Release release, List<UserError> errors,
            String externalId) {
        if (!errors.isEmpty()) {
            UserError error = errors.get(0);
            List<String> details = errors.stream().map(UserError::message).toList();
            if (error.code() == UserErrorCode.NOT_FOUND) {
                return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown app", details);
            }
            if (error.code() == UserErrorCode.CONFLICT) {
                return problem(HttpStatus.CONFLICT, "Conflicting event", details);
            }
            return problem(HttpStatus.BAD_REQUEST, "Invalid event", details);
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("externalId", externalId);
        // No release yet: a finish that arrived first waits for its start.
        accepted.put("status", (release != null) ? release.status().name() : "WAITING_FOR_START");
        return ResponseEntity.ok(accepted);
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String error, List<String> details) {
        return ResponseEntity.status(status).body(Map.of("error", error, "details", details));
    }

    private static ReleaseOutcome outcome(String given, List<String> problems) {
        try {
            return ReleaseOutcome.valueOf(given.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            problems.add("outcome must be succeeded, failed or rolled_back, was \"" + given + "\"");
            return null;
        }
    }

    private static OffsetDateTime time(JsonNode event, String field, List<String> problems) {
        String value = text(event, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        }
        catch (DateTimeParseException ex) {
            problems.add(field + " must be an ISO-8601 date-time with an offset, such as 2026-11-26T16:02:16Z, was \""
                    + value + "\"");
            return null;
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return (value != null && value.isString()) ? value.asString() : null;
    }

}
