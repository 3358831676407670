package io.appgraph.ownership;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCIM 2.0 over real HTTP as Okta and Microsoft Entra ID speak it, against the embedded
 * Neo4j: lookups, provisioning, every form of deactivation and what it does to the
 * person's apps.
 */
class ScimIT extends IntegrationTest {

    private static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private WebTestClient scim;

    @BeforeEach
    void client() {
        this.scim = client(SCIM_TOKEN);
    }

    @Test
    void oktaLooksUpCreatesDeactivatesAndReactivates() {
        get("/Users?filter=" + encode("userName eq \"ann\"") + "&startIndex=1&count=100").expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(SCIM_JSON)
            .expectBody()
            .jsonPath("$.schemas[0]")
            .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse")
            .jsonPath("$.totalResults")
            .isEqualTo(0);

        // Okta's own example, with its username format set to the email prefix.
        String created = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann",
                 "name":{"givenName":"Ann","familyName":"Lee"},
                 "emails":[{"primary":true,"value":"Ann.Lee@example.com","type":"work"}],
                 "displayName":"Ann Lee","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],
                 "password":"1mz050nq","active":true}
                """;
        var answer = send("POST", "/Users", created).expectStatus()
            .isCreated()
            .expectHeader()
            .contentTypeCompatibleWith(SCIM_JSON)
            .expectBody()
            .jsonPath("$.userName")
            .isEqualTo("ann")
            .jsonPath("$.emails[0].value")
            .isEqualTo("ann.lee@example.com")
            .jsonPath("$.name.familyName")
            .isEqualTo("Lee")
            .jsonPath("$.meta.resourceType")
            .isEqualTo("User")
            .jsonPath("$.active")
            .isEqualTo(true)
            .returnResult();
        URI location = answer.getResponseHeaders().getLocation();
        String id = idOf(location);
        assertThat(location.getPath()).isEqualTo("/scim/v2/Users/" + id);
        assertThat(count("MATCH (p:Person {handle: 'ann', name: 'Ann Lee', active: true}) RETURN count(p)"))
            .isEqualTo(1);

        get("/Users?filter=" + encode("userName eq \"ann\"")).expectBody()
            .jsonPath("$.totalResults")
            .isEqualTo(1)
            .jsonPath("$.Resources[0].id")
            .isEqualTo(id);
        ownsApps("ann", "checkout", "basket");

        patch(id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":false}}]}
                """.formatted(PATCH_OP)).expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);

        assertThat(openOwnerLeftAlerts("ann")).isEqualTo(2);
        assertThat(count("MATCH (p:Person {handle: 'ann', active: false}) WHERE p.leftAt IS NOT NULL RETURN count(p)"))
            .isEqualTo(1);

        patch(id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":true}}]}
                """.formatted(PATCH_OP)).expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true);

        assertThat(count("MATCH (p:Person {handle: 'ann', active: true}) WHERE p.leftAt IS NULL RETURN count(p)"))
            .isEqualTo(1);
        // Back, but the apps' alerts stay open until someone is assigned.
        assertThat(openOwnerLeftAlerts("ann")).isEqualTo(2);
    }

    @Test
    void entraFindsAnExistingPersonAndDeactivatesWithAPathAndABooleanOrAString() {
        cypher("CREATE (:Person {handle: 'bob', name: 'Bob Stone', email: 'bob@example.com', active: true})");
        ownsApps("bob", "search");

        String id = idOfOnly("/Users?filter=" + encode("userName eq \"bob\""));
        get("/Users?filter=" + encode("emails[value eq \"BOB@example.com\"]")).expectBody()
            .jsonPath("$.Resources[0].id")
            .isEqualTo(id);

        patch(id, """
                {"schemas":["%s"],"Operations":[
                  {"op":"Add","path":"externalId","value":"5f1c-entra"},
                  {"op":"Replace","path":"active","value":false}]}
                """.formatted(PATCH_OP)).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.active")
            .isEqualTo(false)
            .jsonPath("$.externalId")
            .isEqualTo("5f1c-entra");
        assertThat(openOwnerLeftAlerts("bob")).isEqualTo(1);

        patch(id, """
                {"schemas":["%s"],"Operations":[{"op":"Replace","path":"active","value":"True"}]}
                """.formatted(PATCH_OP)).expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true);
        patch(id, """
                {"schemas":["%s"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}
                """.formatted(PATCH_OP)).expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);

        assertThat(count("MATCH (p:Person {handle: 'bob', active: false}) RETURN count(p)")).isEqualTo(1);
        assertThat(openOwnerLeftAlerts("bob")).isEqualTo(1);
        get("/Users?filter=" + encode("externalId eq \"5f1c-entra\"")).expectBody()
            .jsonPath("$.Resources[0].userName")
            .isEqualTo("bob");
    }

    @Test
    void entraCreatesWithItsOwnExampleAndPatchesByValueFilter() {
        // Microsoft's example request of its SCIM guide, answered with JSON-only Accept.
        String id = idOf(send("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
                 "userName":"Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1","active":true,
                 "emails":[{"primary":true,"type":"work","value":"Test_User_fd0ea19b@testuser.com"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
                 "roles":[]}
                """).expectStatus().isCreated().expectBody().returnResult().getResponseHeaders().getLocation());

        this.scim.patch()
            .uri(URI.create(baseUrl() + "/scim/v2/Users/" + id))
            .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("""
                    {"schemas":["%s"],"Operations":[
                      {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},
                      {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}
                    """.formatted(PATCH_OP))
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(SCIM_JSON)
            .expectBody()
            .jsonPath("$.emails[0].value")
            .isEqualTo("updatedemail@microsoft.com")
            .jsonPath("$.name.familyName")
            .isEqualTo("updatedFamilyName")
            .jsonPath("$.externalId")
            .isEqualTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");
        assertThat(count("""
                MATCH (p:Person {handle: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1', name: 'givenName familyName',
                                 email: 'updatedemail@microsoft.com', active: true}) RETURN count(p)""")).isEqualTo(1);
    }

    @Test
    void concurrentLookupsLinkAPersonOnceAndConcurrentDeactivationsAlertOnce() throws Exception {
        cypher("CREATE (:Person {handle: 'jo', email: 'jo@example.com', active: true})");
        ownsApps("jo", "atlas", "beacon", "compass");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> lookups = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                lookups.add(pool.submit(() -> idOfOnly("/Users?filter=" + encode("userName eq \"jo\""))));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> lookup : lookups) {
                ids.add(lookup.get(60, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(1);
            String id = ids.iterator().next();

            List<Future<?>> deactivations = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                deactivations.add(pool.submit(() -> patch(id, """
                        {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":false}}]}
                        """.formatted(PATCH_OP)).expectStatus().isOk()));
            }
            for (Future<?> deactivation : deactivations) {
                deactivation.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(openOwnerLeftAlerts("jo")).isEqualTo(3);
        assertThat(count("MATCH (a:OwnershipAlert)-[:FOR]->(:App) RETURN count(a)")).isEqualTo(3);
    }

    @Test
    void patchChangesAttributesByPathAndRemovesThem() {
        String id = create("cleo", "cleo@example.com");

        patch(id, """
                {"schemas":["%s"],"Operations":[
                  {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"cleo.new@example.com"},
                  {"op":"add","path":"name.givenName","value":"Cleo"},
                  {"op":"REMOVE","path":"externalId"}]}
                """.formatted(PATCH_OP)).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.emails[0].value")
            .isEqualTo("cleo.new@example.com")
            .jsonPath("$.name.givenName")
            .isEqualTo("Cleo")
            .jsonPath("$.externalId")
            .doesNotExist();
        assertThat(count("MATCH (p:Person {handle: 'cleo', email: 'cleo.new@example.com'}) RETURN count(p)"))
            .isEqualTo(1);

        patch(id, """
                {"schemas":["%s"],"Operations":[{"op":"move","path":"active"}]}
                """.formatted(PATCH_OP)).expectStatus().isBadRequest();
    }

    @Test
    void putReplacesTheUserAndActiveFalseIsALeaver() {
        String id = create("dan", "dan@example.com");
        ownsApps("dan", "ledger");

        send("PUT", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dan.k",
                 "name":{"givenName":"Dan","familyName":"Kay"},
                 "emails":[{"value":"dan.kay@example.com","type":"work","primary":true}],"active":false}
                """).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.id")
            .isEqualTo(id)
            .jsonPath("$.userName")
            .isEqualTo("dan.k")
            .jsonPath("$.displayName")
            .isEqualTo("Dan Kay")
            .jsonPath("$.active")
            .isEqualTo(false);

        assertThat(count(
                "MATCH (p:Person {handle: 'dan.k', email: 'dan.kay@example.com', active: false}) " + "RETURN count(p)"))
            .isEqualTo(1);
        assertThat(openOwnerLeftAlerts("dan.k")).isEqualTo(1);
    }

    @Test
    void deleteIsALeaverWhomScimThenForgetsButTheGraphKeeps() {
        String id = create("eve", "eve@example.com");
        ownsApps("eve", "payments", "refunds");

        send("DELETE", "/Users/" + id, null).expectStatus().isNoContent();

        assertThat(openOwnerLeftAlerts("eve")).isEqualTo(2);
        assertThat(count("MATCH (p:Person {handle: 'eve', active: false}) RETURN count(p)")).isEqualTo(1);
        get("/Users/" + id).expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.schemas[0]")
            .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error")
            .jsonPath("$.status")
            .isEqualTo("404");
        get("/Users?filter=" + encode("userName eq \"eve\"")).expectBody().jsonPath("$.totalResults").isEqualTo(0);
        send("DELETE", "/Users/" + id, null).expectStatus().isNotFound();

        // Hired again: the same person, under a new id, active, still owning nothing new.
        String again = create("eve", "eve@example.com");
        assertThat(again).isNotEqualTo(id);
        assertThat(count("MATCH (p:Person {handle: 'eve', active: true}) RETURN count(p)")).isEqualTo(1);
        assertThat(openOwnerLeftAlerts("eve")).isEqualTo(2);
    }

    @Test
    void duplicatesAreConflictsAndWriteNothing() {
        create("fay", "fay@example.com");

        send("POST", "/Users", user("fay", "other@example.com")).expectStatus()
            .isEqualTo(409)
            .expectBody()
            .jsonPath("$.scimType")
            .isEqualTo("uniqueness")
            .jsonPath("$.status")
            .isEqualTo("409");
        send("POST", "/Users", user("gus", "FAY@example.com")).expectStatus()
            .isEqualTo(409)
            .expectBody()
            .jsonPath("$.scimType")
            .isEqualTo("uniqueness");
        cypher("CREATE (:Person {handle: 'hal', active: true})");
        send("POST", "/Users", user("hal", null)).expectStatus().isEqualTo(409);

        assertThat(count("MATCH (p:Person) RETURN count(p)")).isEqualTo(2);
        assertThat(count("MATCH (p:Person {handle: 'fay', email: 'fay@example.com'}) RETURN count(p)")).isEqualTo(1);
    }

    @Test
    void anEmailAsUserNameIsRefusedWithWhatToConfigure() {
        send("POST", "/Users", user("ann@example.com", "ann@example.com")).expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.scimType")
            .isEqualTo("invalidValue")
            .jsonPath("$.detail")
            .value(detail -> assertThat((String) detail).contains("Email prefix").contains("mailNickname"));
        send("POST", "/Users", "{\"userName\":").expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.scimType")
            .isEqualTo("invalidSyntax");

        assertThat(count("MATCH (p:Person) RETURN count(p)")).isZero();
    }

    @Test
    void pagesAreOneBasedInHandleOrder() {
        cypher("UNWIND ['p1', 'p2', 'p3', 'p4', 'p5'] AS handle CREATE (:Person {handle: handle, active: true})");

        get("/Users?startIndex=2&count=2").expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.totalResults")
            .isEqualTo(5)
            .jsonPath("$.startIndex")
            .isEqualTo(2)
            .jsonPath("$.itemsPerPage")
            .isEqualTo(2)
            .jsonPath("$.Resources[*].userName")
            .isEqualTo(List.of("p2", "p3"));
        get("/Users?startIndex=5&count=10").expectBody().jsonPath("$.Resources[*].userName").isEqualTo(List.of("p5"));
        get("/Users?count=0").expectBody().jsonPath("$.totalResults").isEqualTo(5).jsonPath("$.Resources").isEmpty();
        get("/Users?count=many").expectStatus().isBadRequest();
        // Every person listed (p2, p3, p5) got a SCIM id, theirs from then on.
        assertThat(count("MATCH (p:Person) WHERE p.scimId IS NOT NULL RETURN count(p)")).isEqualTo(3);
    }

    @Test
    void filtersOtherThanTheLookupsAreInvalid() {
        for (String filter : new String[] { "userName co \"a\"", "userName eq \"a\" or userName eq \"b\"",
                "title eq \"x\"", "userName eq", "active eq true" }) {
            get("/Users?filter=" + encode(filter)).expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.scimType")
                .isEqualTo("invalidFilter");
        }
    }

    @Test
    void withoutTheRightTokenNothingIsAnswered() {
        create("ida", "ida@example.com");

        for (WebTestClient client : new WebTestClient[] { client(null), client("wrong-token"),
                client(SCIM_TOKEN + "x") }) {
            client.get()
                .uri(URI.create(baseUrl() + "/scim/v2/Users?filter=" + encode("userName eq \"ida\"")))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(SCIM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("401")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).doesNotContain(SCIM_TOKEN).doesNotContain("wrong"));
            client.delete().uri("/Users/anything").exchange().expectStatus().isUnauthorized();
        }
        client("wrong-token").get().uri("/ServiceProviderConfig").exchange().expectStatus().isUnauthorized();
        assertThat(count("MATCH (p:Person {active: true}) RETURN count(p)")).isEqualTo(1);
    }

    @Test
    void discoveryDescribesWhatIsSupported() {
        get("/ServiceProviderConfig").expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.schemas[0]")
            .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")
            .jsonPath("$.patch.supported")
            .isEqualTo(true)
            .jsonPath("$.bulk.supported")
            .isEqualTo(false)
            .jsonPath("$.filter.supported")
            .isEqualTo(true)
            .jsonPath("$.authenticationSchemes[0].type")
            .isEqualTo("oauthbearertoken");
        get("/ResourceTypes").expectBody()
            .jsonPath("$.Resources[0].endpoint")
            .isEqualTo("/Users")
            .jsonPath("$.Resources[0].schema")
            .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
        get("/ResourceTypes/User").expectStatus().isOk();
        get("/Schemas").expectBody()
            .jsonPath("$.Resources[0].id")
            .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User")
            .jsonPath("$.Resources[0].attributes[*].name")
            .value(names -> assertThat((java.util.List<Object>) names).contains("userName", "emails", "active")
                .doesNotContain("phoneNumbers"));
        get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").expectStatus().isOk();
        get("/Schemas/urn:nope").expectStatus().isNotFound();
        get("/Groups?filter=" + encode("displayName eq \"ops\"")).expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.schemas[0]")
            .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    private String create(String userName, String email) {
        URI location = send("POST", "/Users", user(userName, email)).expectStatus()
            .isCreated()
            .expectBody()
            .returnResult()
            .getResponseHeaders()
            .getLocation();
        return idOf(location);
    }

    private static String user(String userName, String email) {
        String emails = (email != null)
                ? ",\"emails\":[{\"value\":\"%s\",\"type\":\"work\",\"primary\":true}]".formatted(email) : "";
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true%s}
                """.formatted(userName, emails);
    }

    private String idOfOnly(String uri) {
        byte[] body = get(uri).expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.totalResults")
            .isEqualTo(1)
            .returnResult()
            .getResponseBody();
        String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return com.jayway.jsonpath.JsonPath.read(json, "$.Resources[0].id");
    }

    private void ownsApps(String handle, String... apps) {
        for (String app : apps) {
            cypher("MATCH (p:Person {handle: '%s'}) CREATE (:App {name: '%s'})-[:HAS_OWNER]->(p)".formatted(handle,
                    app));
        }
    }

    private long openOwnerLeftAlerts(String handle) {
        return count(
                """
                        MATCH (alert:OwnershipAlert {status: 'OPEN', reason: 'OWNER_LEFT'})-[:FORMER_OWNER]->(:Person {handle: '%s'})
                        MATCH (alert)-[:FOR]->(:App)
                        RETURN count(DISTINCT alert)
                        """
                    .formatted(handle));
    }

    private ResponseSpec get(String uri) {
        return this.scim.get().uri(URI.create(baseUrl() + "/scim/v2" + uri)).exchange();
    }

    private ResponseSpec patch(String id, String body) {
        return send("PATCH", "/Users/" + id, body);
    }

    private ResponseSpec send(String method, String uri, String body) {
        var request = this.scim.method(org.springframework.http.HttpMethod.valueOf(method))
            .uri(URI.create(baseUrl() + "/scim/v2" + uri));
        if (body == null) {
            return request.exchange();
        }
        return request.contentType(SCIM_JSON).bodyValue(body).exchange();
    }

    private WebTestClient client(String token) {
        WebTestClient.Builder builder = WebTestClient.bindToServer()
            .baseUrl(baseUrl() + "/scim/v2")
            .responseTimeout(Duration.ofSeconds(30))
            .defaultHeader(HttpHeaders.ACCEPT, "application/scim+json");
        if (token != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return builder.build();
    }

    private static String idOf(URI location) {
        String path = location.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String encode(String filter) {
        return java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

}
