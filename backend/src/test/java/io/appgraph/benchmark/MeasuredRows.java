package io.appgraph.benchmark;

import java.util.List;
import java.util.Locale;

import io.appgraph.benchmark.ClosedLoop.Measurement;

/**
 * The measurements a benchmark prints as one table, and the usual way to take a read's: a
 * warm-up, then 1 client, then N clients, each bounded by its planned calls and the time
 * budget.
 */
final class MeasuredRows {

    private MeasuredRows() {
    }

    static List<Row> measure(BenchmarkSettings settings, String name, int oneClient, int manyClients,
            ClosedLoop.Call call) throws Exception {
        ClosedLoop.run(call, 1, settings.planned(oneClient), settings.warmup());
        Measurement one = ClosedLoop.run(call, 1, settings.planned(oneClient), settings.budget());
        Measurement many = ClosedLoop.run(call, settings.clients(), settings.planned(manyClients), settings.budget());
        return List.of(new Row(name, one), new Row(name, many));
    }

    /** Prints the table, then the first error of each row that had one. */
    static void print(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%n%-28s %3s %11s %6s %9s %9s %9s %9s %9s %10s%n", "operation", "c", "n",
                "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "per s", "answer");
        rows.forEach(Row::print);
    }

    static void printErrors(List<Row> rows) {
        rows.stream()
            .filter(row -> row.measurement().firstError() != null)
            .forEach(row -> System.out.printf(Locale.ROOT, "first error of %s, %d clients: %s%n", row.name(),
                    row.measurement().clients(), row.measurement().firstError()));
    }

    /** One measured operation. */
    record Row(String name, Measurement measurement) {

        void print() {
            Measurement m = this.measurement;
            System.out.printf(Locale.ROOT, "%-28s %3d %11s %6d %9.1f %9.1f %9.1f %9.1f %9.1f %10s%n", this.name,
                    m.clients(), m.measured() + "/" + m.planned(), m.errors(), m.percentile(50), m.percentile(95),
                    m.percentile(99), m.percentile(100), m.throughput(), m.size() + " " + m.unit());
        }

    }

}
