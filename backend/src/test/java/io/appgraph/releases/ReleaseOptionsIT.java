package io.appgraph.releases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.appgraph.SignedWebhookClient;
import io.appgraph.SignedWebhookClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release options away from their defaults' neighbours, in a context of their own
 * (closed after this class): no pipeline secret, so the webhook is off, and unknown apps
 * registered by their first release.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "appgraph.demo.enabled=false", "appgraph.embedded.bolt-port=0",
                "appgraph.embedded.page-cache=32m", "appgraph.releases.register-unknown-apps=true" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReleaseOptionsIT {

    // Every node but bookkeeping (labels starting with "__": the migrations' records, the
    // jobs' leases).
    private static final String WHAT_IS_STORED = "MATCH (n) WHERE NOT any(label IN labels(n) WHERE label STARTS WITH '__') RETURN count(n)";

    private static final Path DATA_DIR = temporaryDirectory();

    @LocalServerPort
    int port;

    @Autowired
    Driver driver;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("appgraph.embedded.data-dir", DATA_DIR::toString);
    }

    @BeforeEach
    void emptyGraph() {
        try (var session = this.driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run("MATCH (n) WHERE NOT n:__Migration DETACH DELETE n"));
        }
    }

    @Test
    void withoutASecretTheWebhookIsOffWhateverTheSignature() {
        byte[] body = SignedWebhookClient.JSON
            .writeValueAsBytes(Map.of("event", "started", "app", "payments-api", "externalId", "run-1"));
        SignedWebhookClient pipeline = SignedWebhookClient.pipeline("http://localhost:" + this.port, "a-guess");

        for (Answer answer : new Answer[] { pipeline.post(body, null), pipeline.post(body, "sha256="),
                pipeline.post(body, "sha256=" + SignedWebhookClient.sign(body, "a-guess")) }) {
            assertThat(answer.status()).isEqualTo(404);
        }
        assertThat(count(WHAT_IS_STORED)).isZero();
    }

    @Test
    void anUnknownAppIsRegisteredByItsFirstRelease() {
        graphQl().documentName("StartRelease")
            .variable("input", Map.of("app", "brand-new-api", "externalId", "run-1"))
            .execute()
            .path("startRelease.release.status")
            .entity(String.class)
            .isEqualTo("IN_PROGRESS");

        assertThat(
                count("MATCH (:Release {externalId: 'run-1'})-[:OF]->(a:App {name: 'brand-new-api'}) RETURN count(a)"))
            .isEqualTo(1);
    }

    @Test
    void aNameThatCouldNotBeAnAppIsStillRefused() {
        graphQl().documentName("StartRelease")
            .variable("input", Map.of("app", "Not An App", "externalId", "run-1"))
            .execute()
            .path("startRelease.errors[0].code")
            .entity(String.class)
            .isEqualTo("INVALID");

        assertThat(count(WHAT_IS_STORED)).isZero();
    }

    private HttpGraphQlTester graphQl() {
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + this.port + "/graphql")
            .responseTimeout(Duration.ofSeconds(30))
            .build());
    }

    private long count(String query) {
        try (var session = this.driver.session()) {
            return session.executeRead(tx -> tx.run(query).single().get(0).asLong());
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "release-options-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
