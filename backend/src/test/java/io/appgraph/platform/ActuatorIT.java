package io.appgraph.platform;

import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Kubernetes and Prometheus see, and where appgraph listens with the embedded
 * database.
 */
class ActuatorIT extends IntegrationTest {

    @Autowired
    Environment environment;

    @Test
    void livenessAndReadinessIncludingTheDatabaseAreUp() {
        for (String health : new String[] { "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/health" }) {
            client().get()
                .uri(health)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        }
    }

    @Test
    void prometheusExposesGraphQlTimingsAndCypherCounts() {
        this.graphQl.documentName("Apps")
            .variable("first", 5)
            .execute()
            .path("apps.totalCount")
            .entity(Integer.class)
            .isEqualTo(0);

        String metrics = client().get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(metrics).contains("graphql_request_seconds_count", "graphql_datafetcher_seconds",
                "appgraph_cypher_statements_total");
    }

    @Test
    void listensOnLoopbackOnlyWithTheEmbeddedDatabase() {
        assertThat(this.environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
            .baseUrl(baseUrl())
            .responseTimeout(java.time.Duration.ofSeconds(30))
            .build();
    }

}
