package io.appgraph.backstage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.ImportAnswer;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tandem Cycles' Backstage catalog imported over real HTTP into the real graph, and
 * exported back: every entity kind appgraph keeps, references in all their forms,
 * repeats, dry runs, broken batches, what the graph refuses (a taken email, a group
 * inside itself), source bookkeeping on re-import, and the round trip.
 */
class BackstageImportIT extends IntegrationTest {

    private static final List<String> CATALOG_EDGES = List.of("checkout-api -> orders-db [BACKSTAGE]",
            "checkout-api -> payments-api [BACKSTAGE]", "mobile-bff -> checkout-api [BACKSTAGE]",
            "storefront -> catalog-service [BACKSTAGE]", "storefront -> checkout-api [BACKSTAGE]");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCatalogBecomesAppsSquadsGroupsPeopleAndTheirCalls() {
        ImportAnswer answer = post("/api/import/backstage", fixture("catalog.yaml"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("source").asString()).isEqualTo("BACKSTAGE");
        assertThat(answer.body().path("documents").asInt()).isEqualTo(18);
        assertThat(answer.changes("apps")).containsEntry("created", 6L);
        assertThat(answer.changes("squads")).containsEntry("created", 2L);
        assertThat(answer.changes("groups")).containsEntry("created", 2L);
        assertThat(answer.changes("people")).containsEntry("created", 3L);
        assertThat(answer.changes("apis")).containsEntry("created", 2L);
        assertThat(answer.changes("systems")).containsEntry("created", 1L);
        assertThat(answer.changes("domains")).containsEntry("created", 1L);
        assertThat(answer.changes("edges")).containsEntry("created", 5L);
        assertThat(ImportAnswer.edges(this.driver)).containsExactlyElementsOf(CATALOG_EDGES);
        assertThat(answer.warnings()).anySatisfy(w -> assertThat(w).contains("fraud-scorer", "no such app"))
            .anySatisfy(w -> assertThat(w).contains("Location 'tandem-catalog' skipped"))
            .anySatisfy(w -> assertThat(w).contains("catalog-service", "group:retail", "another type"))
            .anySatisfy(w -> assertThat(w).contains("User linus", "memberOf 'group:retail'"));

        this.graphQl
            .document(
                    """
                            {
                              storefront: app(name: "storefront") { kind type lifecycle system description squad { name } links { label url } }
                              checkoutApi: app(name: "checkout-api") { squad { name } owner { handle } dependencyEdges { to { name } sources } }
                              mobileBff: app(name: "mobile-bff") { squad { name } owner { handle } }
                              paymentsApi: app(name: "payments-api") { tier runbookUrl lifecycle squad { name } }
                              ordersDb: app(name: "orders-db") { kind type description squad { name } }
                              checkout: squad(name: "checkout") { slackChannel description group { name parent { name } } buddy { handle } members { handle } }
                              payments: squad(name: "payments") { group { name } members { handle } }
                              ada: person(handle: "ada") { name email active squads { name } }
                            }""")
            .execute()
            .path("storefront.kind")
            .entity(String.class)
            .isEqualTo("COMPONENT")
            .path("storefront.type")
            .entity(String.class)
            .isEqualTo("website")
            .path("storefront.lifecycle")
            .entity(String.class)
            .isEqualTo("production")
            .path("storefront.system")
            .entity(String.class)
            .isEqualTo("checkout")
            .path("storefront.squad.name")
            .entity(String.class)
            .isEqualTo("checkout")
            .path("storefront.links[*].label")
            .entityList(String.class)
            .containsExactly("Pipeline", "source")
            .path("checkoutApi.squad.name")
            .entity(String.class)
            .isEqualTo("checkout")
            .path("checkoutApi.owner.handle")
            .entity(String.class)
            .isEqualTo("ada")
            .path("checkoutApi.dependencyEdges[*].to.name")
            .entityList(String.class)
            .containsExactly("orders-db", "payments-api")
            .path("mobileBff.squad")
            .valueIsNull()
            .path("mobileBff.owner.handle")
            .entity(String.class)
            .isEqualTo("grace")
            .path("paymentsApi.tier")
            .entity(String.class)
            .isEqualTo("TIER_1")
            .path("paymentsApi.runbookUrl")
            .entity(String.class)
            .isEqualTo("https://wiki.tandem.example/runbooks/payments")
            .path("paymentsApi.squad.name")
            .entity(String.class)
            .isEqualTo("payments")
            .path("ordersDb.kind")
            .entity(String.class)
            .isEqualTo("RESOURCE")
            .path("ordersDb.type")
            .entity(String.class)
            .isEqualTo("database")
            .path("checkout.slackChannel")
            .entity(String.class)
            .isEqualTo("#team-checkout")
            .path("checkout.group.name")
            .entity(String.class)
            .isEqualTo("retail")
            .path("checkout.group.parent.name")
            .entity(String.class)
            .isEqualTo("tandem")
            .path("checkout.buddy.handle")
            .entity(String.class)
            .isEqualTo("linus")
            .path("checkout.members[*].handle")
            .entityList(String.class)
            .containsExactly("ada", "grace")
            .path("payments.group.name")
            .entity(String.class)
            .isEqualTo("retail")
            .path("payments.members[*].handle")
            .entityList(String.class)
            .containsExactly("ada")
            .path("ada.email")
            .entity(String.class)
            .isEqualTo("ada@tandem.example")
            .path("ada.name")
            .entity(String.class)
            .isEqualTo("Ada Lovelace")
            .path("ada.squads[*].name")
            .entityList(String.class)
            .containsExactly("checkout", "payments");
        assertThat(count("""
                MATCH (:App {name: 'checkout-api'})-[:PROVIDES_API]->(:Api {name: 'checkout', type: 'openapi'})
                      <-[:CONSUMES_API]-(:App {name: 'mobile-bff'})
                RETURN count(*)""")).isEqualTo(1);
        assertThat(count(
                "MATCH (:System {name: 'checkout', domain: 'commerce', owner: 'group:checkout'}) RETURN count(*)"))
            .isEqualTo(1);
    }

    @Test
    void importingTheSameCatalogAgainChangesNothing() {
        assertThat(post("/api/import/backstage", fixture("catalog.yaml")).status()).isEqualTo(200);
        List<String> before = new Fixtures(this.driver).snapshot();

        ImportAnswer again = post("/api/import/backstage", fixture("catalog.yaml"));

        assertThat(again.status()).isEqualTo(200);
        for (String kind : List.of("apps", "squads", "groups", "people", "apis", "systems", "domains", "edges")) {
            assertThat(again.changes(kind)).as(kind)
                .containsEntry("created", 0L)
                .containsEntry("updated", 0L)
                .containsEntry("removed", 0L);
        }
        assertThat(again.changes("edges")).containsEntry("unchanged", 5L);
        assertThat(new Fixtures(this.driver).snapshot()).isEqualTo(before);
    }

    @Test
    void aDryRunReportsWhatWouldChangeAndWritesNothing() {
        new Fixtures(this.driver).squad("checkout").app("storefront", "checkout", null);
        List<String> before = new Fixtures(this.driver).snapshot();

        ImportAnswer dryRun = post("/api/import/backstage?dryRun=true", fixture("catalog.yaml"));

        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.body().path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.changes("apps")).containsEntry("created", 5L).containsEntry("updated", 1L);
        assertThat(dryRun.changes("squads")).containsEntry("created", 1L).containsEntry("updated", 1L);
        assertThat(dryRun.changes("edges")).containsEntry("created", 5L);
        assertThat(new Fixtures(this.driver).snapshot()).isEqualTo(before);

        ImportAnswer real = post("/api/import/backstage", fixture("catalog.yaml"));
        assertThat(real.body().path("changes")).isEqualTo(dryRun.body().path("changes"));
    }

    @Test
    void aBrokenDocumentRefusesTheWholeBatchNamingEveryProblem() {
        String broken = fixture("catalog.yaml") + """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Payments_Gateway
                spec:
                  type: service
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: ledger
                spec:
                  owner: group:a:b
                  dependsOn: component:payments-api
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: finance
                spec:
                  children: []
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: not-backstage
                """;

        ImportAnswer answer = post("/api/import/backstage", broken);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asString()).contains("nothing was imported");
        assertThat(answer.details())
            .anySatisfy(d -> assertThat(d).startsWith("document 18 ").contains("payments_gateway", "DNS label"))
            .anySatisfy(
                    d -> assertThat(d).startsWith("document 19 (Component ledger)").contains("spec.owner", "group:a:b"))
            .anySatisfy(d -> assertThat(d).startsWith("document 19 (Component ledger)")
                .contains("spec.dependsOn is not a list"))
            .anySatisfy(d -> assertThat(d).startsWith("document 20 (Group finance)").contains("spec.type"))
            .anySatisfy(d -> assertThat(d).startsWith("document 21 ").contains("apiVersion 'v1'"));
        assertThat(count("MATCH (n) WHERE NOT n:__Migration RETURN count(n)")).isZero();

        ImportAnswer notYaml = post("/api/import/backstage", "kind: Component\nmetadata: [unclosed");
        assertThat(notYaml.status()).isEqualTo(400);
        assertThat(notYaml.details()).singleElement().asString().startsWith("document 0").contains("not valid YAML");
        assertThat(post("/api/import/backstage", "").status()).isEqualTo(400);
    }

    @Test
    void anEmailAnotherPersonHasAndTwoUsersWithOneEmailAreRefused() {
        new Fixtures(this.driver).run("CREATE (:Person {handle: 'ada.l', email: 'ada@tandem.example', active: true})",
                Map.of());

        ImportAnswer taken = post("/api/import/backstage", fixture("catalog.yaml"));

        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.details()).containsExactly(
                "document 6 (User ada): email 'ada@tandem.example' is already the email of 'ada.l' in appgraph");
        assertThat(count("MATCH (a:App) RETURN count(a)")).isZero();

        ImportAnswer twice = post("/api/import/backstage", """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: alan}
                spec: {profile: {email: alan@tandem.example}, memberOf: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: alan.t}
                spec: {profile: {email: Alan@Tandem.example}, memberOf: []}
                """);
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.details()).singleElement()
            .asString()
            .contains("document 1 (User alan.t)", "also the email of 'alan'");
    }

    @Test
    void groupsThatWouldContainThemselvesAreRefused() {
        new Fixtures(this.driver).group("company", "organization", null).group("sales", "department", "company");

        ImportAnswer inBatch = post("/api/import/backstage", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: north}
                spec: {type: region, parent: south, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: south}
                spec: {type: region, children: [group:north]}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: company}
                spec: {type: organization, parent: north, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: north-east}
                spec: {type: region, parent: north, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: south}
                spec: {type: region, children: [group:north-east]}
                """);
        assertThat(inBatch.status()).isEqualTo(400);
        assertThat(inBatch.details())
            .anySatisfy(d -> assertThat(d).contains("document 4", "repeats the group 'south'"));

        ImportAnswer cycle = post("/api/import/backstage", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: company}
                spec: {type: organization, parent: sales, children: []}
                """);
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.details()).anySatisfy(d -> assertThat(d).contains("company", "inside itself"));

        ImportAnswer conflict = post("/api/import/backstage", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: north}
                spec: {type: region, parent: company, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: sales}
                spec: {type: department, children: [group:north]}
                """);
        assertThat(conflict.status()).isEqualTo(400);
        assertThat(conflict.details()).singleElement()
            .asString()
            .contains("document 1 (Group north)", "'sales' here but 'company' in document 0");
        assertThat(count("MATCH (g:Group) RETURN count(g)")).isEqualTo(2);
        assertThat(count("MATCH (:Group {name: 'sales'})-[:PART_OF]->(:Group {name: 'company'}) RETURN count(*)"))
            .isEqualTo(1);
    }

    @Test
    void aGroupAdoptsTeamsAndGroupsAppgraphAlreadyHasAsItsChildren() {
        new Fixtures(this.driver).squad("search").group("browse", "tribe", null);

        ImportAnswer answer = post("/api/import/backstage", """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: discovery}
                spec: {type: department, children: [group:search, group:browse]}
                """);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.changes("parents")).containsEntry("updated", 2L);
        this.graphQl
            .document("{ squad(name: \"search\") { group { name } } group(name: \"browse\") { parent { name } } }")
            .execute()
            .path("squad.group.name")
            .entity(String.class)
            .isEqualTo("discovery")
            .path("group.parent.name")
            .entity(String.class)
            .isEqualTo("discovery");
    }

    @Test
    void aReimportWithdrawsOnlyWhatTheCatalogSaidOfItsOwnApps() {
        assertThat(post("/api/import/backstage", fixture("catalog.yaml")).status()).isEqualTo(200);
        cypher("""
                MATCH (:App {name: 'storefront'})-[d:DEPENDS_ON]->(:App {name: 'checkout-api'})
                SET d.sources = d.sources + 'DECLARED'""");
        cypher("""
                MATCH (:App {name: 'checkout-api'})-[d:DEPENDS_ON]->(:App {name: 'orders-db'})
                SET d.sources = d.sources + 'MESH'""");

        // checkout-api's own file, which no longer calls payments-api.
        ImportAnswer answer = post("/api/import/backstage", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: checkout-api
                  description: Turns baskets into orders.
                  annotations:
                    appgraph.io/developer-owner: user:ada
                spec:
                  type: service
                  lifecycle: production
                  owner: group:checkout
                  system: checkout
                  providesApis: [api:checkout]
                  dependsOn: [resource:orders-db]
                """);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.changes("edges")).containsEntry("removed", 1L).containsEntry("unchanged", 2L);
        assertThat(ImportAnswer.edges(this.driver)).containsExactly("checkout-api -> orders-db [BACKSTAGE, MESH]",
                "mobile-bff -> checkout-api [BACKSTAGE]", "storefront -> catalog-service [BACKSTAGE]",
                "storefront -> checkout-api [BACKSTAGE, DECLARED]");
    }

    @Test
    void theExportImportsBackIntoAnEmptyGraphAsTheSameCatalog() {
        new Fixtures(this.driver).group("retail", "department", null)
            .squad("checkout", "retail", null)
            .person("alan", "checkout")
            .app("ledger", "checkout", "alan", "TIER_2", "Double-entry bookkeeping.")
            .run("""
                    MATCH (s:Squad {name: 'checkout'}) SET s.slackWebhookUrl = 'https://hooks.slack.example/T0/B0/secret-path'
                    """,
                    Map.of());
        assertThat(post("/api/import/backstage", fixture("catalog.yaml")).status()).isEqualTo(200);
        new Fixtures(this.driver).dependsOn("ledger", "payments-api", "DECLARED")
            .dependsOn("ledger", "orders-db", "NETWORK_POLICY");

        String exported = export();

        assertThat(exported).doesNotContain("secret-path")
            .contains("kind: Component", "kind: Resource", "kind: API", "kind: System", "kind: Domain", "kind: User",
                    "appgraph.io/tier: TIER_2", "appgraph.io/ops-buddy: user:linus")
            .as("only declared calls are a catalog's")
            .doesNotContain("component:orders-db");
        cypher("MATCH (n) WHERE NOT n:__Migration DETACH DELETE n");
        ImportAnswer reimport = post("/api/import/backstage", exported);
        assertThat(reimport.status()).isEqualTo(200);
        assertThat(reimport.body().path("warnings")).isEmpty();
        assertThat(export()).isEqualTo(exported);
        this.graphQl.document("{ app(name: \"ledger\") { tier description squad { name } owner { handle } } }")
            .execute()
            .path("app.tier")
            .entity(String.class)
            .isEqualTo("TIER_2")
            .path("app.squad.name")
            .entity(String.class)
            .isEqualTo("checkout")
            .path("app.owner.handle")
            .entity(String.class)
            .isEqualTo("alan");
    }

    @Test
    void theExportIsEntityYamlBackstageReads() {
        assertThat(post("/api/import/backstage", fixture("catalog.yaml")).status()).isEqualTo(200);

        HttpResponse<String> response = get("/api/export/backstage");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(response.body()).contains("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: checkout-api
                  description: Turns baskets into orders.
                  annotations:
                    appgraph.io/developer-owner: user:ada
                spec:
                  type: service
                  lifecycle: production
                  owner: group:checkout
                  system: checkout
                  dependsOn:
                  - component:payments-api
                  - resource:orders-db
                  providesApis:
                  - api:checkout
                """);
    }

    private String export() {
        HttpResponse<String> response = get("/api/export/backstage");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private ImportAnswer post(String path, String body) {
        return ImportAnswer.post(this.http, URI.create(baseUrl() + path), "application/yaml", body);
    }

    private static String fixture(String name) {
        return ImportAnswer.fixture("backstage/" + name);
    }

    private HttpResponse<String> get(String path) {
        return ImportAnswer.get(this.http, URI.create(baseUrl() + path));
    }

}
