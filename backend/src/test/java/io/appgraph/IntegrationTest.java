package io.appgraph;

import org.junit.jupiter.api.Tag;
import testsupport.neo4j.SecondJvmNeo4j;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the whole application on a random port over a real Neo4j
 * (the embedded one, or with {@code -Dit.external-neo4j=true} a server in a second JVM:
 * {@link SecondJvmNeo4j}), shared by every test class through Spring's context cache,
 * with the graph emptied (all but the migration records) before each test. Tests speak
 * GraphQL over real HTTP. Neither the outbox worker, the ownership sweep nor the platform
 * jobs run in the background: tests that deliver or sweep run them themselves, and
 * statement counts stay exact.
 */
@Tag("graph")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "appgraph.demo.enabled=false", "appgraph.embedded.bolt-port=0",
                "appgraph.embedded.page-cache=64m", "logging.level.io.appgraph.platform.GraphQlErrors=OFF",
                "appgraph.webhooks.alertmanager-token=" + IntegrationTest.ALERTMANAGER_TOKEN,
                "appgraph.webhooks.pipeline-secret=" + IntegrationTest.PIPELINE_SECRET,
                "appgraph.webhooks.hr-secret=" + IntegrationTest.HR_SECRET, "appgraph.outbox.enabled=false",
                "appgraph.ownership.sweep-enabled=false", "appgraph.platform.jobs-enabled=false",
                "appgraph.scim.token=" + IntegrationTest.SCIM_TOKEN })
public abstract class IntegrationTest {

    /** Alertmanager's bearer token in the shared context. */
    protected static final String ALERTMANAGER_TOKEN = "it-alertmanager-token";

    /** The pipelines' webhook secret of the shared context. */
    protected static final String PIPELINE_SECRET = "it-pipeline-secret";

    /** The identity provider's SCIM bearer token in the shared context. */
    protected static final String SCIM_TOKEN = "it-scim-token";

    /** The HR leaver feed's secret of the shared context. */
    protected static final String HR_SECRET = "it-hr-secret";

    private static final Path DATA_DIR = temporaryDirectory();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Driver driver;

    protected HttpGraphQlTester graphQl;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("appgraph.embedded.data-dir", DATA_DIR::toString);
        if (SecondJvmNeo4j.wanted()) {
            registry.add("spring.neo4j.uri", SecondJvmNeo4j::uri);
        }
    }

    @BeforeEach
    void emptyGraphAndConnect() {
        cypher("MATCH (n) WHERE NOT n:__Migration DETACH DELETE n");
        this.graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + this.port + "/graphql")
            .responseTimeout(java.time.Duration.ofSeconds(30))
            .build());
    }

    /** Runs a Cypher statement to set up or inspect the graph directly. */
    protected void cypher(String statement) {
        try (var session = this.driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(statement).consume());
        }
    }

    /**
     * Runs a Cypher query and returns its single long value, for assertions on what was
     * stored.
     */
    protected long count(String query) {
        try (var session = this.driver.session()) {
            return session.executeRead(tx -> tx.run(query).single().get(0).asLong());
        }
    }

    protected String baseUrl() {
        return "http://localhost:" + this.port;
    }

    // Under target/, so 'clean' removes the database a test run leaves behind.
    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "appgraph-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
