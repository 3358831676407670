package io.appgraph.dependencies;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.appgraph.platform.InputRules;
import tools.jackson.databind.JsonNode;

/**
 * Reads the service mesh's traffic as Prometheus' HTTP API answers an instant query such
 * as {@code sum by (source_canonical_service, destination_canonical_service)
 * (rate(istio_requests_total[1h]))}: each series with a positive rate is a call from its
 * source app to its destination app, seen at the sample's time. An app is named by the
 * canonical service label when present, else the {@code app} label, else the workload
 * without its version suffix ({@code reviews-v2} is {@code reviews}), so the versions of
 * one app collapse onto it and their rates add up. Zero rates and {@code unknown}
 * (traffic from outside the mesh) make no call.
 */
final class MeshTraffic {

    private static final Pattern VERSION_SUFFIX = Pattern.compile("-v\\d+$");

    private static final String UNKNOWN = "unknown";

    private final Map<String, DiscoveredEdge> edges = new LinkedHashMap<>();

    private final List<String> problems = new ArrayList<>();

    private int series;

    List<DiscoveredEdge> edges() {
        return List.copyOf(this.edges.values());
    }

    List<String> problems() {
        return this.problems;
    }

    int series() {
        return this.series;
    }

    /** Reads a whole answer of Prometheus' query API. */
    void read(JsonNode answer, ImportReport report) {
        if (answer == null || !answer.isObject()) {
            this.problems.add("The body must be the JSON object Prometheus' /api/v1/query answers");
            return;
        }
        String status = answer.path("status").asString("");
        if (!"success".equals(status)) {
            String error = answer.path("error").asString("");
            this.problems.add("status is '" + status + "', not 'success'" + (error.isEmpty() ? "" : ": " + error));
            return;
        }
        JsonNode data = answer.path("data");
        String type = data.path("resultType").asString("");
        if (!"vector".equals(type)) {
            this.problems.add("data.resultType is '" + type + "': send the answer of an instant query (a vector)");
            return;
        }
        JsonNode result = data.get("result");
        if (result == null || !result.isArray()) {
            this.problems.add("data.result must be a list of series");
            return;
        }
        this.series = result.size();
        for (int index = 0; index < result.size(); index++) {
            readSeries(index, result.get(index), report);
        }
    }

    private void readSeries(int index, JsonNode series, ImportReport report) {
        String where = "data.result[" + index + "]";
        JsonNode metric = series.path("metric");
        JsonNode value = series.path("value");
        if (!metric.isObject() || !value.isArray() || value.size() != 2 || !value.get(0).isNumber()) {
            this.problems.add(where + " must have a metric (labels) and a value [unix time, \"rate\"]");
            return;
        }
        double rate;
        try {
            rate = Double.parseDouble(value.get(1).asString());
        }
        catch (NumberFormatException ex) {
            this.problems.add(where + ".value[1] is '" + value.get(1).asString() + "', not a number");
            return;
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            return; // no traffic, or none measurable: no call
        }
        String from = app(metric, "source");
        String to = app(metric, "destination");
        if (from == null || to == null) {
            report.warn(index, where + " names no " + ((from == null) ? "source" : "destination")
                    + " app (canonical service, app or workload label): skipped");
            return;
        }
        if (UNKNOWN.equals(from) || UNKNOWN.equals(to) || from.equals(to)) {
            return; // from outside the mesh, or an app calling itself
        }
        for (String name : List.of(from, to)) {
            if (InputRules.dnsLabel("app", name).isPresent()) {
                report.warn(index, where + " names app '" + name + "', which is not a DNS label: skipped");
                return;
            }
        }
        OffsetDateTime at = Instant.ofEpochMilli(value.get(0).decimalValue().movePointRight(3).longValue())
            .atOffset(ZoneOffset.UTC);
        DiscoveredEdge edge = new DiscoveredEdge(from, to, at, rate);
        this.edges.merge(edge.key(), edge, MeshTraffic::together);
    }

    // Two series of one call (the versions of an app): their rates add up, the newer time
    // counts.
    private static DiscoveredEdge together(DiscoveredEdge one, DiscoveredEdge other) {
        OffsetDateTime at = one.observedAt().isAfter(other.observedAt()) ? one.observedAt() : other.observedAt();
        return new DiscoveredEdge(one.from(), one.to(), at, one.requestRate() + other.requestRate());
    }

    private static String app(JsonNode metric, String side) {
        String canonical = label(metric, side + "_canonical_service");
        if (canonical != null) {
            return canonical;
        }
        String app = label(metric, side + "_app");
        if (app != null) {
            return app;
        }
        String workload = label(metric, side + "_workload");
        return (workload != null) ? VERSION_SUFFIX.matcher(workload).replaceFirst("") : null;
    }

    private static String label(JsonNode metric, String name) {
        String value = metric.path(name).asString("");
        return value.isBlank() ? null : value;
    }

}
