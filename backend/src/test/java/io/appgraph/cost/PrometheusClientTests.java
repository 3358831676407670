package io.appgraph.cost;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.appgraph.cost.PrometheusClient.PrometheusUnavailableException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credentials in a Prometheus URL are sent as a header and never shown. */
class PrometheusClientTests {

    @Test
    void credentialsInTheUrlGoInAHeaderAndNeverInAMessage() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        AtomicReference<String> path = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            path.set(exchange.getRequestURI().getPath());
            byte[] body = "{\"status\":\"error\",\"error\":\"overloaded\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://metrics:s3cr%40t@127.0.0.1:" + server.getAddress().getPort() + "/prom/");
            PrometheusClient client = new PrometheusClient(JsonMapper.builder().build(), Duration.ofSeconds(5));
            assertThatThrownBy(() -> client.instant(url, "up", Instant.now()))
                .isInstanceOf(PrometheusUnavailableException.class)
                .hasMessage("Prometheus at http://127.0.0.1:" + server.getAddress().getPort()
                        + "/prom answered 503: overloaded");
            assertThat(authorization.get()).isEqualTo(
                    "Basic " + Base64.getEncoder().encodeToString("metrics:s3cr@t".getBytes(StandardCharsets.UTF_8)));
            assertThat(path.get()).isEqualTo("/prom/api/v1/query");
        }
        finally {
            server.stop(0);
        }
        assertThat(PrometheusClient.shown(URI.create("https://u:p@prom.example.com:9090/?token=x")))
            .isEqualTo("https://prom.example.com:9090");
    }

}
