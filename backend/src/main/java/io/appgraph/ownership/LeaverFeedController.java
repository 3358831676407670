package io.appgraph.ownership;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.appgraph.ownership.LeaverWriter.Leaver;
import io.appgraph.ownership.LeaverWriter.LeaverOutcome;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.WebhookSignature;
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
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * {@code POST /api/hr/leavers}: the HR system's leaver feed, JSON
 * ({@code {"leavers":[{"handle" or "email", "leftAt"}]}}) or CSV ({@code text/csv}, with
 * a header naming {@code handle}, {@code email} and {@code leftAt}), signed like the
 * pipeline webhook with {@code appgraph.webhooks.hr-secret} (no secret: 404).
 * <p>
 * A batch is all or nothing: every entry is checked before anything is written, and a
 * malformed one (neither handle nor email, a date that is not one) refuses the batch with
 * a 400 naming it. A valid batch is recorded in one transaction through the
 * {@link LeaverWriter}. People appgraph does not know (HR lists everyone, engineers or
 * not) are reported as unknown, not refused. {@code leftAt} is an ISO-8601 date-time with
 * an offset or a plain date (midnight UTC); none means now; a date ahead is scheduled.
 */
@RestController
final class LeaverFeedController {

    private static final Set<String> FIELDS = Set.of("handle", "email", "leftAt");

    private final HrWebhookProperties properties;

    private final LeaverWriter leavers;

    private final Cypher cypher;

    private final JsonMapper json;

    private final CsvMapper csv = CsvMapper.builder().build();

    LeaverFeedController(HrWebhookProperties properties, LeaverWriter leavers, Cypher cypher, JsonMapper json) {
        this.properties = properties;
        this.leavers = leavers;
        this.cypher = cypher;
        this.json = json;
    }

    @PostMapping(path = "/api/hr/leavers", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> leavers(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        if (!this.properties.enabled()) {
            return problem(HttpStatus.NOT_FOUND, "Not found",
                    List.of("The HR leaver feed is off: appgraph.webhooks.hr-secret is not set"));
        }
        byte[] raw = (body != null) ? body : new byte[0];
        if (signature == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Missing signature", List
                .of("Sign the raw body with HMAC-SHA256 and send " + WebhookSignature.HEADER + ": sha256=<hex>"));
        }
        if (!WebhookSignature.matches(raw, signature, this.properties.hrSecret())) {
            return problem(HttpStatus.UNAUTHORIZED, "Wrong signature",
                    List.of(WebhookSignature.HEADER + " is not the HMAC-SHA256 of this body with the HR secret"));
        }
        List<String> problems = new ArrayList<>();
        List<Entry> entries = isCsv(contentType) ? fromCsv(raw, problems) : fromJson(raw, problems);
        if (!problems.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid leaver batch", problems);
        }
        List<LeaverOutcome> outcomes = this.cypher.write(tx -> {
            List<LeaverOutcome> recorded = new ArrayList<>();
            for (Entry entry : entries) {
                recorded.add(this.leavers.record(tx, entry.leaver()));
            }
            return recorded;
        });
        return ResponseEntity.ok(answer(entries, outcomes));
    }

    private List<Entry> fromJson(byte[] raw, List<String> problems) {
        JsonNode batch;
        try {
            batch = this.json.readTree(raw);
        }
        catch (JacksonException ex) {
            problems.add("The body is not JSON: " + ex.getOriginalMessage());
            return List.of();
        }
        if (batch == null || !batch.isObject() || !batch.path("leavers").isArray()) {
            problems.add("The body must be a JSON object with an array \"leavers\" (or CSV sent as text/csv)");
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        JsonNode list = batch.get("leavers");
        for (int index = 0; index < list.size(); index++) {
            JsonNode item = list.get(index);
            String where = "leavers[" + index + "]";
            if (!item.isObject()) {
                problems.add(where + ": must be an object with handle or email, and leftAt");
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            boolean typed = true;
            for (String field : List.of("handle", "email", "leftAt")) {
                JsonNode value = item.get(field);
                if (value != null && !value.isNull() && !value.isString()) {
                    problems.add(where + "." + field + ": must be a string");
                    typed = false;
                }
                else if (value != null && value.isString()) {
                    fields.put(field, value.asString());
                }
            }
            if (typed) {
                entry(where, fields, problems, entries);
            }
        }
        return entries;
    }

    private List<Entry> fromCsv(byte[] raw, List<String> problems) {
        List<Entry> entries = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(true);
        try (MappingIterator<Map<String, String>> rows = this.csv.readerFor(Map.class).with(schema).readValues(raw)) {
            List<String> header = ((CsvSchema) rows.parser().getSchema()).getColumnNames();
            if (!header.contains("handle") && !header.contains("email")) {
                problems.add("The CSV header must name handle, email and leftAt, was " + header);
                return List.of();
            }
            int index = 0;
            while (rows.hasNextValue()) {
                // Where the row starts: quoted values may span lines.
                int line = (int) rows.currentLocation().getLineNr();
                Map<String, String> row = rows.nextValue();
                Map<String, String> fields = new LinkedHashMap<>();
                row.forEach((column, value) -> {
                    if (FIELDS.contains(column)) {
                        fields.put(column, value);
                    }
                });
                entry("leavers[" + index + "] (CSV line " + line + ")", fields, problems, entries);
                index++;
            }
        }
        catch (JacksonException ex) {
            problems.add("The body is not CSV with a header line: " + ex.getOriginalMessage());
        }
        return entries;
    }

    private static void entry(String where, Map<String, String> fields, List<String> problems, List<Entry> entries) {
        String handle = blankToNull(fields.get("handle"));
        String email = blankToNull(fields.get("email"));
        if (handle == null && email == null) {
            problems.add(where + ".handle: give the leaver's handle or email");
            return;
        }
        String leftAt = blankToNull(fields.get("leftAt"));
        OffsetDateTime at = null;
        if (leftAt != null) {
            at = time(leftAt);
            if (at == null) {
                problems.add(where + ".leftAt: must be an ISO-8601 date-time with an offset, such as "
                        + "2026-11-26T17:00:00Z, or a date such as 2026-11-26; was \"" + leftAt + "\"");
                return;
            }
        }
        entries.add(new Entry(entries.size(), new Leaver(handle, email, at)));
    }

    private static OffsetDateTime time(String value) {
        try {
            return OffsetDateTime.parse(value);
        }
        catch (DateTimeParseException ex) {
            try {
                return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Map<String, Object> answer(List<Entry> entries, List<LeaverOutcome> outcomes) {
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List.of("left", "alreadyLeft", "scheduled", "unknown").forEach(status -> counts.put(status, 0));
        int alerts = 0;
        for (int i = 0; i < entries.size(); i++) {
            LeaverOutcome outcome = outcomes.get(i);
            Leaver leaver = entries.get(i).leaver();
            String status = !outcome.known() ? "unknown"
                    : outcome.scheduled() ? "scheduled" : outcome.newlyLeft() ? "left" : "alreadyLeft";
            counts.merge(status, 1, Integer::sum);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", i);
            result.put("handle", (outcome.handle() != null) ? outcome.handle() : leaver.handle());
            if (leaver.email() != null) {
                result.put("email", leaver.email());
            }
            result.put("status", status);
            result.put("alerts",
                    outcome.alertedApps()
                        .stream()
                        .map(app -> Map.of("app", app, "reason", LeaverWriter.OWNER_LEFT))
                        .toList());
            alerts += outcome.alertedApps().size();
            results.add(result);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", entries.size());
        answer.putAll(counts);
        answer.put("alertsRaised", alerts);
        answer.put("results", results);
        return answer;
    }

    private static boolean isCsv(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.parseMediaType("text/csv"));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.strip();
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String error, List<String> details) {
        return ResponseEntity.status(status).body(Map.of("error", error, "details", details));
    }

    /** A checked entry of the batch, in its order. */
    private record Entry(int index, Leaver leaver) {
    }

}
