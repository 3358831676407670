package io.appgraph.cost;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import io.appgraph.ExternalNeo4j;
import io.appgraph.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The platform dashboard and cost from a real Prometheus (Debian's, backfilled with nine
 * days of kube-state-metrics and cAdvisor series by promtool): appgraph pulls the live
 * figures and rolls the days up at start-up, ties pods to apps through their labels and
 * owners, keeps the rest unattributed with the reason, and after a restart with
 * Prometheus gone still answers cost from its rollups and the last figures, marked stale.
 * Prices are the defaults: 0.031611 a core-hour, 0.004237 a GiB-hour.
 */
class PlatformPrometheusIT {

    private static final double MIB = 1024.0 * 1024;

    private static final double CPU = 0.031611;

    private static final double MEMORY = 0.004237;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static ExternalNeo4j database;

    private static PrometheusProcess prometheus;

    @BeforeAll
    static void clusterAndDatabase() {
        ClusterMetrics cluster = new ClusterMetrics();
        for (String pod : new String[] { "checkout-6f9c-a", "checkout-6f9c-b" }) {
            cluster.pod("shop", pod)
                .labels("checkout", null)
                .ownedByReplicaSet("checkout-6f9c", "checkout")
                .container("api", 1.0, (long) (512 * MIB), usage -> usage.cpu(t -> 0.1).memory(t -> 100 * MIB));
        }
        cluster.pod("shop", "basket-7f-x")
            .ownedByReplicaSet("basket-7f", "basket")
            .container("basket", 0.5, (long) (256 * MIB), usage -> usage.cpu(t -> 0.5).memory(t -> 256 * MIB));
        cluster.pod("shop", "ledger-0")
            .ownedBy("StatefulSet", "ledger")
            .container("db", 0.25, (long) (1024 * MIB), usage -> usage.cpu(t -> 0.05).memory(t -> 600 * MIB));
        cluster.pod("shop", "stray")
            .container("main", 0.2, (long) (128 * MIB), usage -> usage.cpu(t -> 0.2).memory(t -> 64 * MIB));
        cluster.pod("shop", "ghost-1")
            .labels(null, "ghost")
            .container("x", 0.1, (long) (128 * MIB), usage -> usage.cpu(t -> 0.05).memory(t -> 64 * MIB));
        cluster.node("node-1", 8.0, 32L * 1024 * 1024 * 1024);
        prometheus = PrometheusProcess
            .start(cluster.toOpenMetrics(NOW.minus(Duration.ofDays(9)), NOW, Duration.ofMinutes(5)));
        database = ExternalNeo4j.start();
        try (Driver driver = GraphDatabase.driver(database.uri(), AuthTokens.none())) {
            new Fixtures(driver).squad("payments")
                .person("ana", "payments")
                .app("checkout", "payments", "ana")
                .app("basket", "payments", "ana")
                .app("ledger", "payments", "ana");
        }
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void figuresAndRollupsFromPrometheusOutliveIt() {
        LocalDate day = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(2);
        JsonNode live;
        JsonNode costs;
        try (ConfigurableApplicationContext app = appgraph(prometheus.url())) {
            int port = ExternalNeo4j.port(app);
            live = await(port, "{ platform(environment: \"prod\") { apps pods containers unattributedPods "
                    + "cpu { requestedCores usedCores allocatableCores } memory { requestedBytes usedBytes allocatableBytes } "
                    + "observedAt stale error history { at containers } } }",
                    answer -> !answer.path("data").path("platform").path("observedAt").isNull())
                .path("data")
                .path("platform");
            assertThat(live.path("apps").asInt()).as("checkout, basket, ledger").isEqualTo(3);
            assertThat(live.path("pods").asInt()).isEqualTo(6);
            assertThat(live.path("containers").asInt()).isEqualTo(6);
            assertThat(live.path("unattributedPods").asInt()).as("stray and ghost").isEqualTo(2);
            assertThat(live.path("cpu").path("requestedCores").asDouble()).isCloseTo(3.05, within(1e-9));
            assertThat(live.path("cpu").path("allocatableCores").asDouble()).isEqualTo(8.0);
            // A five-minute rate read a little after the last sample, as Prometheus
            // extrapolates it.
            assertThat(live.path("cpu").path("usedCores").asDouble()).isCloseTo(1.0, within(0.25));
            assertThat(live.path("memory").path("requestedBytes").asDouble()).isCloseTo(2560 * MIB, within(1.0));
            assertThat(live.path("memory").path("usedBytes").asDouble()).isCloseTo(1184 * MIB, within(1.0));
            assertThat(live.path("stale").asBoolean()).isFalse();
            assertThat(live.path("history")).hasSize(1);

            String query = """
                    { costs(squad: "payments", from: "%1$sT00:00:00Z", to: "%2$sT00:00:00Z", interval: DAY) {
                        compute apps { app { name } compute } }
                      estate: costs(from: "%1$sT00:00:00Z", to: "%2$sT00:00:00Z", interval: DAY) {
                        unattributed { environment compute reason } }
                      rightSizing(squad: "payments") { app { name } container days confidence
                        cpu { requestedCores recommendedCores } memory { requestedBytes recommendedBytes } } }
                    """.formatted(day, day.plusDays(1));
            // The rollups run day by day, oldest first, after the first pull: done once
            // today's is in.
            costs = await(port, query, answer -> answer.path("data").path("rightSizing").size() == 3
                    && answer.path("data").path("rightSizing").get(0).path("days").asInt() == 10)
                .path("data");
            assertCosts(costs);
            JsonNode checkout = costs.path("rightSizing").get(0);
            assertThat(checkout.path("app").path("name").asString()).as("the largest saving first")
                .isEqualTo("checkout");
            assertThat(checkout.path("container").asString()).isEqualTo("api");
            assertThat(checkout.path("days").asInt()).as("nine days back, today included").isEqualTo(10);
            assertThat(checkout.path("confidence").asString()).isEqualTo("MEDIUM");
            // Usage at 0.1 core: bucket 95's end (0.1030) + 15 %.
            assertThat(checkout.path("cpu").path("recommendedCores").asDouble())
                .isCloseTo(0.001 * Math.pow(1.05, 95) * 1.15, within(0.006));
            assertThat(checkout.path("memory").path("recommendedBytes").asDouble()).isCloseTo(115 * MIB, within(1.0));
        }

        // Prometheus goes away, appgraph restarts: cost stays, the figures are the last
        // known, marked stale.
        prometheus.stop();
        try (ConfigurableApplicationContext app = appgraph(prometheus.url())) {
            int port = ExternalNeo4j.port(app);
            JsonNode stale = await(port,
                    "{ platform(environment: \"prod\") { apps pods cpu { requestedCores } "
                            + "observedAt stale error } }",
                    answer -> answer.path("data").path("platform").path("stale").asBoolean())
                .path("data")
                .path("platform");
            assertThat(stale.path("observedAt").asString()).isEqualTo(live.path("observedAt").asString());
            assertThat(stale.path("apps").asInt()).isEqualTo(3);
            assertThat(stale.path("cpu").path("requestedCores").asDouble()).isCloseTo(3.05, within(1e-9));
            assertThat(stale.path("error").asString()).startsWith("Prometheus at " + prometheus.url())
                .contains("could not be reached");
            JsonNode again = graphQl(port, """
                    { costs(squad: "payments", from: "%1$sT00:00:00Z", to: "%2$sT00:00:00Z", interval: DAY) {
                        compute apps { app { name } compute } }
                      estate: costs(from: "%1$sT00:00:00Z", to: "%2$sT00:00:00Z", interval: DAY) {
                        unattributed { environment compute reason } }
                      rightSizing(squad: "payments") { app { name } } }
                    """.formatted(day, day.plusDays(1))).path("data");
            assertCosts(again);
        }
    }

    // A whole day two days ago: every app pays for its requests (usage stays below them,
    // basket's equals them), the unattributed pods likewise, each for its reason.
    private static void assertCosts(JsonNode costs) {
        Map<String, Double> apps = new LinkedHashMap<>();
        costs.path("costs")
            .get(0)
            .path("apps")
            .forEach(a -> apps.put(a.path("app").path("name").asString(), a.path("compute").asDouble()));
        assertThat(apps).containsOnlyKeys("checkout", "basket", "ledger");
        assertThat(apps.get("checkout")).isCloseTo(2 * 24 * 1.0 * CPU + 2 * 24 * 0.5 * MEMORY, within(1e-6));
        assertThat(apps.get("basket")).isCloseTo(24 * 0.5 * CPU + 24 * 0.25 * MEMORY, within(0.005));
        assertThat(apps.get("ledger")).isCloseTo(24 * 0.25 * CPU + 24 * 1.0 * MEMORY, within(1e-6));
        Map<String, Double> unattributed = new LinkedHashMap<>();
        costs.path("estate").get(0).path("unattributed").forEach(u -> {
            assertThat(u.path("environment").asString()).isEqualTo("prod");
            unattributed.put(u.path("reason").asString(), u.path("compute").asDouble());
        });
        assertThat(unattributed).containsOnlyKeys(PodAttribution.NO_APP, "app 'ghost' is not in the catalog");
        assertThat(unattributed.get(PodAttribution.NO_APP)).isCloseTo(24 * 0.2 * CPU + 24 * 0.125 * MEMORY,
                within(0.002));
        assertThat(unattributed.get("app 'ghost' is not in the catalog"))
            .isCloseTo(24 * 0.1 * CPU + 24 * 0.125 * MEMORY, within(1e-6));
    }

    private static ConfigurableApplicationContext appgraph(String prometheusUrl) {
        return database.appgraph("--appgraph.platform.environments.prod.prometheus-url=" + prometheusUrl,
                "--appgraph.ownership.sweep-enabled=false", "--appgraph.outbox.enabled=false");
    }

    private static JsonNode await(int port, String query, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode answer = graphQl(port, query);
            if (done.test(answer)) {
                return answer;
            }
            assertThat(System.nanoTime()).as("waiting for " + query + "; last answer " + answer).isLessThan(deadline);
            try {
                Thread.sleep(250);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    private static JsonNode graphQl(int port, String query) {
        try {
            HttpResponse<String> response = HTTP
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers
                        .ofString(CostImportsIT.JSON.writeValueAsString(Map.of("query", query))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = CostImportsIT.JSON.readTree(response.body());
            assertThat(answer.path("errors").isMissingNode()).as(response.body()).isTrue();
            return answer;
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
