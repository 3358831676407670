package io.appgraph.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, installed by
 * {@code .ci/run}) run as a process for a test: one route whose webhook receiver is
 * appgraph's {@code /api/alerts/alertmanager} with a bearer token, grouping by alertname
 * and app, with short waits so a test sees notifications within seconds.
 */
final class AlertmanagerProcess implements AutoCloseable {

    static final String BINARY = System.getProperty("appgraph.test.alertmanager", "/usr/bin/prometheus-alertmanager");

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final Process process;

    private final int port;

    private AlertmanagerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Alertmanager, delivering to appgraph at {@code appgraphPort}. */
    static AlertmanagerProcess start(int appgraphPort, String token) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException("These tests run a real Alertmanager: install Debian's "
                    + "prometheus-alertmanager (apt-get install prometheus-alertmanager), or point "
                    + "-Dappgraph.test.alertmanager at its binary; not found: " + BINARY);
        }
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")),
                    "alertmanager-");
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: appgraph
                      group_by: [alertname, app]
                      group_wait: 1s
                      group_interval: 2s
                      repeat_interval: 1h
                    receivers:
                      - name: appgraph
                        webhook_configs:
                          - url: http://127.0.0.1:%d/api/alerts/alertmanager
                            send_resolved: true
                            http_config:
                              authorization:
                                type: Bearer
                                credentials: %s
                    """.formatted(appgraphPort, token));
            int port = freePort();
            Process process = new ProcessBuilder(BINARY, "--config.file=" + config,
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
            AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, port);
            alertmanager.awaitReady();
            return alertmanager;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String url() {
        return "http://127.0.0.1:" + this.port;
    }

    /** Sends alerts to Alertmanager as Prometheus does ({@code POST /api/v2/alerts}). */
    void fire(Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt) {
        Map<String, Object> alert = new java.util.LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", startsAt.toString());
        if (endsAt != null) {
            alert.put("endsAt", endsAt.toString());
        }
        alert.put("generatorURL", "http://prometheus.example.com/graph");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(AlertmanagerPayloads.JSON.writeValueAsString(List.of(alert))))
            .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager refused the alert: " + response.body());
        }
    }

    /** The silences Alertmanager holds ({@code GET /api/v2/silences}). */
    JsonNode silences() {
        return AlertmanagerPayloads.JSON
            .readTree(send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/silences")).GET().build()).body());
    }

    /** One silence ({@code GET /api/v2/silence/{id}}). */
    JsonNode silence(String id) {
        return AlertmanagerPayloads.JSON
            .readTree(send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/silence/" + id)).GET().build()).body());
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("Alertmanager exited with " + this.process.exitValue());
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
            sleep(100);
        }
        throw new IllegalStateException("Alertmanager was not ready within 30 s");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
