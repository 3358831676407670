package io.appgraph.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.appgraph.Fixtures;
import io.appgraph.notify.OutboxRounds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static io.appgraph.alerts.AlertmanagerPayloads.alert;
import static io.appgraph.alerts.AlertmanagerPayloads.notification;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a bot token, alert messages go to the estate-wide Slack incoming webhook: the
 * same message with the suspects in it, no buttons, no thread; a webhook cannot edit, so
 * acknowledgements send nothing and the resolution is a message of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "appgraph.demo.enabled=false", "appgraph.embedded.bolt-port=0",
                "appgraph.embedded.page-cache=32m", "appgraph.outbox.enabled=false",
                "appgraph.ownership.sweep-enabled=false",
                "appgraph.webhooks.alertmanager-token=" + AlertWebhookModeIT.TOKEN })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertWebhookModeIT {

    static final String TOKEN = "webhook-mode-token";

    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();

    private static final HttpServer slack = startSlack();

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "webhook-");
        registry.add("appgraph.embedded.data-dir", dataDir::toString);
        registry.add("appgraph.notify.slack-webhook-url",
                () -> "http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T0/B0/secret");
    }

    @AfterAll
    static void stopSlack() {
        slack.stop(0);
    }

    @BeforeEach
    void estate() {
        received.clear();
        new Fixtures(this.driver).run("MATCH (n) WHERE NOT n:__Migration DETACH DELETE n", Map.of())
            .person("ann")
            .squad("payments")
            .squadApps("payments", "ann", "checkout");
    }

    @Test
    void theIncomingWebhookGetsTheMessageWithItsSuspectsAndThenItsResolution() {
        Instant startsAt = Instant.now().minus(5, ChronoUnit.MINUTES);
        new Fixtures(this.driver).run("""
                MATCH (app:App {name: 'checkout'})
                CREATE (:Release {externalId: 'run-9', version: '3.1.0', status: 'SUCCEEDED',
                                  startedAt: datetime($started), finishedAt: datetime($finished)})-[:OF]->(app)
                """, Map.of("started", startsAt.minus(10, ChronoUnit.MINUTES).toString(), "finished",
                startsAt.minus(8, ChronoUnit.MINUTES).toString()));
        Map<String, String> labels = Map.of("alertname", "CheckoutErrors", "app", "checkout");
        deliver(notification("g", alert("fp-1", "firing", labels, startsAt.toString(), null, Map.of())));

        OutboxRounds.deliver(this.context);
        assertThat(received).hasSize(1);
        JsonNode message = received.get(0);
        assertThat(message.get("text").asString())
            .isEqualTo("FIRING: CheckoutErrors on checkout, owner ann, squad payments");
        String blocks = message.get("blocks").toString();
        assertThat(blocks)
            .contains("🔥 FIRING: CheckoutErrors on checkout", "Released shortly before this alert started", "`3.1.0`",
                    "Open checkout in appgraph")
            .doesNotContain("alert_ack", "alert_silence_1h");

        deliver(notification("g", alert("fp-1", "firing", labels, startsAt.toString(), null, Map.of())));
        HttpGraphQlTester
            .create(WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port + "/graphql").build())
            .document(
                    "mutation { acknowledgeAlert(input: {fingerprint: \"fp-1\", by: \"ann\"}) { errors { message } } }")
            .execute()
            .path("acknowledgeAlert.errors")
            .entityList(Object.class)
            .hasSize(0);
        OutboxRounds.deliver(this.context);
        assertThat(received).as("a repeat sends nothing, nor does an acknowledgement: a webhook cannot edit")
            .hasSize(1);

        deliver(notification("g",
                alert("fp-1", "resolved", labels, startsAt.toString(), Instant.now().toString(), Map.of())));
        OutboxRounds.deliver(this.context);
        assertThat(received).hasSize(2);
        assertThat(received.get(1).get("text").asString()).startsWith("RESOLVED: CheckoutErrors on checkout");
        assertThat(received.get(1).get("blocks").toString()).contains("✅ RESOLVED").doesNotContain("Released shortly");
    }

    private void deliver(Map<String, Object> payload) {
        assertThat(AlertmanagerPayloads.post("http://localhost:" + this.port, TOKEN, payload).status()).isEqualTo(200);
    }

    private static HttpServer startSlack() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/services/T0/B0/secret", exchange -> {
                received.add(AlertmanagerPayloads.JSON
                    .readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
