package io.appgraph.platform;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Under the prod profile the schema cannot be explored: no introspection, no GraphiQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "appgraph.embedded.bolt-port=0", "appgraph.embedded.page-cache=32m",
                "appgraph.embedded.data-dir=target/prod-profile-test-data" })
@ActiveProfiles("prod")
class ProductionProfileIT {

    @LocalServerPort
    int port;

    @Test
    void introspectionIsOff() {
        client().post()
            .uri("/graphql")
            .header("Content-Type", "application/json")
            .bodyValue("{\"query\":\"{ __schema { queryType { name } } }\"}")
            .exchange()
            .expectBody()
            .jsonPath("$.data.__schema")
            .doesNotExist()
            .jsonPath("$.errors[0].message")
            .isEqualTo("Introspection has been disabled for this request");
    }

    @Test
    void graphiqlIsOff() {
        client().get().uri("/graphiql").exchange().expectStatus().isNotFound();
    }

    @Test
    void ordinaryQueriesStillWork() {
        client().post()
            .uri("/graphql")
            .header("Content-Type", "application/json")
            .bodyValue("{\"query\":\"{ apps(first: 1) { totalCount } }\"}")
            .exchange()
            .expectBody()
            .jsonPath("$.data.apps.totalCount")
            .isEqualTo(0);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + this.port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    }

}
