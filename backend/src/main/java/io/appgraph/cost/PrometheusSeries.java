package io.appgraph.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One series of an answer of Prometheus' query API: its labels and its samples, one for
 * an instant vector, many for a range matrix. Timestamps are whole seconds (Prometheus
 * evaluates range queries on a step grid); a value that is not a number (NaN, +Inf) is
 * left out.
 */
record PrometheusSeries(Map<String, String> labels, long[] times, double[] values) {

    String label(String name) {
        return this.labels.get(name);
    }

    int size() {
        return this.times.length;
    }

    /**
     * The series of a whole answer
     * ({@code {"status":"success","data":{"resultType":…}}}), vector or matrix; what is
     * wrong with it goes to {@code problems}, prefixed with {@code name}.
     */
    static List<PrometheusSeries> read(String name, JsonNode answer, List<String> problems) {
        List<PrometheusSeries> series = new ArrayList<>();
        if (answer == null || !answer.isObject()) {
            problems.add(name + ": must be the JSON object Prometheus' query API answers");
            return series;
        }
        String status = answer.path("status").asString("");
        if (!"success".equals(status)) {
            String error = answer.path("error").asString("");
            problems.add(name + ": status is '" + status + "', not 'success'" + (error.isEmpty() ? "" : ": " + error));
            return series;
        }
        String type = answer.path("data").path("resultType").asString("");
        JsonNode result = answer.path("data").path("result");
        if (!("vector".equals(type) || "matrix".equals(type)) || !result.isArray()) {
            problems
                .add(name + ": data.resultType must be 'vector' or 'matrix' with a result list, was '" + type + "'");
            return series;
        }
        int index = 0;
        for (JsonNode item : result) {
            String where = name + ": result[" + index++ + "]";
            Map<String, String> labels = new TreeMap<>();
            item.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
            List<JsonNode> samples = new ArrayList<>();
            if ("vector".equals(type)) {
                samples.add(item.path("value"));
            }
            else {
                item.path("values").forEach(samples::add);
            }
            long[] times = new long[samples.size()];
            double[] values = new double[samples.size()];
            int n = 0;
            for (JsonNode sample : samples) {
                if (!sample.isArray() || sample.size() != 2 || !sample.get(0).isNumber()) {
                    problems.add(where + ": a sample must be [unixTime, \"value\"]");
                    return series;
                }
                double value;
                try {
                    value = Double.parseDouble(sample.get(1).asString(""));
                }
                catch (NumberFormatException ex) {
                    problems.add(where + ": '" + sample.get(1).asString("") + "' is not a number");
                    return series;
                }
                if (Double.isFinite(value)) {
                    times[n] = Math.round(sample.get(0).asDouble());
                    values[n] = value;
                    n++;
                }
            }
            series.add(new PrometheusSeries(labels, java.util.Arrays.copyOf(times, n),
                    java.util.Arrays.copyOf(values, n)));
        }
        return series;
    }

}
