package io.appgraph.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus}, which also ships {@code promtool}) run
 * as a process for a test, holding a history backfilled from OpenMetrics text (see
 * {@link ClusterMetrics}) and scraping nothing.
 *
 * <pre class="code">
 * String history = metrics.toOpenMetrics(now.minus(Duration.ofDays(9)), now, Duration.ofMinutes(5));
 * try (PrometheusProcess prometheus = PrometheusProcess.start(history)) {
 *     // point the application at prometheus.url(), and tell it that it is now
 * }
 * </pre>
 *
 * <p>
 * {@link #start(String)} turns the text into TSDB blocks with
 * {@code promtool tsdb create-blocks-from openmetrics --max-block-duration=8760h} and
 * starts Prometheus on them. promtool 2.42 accepts that flag although its {@code --help}
 * does not list it; without it promtool writes a block per two hours of history and reads
 * the whole input once per block (nine days sampled every minute: 108 blocks in 50 s
 * instead of one in 1.5). With it the history is one block (two if it spans a 182-day
 * boundary), which Prometheus loads at start, including samples only milliseconds old,
 * and answers from at once: nine days of six pods sampled every 5 minutes are ready in
 * under a second, sampled every minute in about two. Prometheus finds a series at an
 * instant only through a sample in the five minutes before it (the lookback), so a
 * history for "now" must run up to now. The retention (60 days) counts back from the
 * newest sample, not from the clock.
 */
final class PrometheusProcess implements AutoCloseable {

    static final String BINARY = System.getProperty("appgraph.test.prometheus", "/usr/bin/prometheus");

    static final String PROMTOOL = System.getProperty("appgraph.test.promtool", "/usr/bin/promtool");

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final Process process;

    private final int port;

    private PrometheusProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Prometheus holding the history in {@code openMetrics}, and waits until it is
     * ready.
     */
    static PrometheusProcess start(String openMetrics) {
        requireExecutable(BINARY, "appgraph.test.prometheus");
        requireExecutable(PROMTOOL, "appgraph.test.promtool");
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "prometheus-");
            Path data = Files.createDirectories(dir.resolve("data"));
            backfill(openMetrics, dir, data);
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1m
                      evaluation_interval: 1m
                    """);
            int port = freePort();
            Process process = new ProcessBuilder(BINARY, "--config.file=" + config, "--storage.tsdb.path=" + data,
                    "--storage.tsdb.retention.time=60d", "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
            PrometheusProcess prometheus = new PrometheusProcess(process, port);
            try {
                prometheus.awaitReady(dir.resolve("prometheus.log"));
            }
            catch (RuntimeException ex) {
                prometheus.close();
                throw ex;
            }
            return prometheus;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A Prometheus URL where nothing listens, as if Prometheus were down. */
    static String unreachableUrl() {
        return "http://127.0.0.1:" + freePort();
    }

    String url() {
        return "http://127.0.0.1:" + this.port;
    }

    /**
     * Prometheus' answer to an instant query at the current time ({@code /api/v1/query}).
     */
    String query(String promql) {
        return get("/api/v1/query?query=" + encode(promql));
    }

    /** Prometheus' answer to an instant query at {@code time}. */
    String query(String promql, Instant time) {
        return get("/api/v1/query?query=" + encode(promql) + "&time=" + seconds(time));
    }

    /**
     * Prometheus' answer to a range query ({@code /api/v1/query_range}): a point at
     * {@code start} and every {@code step} after it up to {@code end}, both included.
     */
    String queryRange(String promql, Instant start, Instant end, Duration step) {
        return get("/api/v1/query_range?query=" + encode(promql) + "&start=" + seconds(start) + "&end=" + seconds(end)
                + "&step=" + step.toSeconds() + "s");
    }

    /**
     * Stops Prometheus, as if it went down: its URL is unreachable from then on.
     */
    void stop() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
                this.process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Writes the history into TSDB blocks in {@code data}; the text is deleted once
     * converted (nine days of a small cluster are tens of megabytes), kept if promtool
     * refused it.
     */
    private static void backfill(String openMetrics, Path dir, Path data) throws IOException {
        Path input = dir.resolve("history.om");
        Files.writeString(input, openMetrics);
        Path log = dir.resolve("promtool.log");
        Process promtool = new ProcessBuilder(PROMTOOL, "tsdb", "create-blocks-from", "openmetrics",
                "--max-block-duration=8760h", input.toString(), data.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        try {
            if (!promtool.waitFor(2, TimeUnit.MINUTES)) {
                promtool.destroyForcibly();
                throw new IllegalStateException("promtool did not convert " + input + " within 2 minutes");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            promtool.destroyForcibly();
            throw new IllegalStateException(ex);
        }
        if (promtool.exitValue() != 0) {
            throw new IllegalStateException("promtool refused " + input + " (exit " + promtool.exitValue() + "): "
                    + Files.readString(log).strip());
        }
        Files.delete(input);
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException(
                        "Prometheus exited with " + this.process.exitValue() + ": " + readQuietly(log));
            }
            try {
                if (HTTP
                    .send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).GET().build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // Not listening yet.
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            sleep(50);
        }
        throw new IllegalStateException("Prometheus was not ready within 30 s: " + readQuietly(log));
    }

    private String get(String pathAndQuery) {
        try {
            return HTTP
                .send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static void requireExecutable(String binary, String property) {
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException("These tests run a real Prometheus: install Debian's prometheus "
                    + "(apt-get install prometheus, which also installs promtool), or point -D" + property
                    + " at its binary; not found: " + binary);
        }
    }

    private static String encode(String promql) {
        return URLEncoder.encode(promql, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString();
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log).strip();
        }
        catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
