package io.appgraph.benchmark;

import java.time.Duration;

/**
 * The benchmark's knobs, read from system properties (the Maven profile passes them on).
 *
 * @param apps size of the generated estate ({@code benchmark.apps}, 10000)
 * @param clients concurrent clients of the N-client runs ({@code benchmark.clients}, 10)
 * @param scale multiplies every read's planned number of calls ({@code benchmark.scale},
 * 1.0)
 * @param budget time budget of each measured run: no call starts after it
 * ({@code benchmark.seconds}, 10)
 * @param warmup time budget of each read's warm-up; the clients' own warm-up, before the
 * first read, gets three times as long ({@code benchmark.warmup-seconds}, 3)
 * @param pageCache the embedded Neo4j's page cache ({@code benchmark.page-cache}, 1g)
 * @param search the search-as-you-type text; blank picks one that matches a few dozen
 * apps ({@code benchmark.search})
 * @param url when set, no server is started: only the {@code { __typename }} floor of the
 * server at this GraphQL endpoint is measured, to compare this client with another
 * ({@code benchmark.url})
 */
record BenchmarkSettings(int apps, int clients, double scale, Duration budget, Duration warmup, String pageCache,
        String search, String url) {

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(Integer.getInteger("benchmark.apps", 10_000),
                Integer.getInteger("benchmark.clients", 10), Double.parseDouble(property("benchmark.scale", "1.0")),
                seconds(property("benchmark.seconds", "10")), seconds(property("benchmark.warmup-seconds", "3")),
                property("benchmark.page-cache", "1g"), property("benchmark.search", ""),
                property("benchmark.url", ""));
    }

    /** Planned calls of a read whose base count is {@code base}, at least 10. */
    int planned(int base) {
        return Math.max(10, (int) Math.round(base * this.scale));
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return (value == null || value.isBlank()) ? fallback : value.strip();
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
}
