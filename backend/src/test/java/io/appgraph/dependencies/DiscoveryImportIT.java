package io.appgraph.dependencies;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.appgraph.Fixtures;
import io.appgraph.ImportAnswer;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's view of who calls whom, imported over real HTTP into the real graph:
 * Tandem Cycles' network policies (as kubectl lists them, as manifests, as JSON) and its
 * mesh traffic (as Prometheus answers), with dry runs, repeats, broken batches, source
 * bookkeeping on re-import, and the drift between what is declared, allowed and observed.
 */
class DiscoveryImportIT extends IntegrationTest {

    private static final List<String> POLICY_EDGES = List.of("cart-api -> checkout-api [NETWORK_POLICY]",
            "checkout-api -> payments-api [NETWORK_POLICY]", "mobile-bff -> checkout-api [NETWORK_POLICY]",
            "payments-api -> fraud-scorer [NETWORK_POLICY]", "payments-api -> ledger [NETWORK_POLICY]",
            "search-api -> catalog-api [NETWORK_POLICY]", "storefront -> catalog-api [NETWORK_POLICY]",
            "storefront -> checkout-api [NETWORK_POLICY]");

    private final HttpClient http = HttpClient.newHttpClient();

    private Fixtures fixtures;

    @BeforeEach
    void tandemCycles() {
        this.fixtures = new Fixtures(this.driver).person("ada")
            .squad("checkout")
            .squadApps("checkout", "ada", "storefront", "checkout-api", "cart-api")
            .squad("payments")
            .squadApps("payments", "ada", "payments-api", "ledger");
    }

    @Test
    void networkPoliciesAsKubectlListsThemBecomeTheCallsTheyAllow() {
        ImportAnswer answer = post("/api/import/network-policies", fixture("network-policies.yaml"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("source").asString()).isEqualTo("NETWORK_POLICY");
        assertThat(answer.body().path("dryRun").asBoolean()).isFalse();
        assertThat(answer.body().path("documents").asInt()).isEqualTo(7);
        assertThat(answer.changes("edges")).containsEntry("created", 8L).containsEntry("removed", 0L);
        assertThat(answer.changes("apps")).containsEntry("created", 4L).containsEntry("unchanged", 5L);
        assertThat(ImportAnswer.edges(this.driver)).containsExactlyElementsOf(POLICY_EDGES);
        assertThat(count("""
                MATCH (a:App {lifecycle: 'DISCOVERED'})
                WHERE a.name IN ['mobile-bff', 'fraud-scorer', 'catalog-api', 'search-api']
                  AND NOT (a)-[:OWNED_BY]->() AND NOT (a)-[:HAS_OWNER]->()
                RETURN count(a)""")).as("apps seen first in a policy are DISCOVERED, with no owner").isEqualTo(4);
        assertThat(count("MATCH (a:App {name: 'storefront'}) WHERE a.lifecycle IS NULL RETURN count(a)")).isEqualTo(1);
    }

    @Test
    void manifestsOnePerDocumentAndTheApiServersJsonGiveTheSameCalls() {
        ImportAnswer manifests = post("/api/import/network-policies", fixture("network-policies-manifests.yaml"));

        assertThat(manifests.status()).isEqualTo(200);
        assertThat(ImportAnswer.edges(this.driver)).containsExactlyElementsOf(POLICY_EDGES);
        assertThat(manifests.body().path("warnings").toString()).contains("kind Deployment is not a NetworkPolicy");

        String json = """
                {"kind": "NetworkPolicyList", "apiVersion": "networking.k8s.io/v1",
                 "metadata": {"resourceVersion": "48151623"}, "items": [
                  {"metadata": {"name": "ledger", "namespace": "payments", "uid": "3f1c2a"},
                   "spec": {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "ledger"}},
                            "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "payments-api"}}}]}]}}]}
                """;
        // As the API server lists them (the discovery CronJob's way): items carry no
        // kind.
        ImportAnswer fromJson = post("/api/import/network-policies", json);
        assertThat(fromJson.status()).isEqualTo(200);
        assertThat(fromJson.changes("edges")).containsEntry("unchanged", 1L).containsEntry("removed", 7L);
        assertThat(ImportAnswer.edges(this.driver)).containsExactly("payments-api -> ledger [NETWORK_POLICY]");
    }

    @Test
    void importingTheSamePoliciesAgainChangesNothing() {
        post("/api/import/network-policies", fixture("network-policies.yaml"));
        List<String> before = this.fixtures.snapshot();

        ImportAnswer again = post("/api/import/network-policies", fixture("network-policies.yaml"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.changes("edges")).containsEntry("created", 0L)
            .containsEntry("updated", 0L)
            .containsEntry("unchanged", 8L)
            .containsEntry("removed", 0L);
        assertThat(again.changes("apps")).containsEntry("created", 0L);
        assertThat(this.fixtures.snapshot()).isEqualTo(before);
    }

    @Test
    void importsRacingEachOtherNeverDoubleACall() throws Exception {
        String policies = fixture("network-policies.yaml");
        String traffic = mesh(Instant.now().getEpochSecond());
        List<Callable<ImportAnswer>> racers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            racers.add(() -> post("/api/import/network-policies", policies));
            racers.add(() -> post("/api/import/mesh", traffic));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            for (Future<ImportAnswer> answer : pool.invokeAll(racers)) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(count("MATCH (a:App)-[d:DEPENDS_ON]->(b:App) RETURN count(d)"))
            .isEqualTo(count("MATCH (a:App)-[:DEPENDS_ON]->(b:App) RETURN count(DISTINCT [a, b])"))
            .isEqualTo(10);
        assertThat(count("MATCH (a:App) RETURN count(a)"))
            .isEqualTo(count("MATCH (a:App) RETURN count(DISTINCT a.name)"));
    }

    @Test
    void aDryRunReportsWhatTheImportWouldChangeAndWritesNothing() {
        List<String> before = this.fixtures.snapshot();

        ImportAnswer rehearsal = post("/api/import/network-policies?dryRun=true", fixture("network-policies.yaml"));

        assertThat(rehearsal.status()).isEqualTo(200);
        assertThat(rehearsal.body().path("dryRun").asBoolean()).isTrue();
        assertThat(this.fixtures.snapshot()).isEqualTo(before);
        ImportAnswer real = post("/api/import/network-policies", fixture("network-policies.yaml"));
        assertThat(rehearsal.body().path("changes")).isEqualTo(real.body().path("changes"));
        assertThat(rehearsal.changes("edges")).containsEntry("created", 8L);
    }

    @Test
    void aBrokenPolicyRefusesTheWholeBatchNamingItsDocument() {
        List<String> before = this.fixtures.snapshot();
        String batch = fixture("network-policies-manifests.yaml") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: broken, namespace: shop}
                spec:
                  podSelector:
                    matchExpressions:
                    - {key: app, operator: Among, values: [x]}
                  ingress: not-a-list
                """;

        ImportAnswer answer = post("/api/import/network-policies", batch);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asString()).contains("nothing was imported");
        assertThat(answer.body().path("details").toString()).contains("document 5 (shop/broken)")
            .contains("operator 'Among'")
            .contains("spec.ingress must be a list of rules");
        assertThat(this.fixtures.snapshot()).isEqualTo(before);
    }

    @Test
    void inputThatIsNotYamlOrNotAskedRightIsRefusedWithWhatWasWrong() {
        ImportAnswer syntax = post("/api/import/network-policies", "kind: NetworkPolicy\nspec: [unclosed\n");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.body().path("details").toString()).contains("document 0").contains("not valid YAML");

        ImportAnswer empty = post("/api/import/network-policies", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().path("details").toString()).contains("Send NetworkPolicy YAML");

        ImportAnswer dryRun = post("/api/import/network-policies?dryRun=perhaps", fixture("network-policies.yaml"));
        assertThat(dryRun.status()).isEqualTo(400);
        assertThat(dryRun.body().path("details").toString()).contains("dryRun must be true or false");

        ImportAnswer scalar = post("/api/import/network-policies", "just words");
        assertThat(scalar.status()).isEqualTo(400);
        assertThat(scalar.body().path("details").toString()).contains("document 0").contains("not a mapping");
        assertThat(count("MATCH ()-[d:DEPENDS_ON]->() RETURN count(d)")).isZero();
    }

    @Test
    void aReimportWithdrawsOnlyWhatNetworkPoliciesSaidBefore() {
        this.fixtures.dependsOn("storefront", "checkout-api", "DECLARED");
        post("/api/import/network-policies", fixture("network-policies.yaml"));
        assertThat(ImportAnswer.edges(this.driver)).contains("storefront -> checkout-api [DECLARED, NETWORK_POLICY]");

        // checkout-api's policy is deleted from the cluster
        String withoutCheckout = fixture("network-policies-manifests.yaml").replaceFirst("(?s)^.*?\n---\n", "");
        ImportAnswer answer = post("/api/import/network-policies", withoutCheckout);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.changes("edges")).containsEntry("removed", 3L);
        assertThat(ImportAnswer.edges(this.driver)).contains("storefront -> checkout-api [DECLARED]")
            .doesNotContain("cart-api -> checkout-api [NETWORK_POLICY]", "mobile-bff -> checkout-api [NETWORK_POLICY]")
            .contains("checkout-api -> payments-api [NETWORK_POLICY]");
        assertThat(count("MATCH (:App {name: 'mobile-bff'}) RETURN count(*)")).isEqualTo(1);
    }

    @Test
    void meshTrafficBecomesObservedCallsWithWhenAndHowMuch() {
        long now = Instant.now().getEpochSecond();
        ImportAnswer answer = post("/api/import/mesh", mesh(now));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("documents").asInt()).isEqualTo(10);
        assertThat(answer.changes("edges")).containsEntry("created", 7L);
        assertThat(ImportAnswer.edges(this.driver)).containsExactly("checkout-api -> inventory-api [MESH]",
                "checkout-api -> ledger [MESH]", "checkout-api -> payments-api [MESH]",
                "payments-api -> fraud-scorer [MESH]", "search-api -> catalog-api [MESH]",
                "storefront -> catalog-api [MESH]", "storefront -> checkout-api [MESH]");

        GraphQlTester.Response search = this.graphQl.document("""
                { app(name: "search-api") { dependencyEdges { to { name } sources lastObserved requestRate } } }""")
            .execute();
        search.path("app.dependencyEdges[0].to.name").entity(String.class).isEqualTo("catalog-api");
        search.path("app.dependencyEdges[0].sources").entityList(String.class).containsExactly("MESH");
        search.path("app.dependencyEdges[0].requestRate").entity(Double.class).isEqualTo(2.0);
        search.path("app.dependencyEdges[0].lastObserved")
            .entity(String.class)
            .isEqualTo(Instant.ofEpochSecond(now).toString().replace("Z", ".000Z"));

        List<String> before = this.fixtures.snapshot();
        ImportAnswer again = post("/api/import/mesh", mesh(now));
        assertThat(again.changes("edges")).containsEntry("unchanged", 7L).containsEntry("removed", 0L);
        assertThat(this.fixtures.snapshot()).isEqualTo(before);

        ImportAnswer quiet = post("/api/import/mesh", """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"source_canonical_service":"storefront","destination_canonical_service":"checkout-api"},
                   "value":[%d, "9"]}]}}""".formatted(now + 3600));
        assertThat(quiet.changes("edges")).as("a quiet hour does not withdraw a call the mesh saw")
            .containsEntry("updated", 1L)
            .containsEntry("removed", 0L);

        ImportAnswer monthLater = post("/api/import/mesh", """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"source_canonical_service":"storefront","destination_canonical_service":"checkout-api"},
                   "value":[%d, "9"]}]}}""".formatted(now + 31 * 86400));
        assertThat(monthLater.changes("edges")).as("calls unseen for the retention lose MESH")
            .containsEntry("removed", 6L);
        assertThat(ImportAnswer.edges(this.driver)).containsExactly("storefront -> checkout-api [MESH]");
    }

    @Test
    void meshAnswersThatAreNotInstantVectorsAreRefused() {
        ImportAnswer failed = post("/api/import/mesh", """
                {"status":"error","errorType":"bad_data","error":"parse error at char 4"}""");
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.body().path("details").toString()).contains("parse error at char 4");

        ImportAnswer matrix = post("/api/import/mesh", """
                {"status":"success","data":{"resultType":"matrix","result":[]}}""");
        assertThat(matrix.status()).isEqualTo(400);
        assertThat(matrix.body().path("details").toString()).contains("instant query");

        ImportAnswer badRate = post("/api/import/mesh",
                """
                        {"status":"success","data":{"resultType":"vector","result":[
                          {"metric":{"source_canonical_service":"a","destination_canonical_service":"b"},"value":[1, "lots"]}]}}""");
        assertThat(badRate.status()).isEqualTo(400);
        assertThat(badRate.body().path("details").toString()).contains("data.result[0].value[1] is 'lots'");
        assertThat(count("MATCH ()-[d:DEPENDS_ON]->() RETURN count(d)")).isZero();
    }

    @Test
    void driftShowsWhereDeclaredAllowedAndObservedDisagree() {
        this.fixtures.app("legacy-batch")
            .app("notifications-worker")
            .dependsOn("storefront", "checkout-api", "DECLARED")
            .dependsOn("checkout-api", "payments-api", "DECLARED")
            .dependsOn("checkout-api", "cart-api", "DECLARED")
            .dependsOn("legacy-batch", "payments-api", "DECLARED");
        long now = Instant.now().getEpochSecond();
        post("/api/import/network-policies", fixture("network-policies.yaml"));
        post("/api/import/mesh",
                """
                        {"status":"success","data":{"resultType":"vector","result":[
                          {"metric":{"source_canonical_service":"notifications-worker","destination_canonical_service":"payments-api"},
                           "value":[%d, "0.2"]}]}}"""
                    .formatted(now - 10 * 86400));
        post("/api/import/mesh", mesh(now));
        assertThat(count("MATCH (a:App) WHERE a.ingressGoverned RETURN count(a)"))
            .as("apps whose ingress policies restrict (storefront allows everyone)")
            .isEqualTo(4);

        GraphQlTester.Response drift = this.graphQl.document("""
                { dependencyDrift(staleDays: 7) {
                    staleDays lastObserved
                    declaredNotObserved { totalCount dependencies { from { name } to { name } sources } }
                    observedNotDeclared { totalCount dependencies { from { name } to { name } } }
                    observedNotAllowed { totalCount dependencies { from { name } to { name } } }
                    stale { totalCount dependencies { from { name } to { name } lastObserved } } } }""").execute();

        drift.path("dependencyDrift.staleDays").entity(Integer.class).isEqualTo(7);
        drift.path("dependencyDrift.lastObserved")
            .entity(String.class)
            .isEqualTo(Instant.ofEpochSecond(now).toString().replace("Z", ".000Z"));
        drift.path("dependencyDrift.declaredNotObserved.totalCount").entity(Integer.class).isEqualTo(1);
        drift.path("dependencyDrift.declaredNotObserved.dependencies[0].from.name")
            .entity(String.class)
            .isEqualTo("checkout-api");
        drift.path("dependencyDrift.declaredNotObserved.dependencies[0].to.name")
            .entity(String.class)
            .isEqualTo("cart-api");
        drift.path("dependencyDrift.observedNotDeclared.totalCount").entity(Integer.class).isEqualTo(6);
        drift.path("dependencyDrift.observedNotDeclared.dependencies[*].to.name")
            .entityList(String.class)
            .containsExactly("inventory-api", "ledger", "payments-api", "fraud-scorer", "catalog-api", "catalog-api");
        drift.path("dependencyDrift.observedNotAllowed.dependencies[*].from.name")
            .entityList(String.class)
            .containsExactly("checkout-api", "notifications-worker");
        drift.path("dependencyDrift.stale.dependencies[*].from.name")
            .entityList(String.class)
            .containsExactly("notifications-worker");

        GraphQlTester.Response payments = this.graphQl.document("""
                { dependencyDrift(squad: "payments", first: 1) {
                    observedNotDeclared { totalCount dependencies { from { name } to { name } } } } }""").execute();
        payments.path("dependencyDrift.observedNotDeclared.totalCount").entity(Integer.class).isEqualTo(3);
        payments.path("dependencyDrift.observedNotDeclared.dependencies[*].from.name")
            .entityList(String.class)
            .containsExactly("checkout-api");

        this.graphQl.document("{ dependencyDrift(squad: \"nobody\") { staleDays } }")
            .execute()
            .errors()
            .satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> assertThat(error.getMessage()).isEqualTo("No squad is named 'nobody'")));
    }

    @Test
    void anAppShowsWhereEachOfItsCallsWasLearnedFrom() {
        this.fixtures.dependsOn("storefront", "checkout-api", "DECLARED");
        post("/api/import/network-policies", fixture("network-policies.yaml"));
        post("/api/import/mesh", mesh(Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond()));

        GraphQlTester.Response checkout = this.graphQl.document("""
                { app(name: "checkout-api") {
                    dependentEdges { from { name } sources firstSeen }
                    dependencyEdges { to { name } sources requestRate } } }""").execute();

        checkout.path("app.dependentEdges[*].from.name")
            .entityList(String.class)
            .containsExactly("cart-api", "mobile-bff", "storefront");
        checkout.path("app.dependentEdges[2].sources")
            .entityList(String.class)
            .containsExactly("DECLARED", "NETWORK_POLICY", "MESH");
        checkout.path("app.dependencyEdges[*].to.name")
            .entityList(String.class)
            .containsExactly("inventory-api", "ledger", "payments-api");
        checkout.path("app.dependencyEdges[2].sources")
            .entityList(String.class)
            .containsExactly("NETWORK_POLICY", "MESH");
    }

    private String mesh(long at) {
        return fixture("mesh-traffic.json").replace("NOW", Long.toString(at));
    }

    private ImportAnswer post(String path, String body) {
        return ImportAnswer.post(this.http, URI.create(baseUrl() + path),
                path.contains("mesh") ? "application/json" : "application/yaml", body);
    }

    private static String fixture(String name) {
        return ImportAnswer.fixture("discovery/" + name);
    }

}
