package io.appgraph.platform.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.appgraph.ExternalNeo4j;
import testsupport.oidc.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code oidc} mode over real HTTP against a real issuer ({@link TestIssuer}): the
 * portal's login (authorization code with PKCE, then a CSRF-protected session), bearer
 * tokens for programs, the writer role for changes, refused tokens, who is recorded as
 * acting, and the endpoints that keep their own secrets.
 */
class OidcModeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a browser asks for when it opens a page. */
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /** The one other origin whose pages may call the API (with a bearer token). */
    private static final String DASHBOARDS = "https://dashboards.example.com";

    private static final String ALERTMANAGER_TOKEN = "oidc-it-alertmanager-token";

    private static final ExternalNeo4j database = ExternalNeo4j.start();

    private static TestIssuer issuer;

    private static ConfigurableApplicationContext appgraph;

    private static String base;

    @BeforeAll
    static void start() throws Exception {
        issuer = TestIssuer.start();
        appgraph = database.appgraph(oidcArguments(issuer));
        base = "http://127.0.0.1:" + ExternalNeo4j.port(appgraph);
        String writer = clientCredentials(TestIssuer.WRITER_BOT);
        for (String person : List.of("alice", "bob")) {
            JsonNode answer = graphql(writer,
                    "mutation($input: PersonInput!) { upsertPerson(input: $input) { errors { message } } }",
                    Map.of("input", Map.of("handle", person, "name", person, "email", person + "@example.com")));
            assertThat(answer.path("data").path("upsertPerson").path("errors").size()).as(answer.toString()).isZero();
        }
    }

    @AfterAll
    static void stop() {
        if (appgraph != null) {
            appgraph.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        database.close();
    }

    static String[] oidcArguments(TestIssuer issuer) {
        return new String[] { "--appgraph.security.mode=oidc", "--appgraph.security.oidc.issuer-uri=" + issuer.uri(),
                "--appgraph.security.oidc.client-id=" + TestIssuer.PORTAL,
                "--appgraph.webhooks.alertmanager-token=" + ALERTMANAGER_TOKEN,
                "--appgraph.security.cors.allowed-origins=" + DASHBOARDS, "--appgraph.ownership.sweep-enabled=false" };
    }

    @Test
    void withoutATokenTheApiAnswers401AndThePortalSendsToTheIssuer() throws Exception {
        HttpResponse<String> api = send(
                HttpRequest.newBuilder(URI.create(base + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ apps(first: 1) { totalCount } }\"}")),
                http());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(JSON.readTree(api.body()).path("error").asString()).startsWith("Log in first");

        HttpResponse<String> page = send(
                HttpRequest.newBuilder(URI.create(base + "/apps/checkout")).header("Accept", HTML), http());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue(base + "/oauth2/authorization/appgraph");

        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")),
                http());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> session = send(HttpRequest.newBuilder(URI.create(base + "/api/session")), http());
        assertThat(JSON.readTree(session.body()).path("authenticated").asBoolean()).isFalse();
        assertThat(JSON.readTree(session.body()).path("mode").asString()).isEqualTo("oidc");
    }

    @Test
    void aReaderTokenReadsButCannotChangeAnything() throws Exception {
        String reader = clientCredentials(TestIssuer.READER_BOT);
        JsonNode read = graphql(reader, "{ person(handle: \"alice\") { email } }", Map.of());
        assertThat(read.path("data").path("person").path("email").asString()).isEqualTo("alice@example.com");

        JsonNode write = graphql(reader,
                "mutation { upsertSquad(input: {name: \"intruders\"}) { squad { name } errors { message } } }",
                Map.of());
        assertThat(write.path("errors").get(0).path("extensions").path("classification").asString())
            .isEqualTo("FORBIDDEN");
        assertThat(write.path("errors").get(0).path("message").asString()).contains("'writer' role")
            .contains("nothing was written");
        assertThat(graphql(reader, "{ squad(name: \"intruders\") { name } }", Map.of()).path("data")
            .path("squad")
            .isNull()).isTrue();

        HttpResponse<String> import_ = send(HttpRequest.newBuilder(URI.create(base + "/api/import/network-policies"))
            .header("Authorization", "Bearer " + reader)
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString("kind: List\nitems: []\n")), http());
        assertThat(import_.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(import_.body()).path("error").asString()).contains("'writer' role");
    }

    @Test
    void aWriterTokenChangesTheEstate() throws Exception {
        String writer = clientCredentials(TestIssuer.WRITER_BOT);
        JsonNode write = graphql(writer,
                "mutation { upsertSquad(input: {name: \"payments\"}) { squad { name } errors { message } } }",
                Map.of());
        assertThat(write.path("data").path("upsertSquad").path("squad").path("name").asString()).isEqualTo("payments");
        assertThat(write.path("errors").isMissingNode()).as(write.toString()).isTrue();
    }

    @Test
    void expiredForeignOrForgedTokensAre401() throws Exception {
        Map<String, Object> claims = Map.of("sub", TestIssuer.WRITER_BOT, "roles", List.of("writer"));
        Instant now = Instant.now();
        String valid = issuer.sign(claims, now, now.plusSeconds(300));
        assertThat(graphql(valid, "{ apps(first: 1) { totalCount } }", Map.of()).path("data")
            .path("apps")
            .path("totalCount")
            .isNumber()).isTrue();

        String expired = issuer.sign(claims, now.minusSeconds(3600), now.minusSeconds(600));
        HttpResponse<String> answer = post(expired);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertThat(answer.body()).contains("expired");

        assertThat(post(issuer.signWithAnotherKey(claims, now, now.plusSeconds(300))).statusCode()).isEqualTo(401);
        HttpResponse<String> foreign = post(issuer.signAsAnotherIssuer(claims, now, now.plusSeconds(300)));
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(foreign.body()).contains("iss");
        assertThat(post("not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void webhooksKeepTheirOwnSecrets() throws Exception {
        HttpResponse<String> withSecret = alert("fp-secret", ALERTMANAGER_TOKEN);
        assertThat(withSecret.statusCode()).as(withSecret.body()).isEqualTo(200);
        assertThat(alert("fp-secret", "wrong-token").statusCode()).isEqualTo(401);
    }

    @Test
    void aPersonLogsInToThePortalWithPkceAndActsAsThemselves() throws Exception {
        HttpClient browser = http();
        Login login = logIn(browser, "alice");
        assertThat(login.authorizationRequest()).contains("code_challenge=").contains("code_challenge_method=S256");
        // Back where they started, logged in: the portal's page (404 in a build without
        // the portal).
        assertThat(login.landing().uri()).isEqualTo(URI.create(base + "/"));
        assertThat(login.landing().statusCode()).isIn(200, 404);
        if (login.landing().statusCode() == 200) {
            assertThat(login.landing().body()).contains("<div id=\"root\"");
        }

        JsonNode session = JSON
            .readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/session")), browser).body());
        assertThat(session.path("authenticated").asBoolean()).isTrue();
        assertThat(session.path("person").asString()).isEqualTo("alice");
        assertThat(session.path("writer").asBoolean()).isTrue();

        assertThat(alert("fp-alice", ALERTMANAGER_TOKEN).statusCode()).isEqualTo(200);
        String acknowledge = "mutation($by: String!) { acknowledgeAlert(input: {fingerprint: \"fp-alice\", by: $by}) "
                + "{ alert { acknowledgedBy { handle } } errors { message } } }";

        HttpResponse<String> withoutCsrf = portalPost(browser, acknowledge, Map.of("by", "alice"), false);
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(withoutCsrf.body()).path("error").asString()).contains("CSRF token");

        JsonNode impersonating = JSON.readTree(portalPost(browser, acknowledge, Map.of("by", "bob"), true).body());
        assertThat(impersonating.path("errors").get(0).path("extensions").path("classification").asString())
            .isEqualTo("FORBIDDEN");
        assertThat(impersonating.path("errors").get(0).path("message").asString()).contains("signed in as alice")
            .contains("cannot act as 'bob'");

        JsonNode acknowledged = JSON.readTree(portalPost(browser, acknowledge, Map.of("by", "alice"), true).body());
        assertThat(acknowledged.at("/data/acknowledgeAlert/alert/acknowledgedBy/handle").asString())
            .as(acknowledged.toString())
            .isEqualTo("alice");
    }

    @Test
    void aPersonWithoutTheWriterRoleReadsInThePortalButCannotChange() throws Exception {
        HttpClient browser = http();
        logIn(browser, "bob");
        JsonNode session = JSON
            .readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/session")), browser).body());
        assertThat(session.path("person").asString()).isEqualTo("bob");
        assertThat(session.path("writer").asBoolean()).isFalse();

        JsonNode read = JSON
            .readTree(portalPost(browser, "{ person(handle: \"bob\") { name } }", Map.of(), true).body());
        assertThat(read.at("/data/person/name").asString()).isEqualTo("bob");
        JsonNode write = JSON.readTree(
                portalPost(browser, "mutation { upsertSquad(input: {name: \"bobs-squad\"}) { errors { message } } }",
                        Map.of(), true)
                    .body());
        assertThat(write.path("errors").get(0).path("message").asString()).contains("'writer' role").contains("bob");
    }

    @Test
    void loggingOutEndsTheSessionHereAndAtTheIssuer() throws Exception {
        HttpClient browser = http();
        logIn(browser, "alice");
        HttpResponse<String> logout = send(HttpRequest.newBuilder(URI.create(base + "/logout"))
            .header("Accept", "application/json")
            .header("X-XSRF-TOKEN", xsrfToken(browser))
            .POST(HttpRequest.BodyPublishers.noBody()), browser);
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
        String next = JSON.readTree(logout.body()).path("next").asString();
        assertThat(next).startsWith(issuer.uri() + "/connect/logout")
            .contains("id_token_hint=")
            .contains("post_logout_redirect_uri=" + base + "/");
        JsonNode session = JSON
            .readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/session")), browser).body());
        assertThat(session.path("authenticated").asBoolean()).isFalse();
    }

    @Test
    void onlyTheConfiguredOriginMayCallTheApiFromABrowser() throws Exception {
        // (Java's HttpClient may not send Origin; Spring's client may.)
        WebTestClient browser = WebTestClient.bindToServer().baseUrl(base).build();
        preflight(browser, DASHBOARDS).expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("Access-Control-Allow-Origin", DASHBOARDS)
            .expectHeader()
            .doesNotExist("Access-Control-Allow-Credentials");
        preflight(browser, "https://evil.example.com").expectStatus()
            .isForbidden()
            .expectHeader()
            .doesNotExist("Access-Control-Allow-Origin");
        browser.post()
            .uri("/graphql")
            .header("Origin", DASHBOARDS)
            .headers(headers -> headers.setBearerAuth(bearer(TestIssuer.READER_BOT)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"{ apps(first: 1) { totalCount } }\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals("Access-Control-Allow-Origin", DASHBOARDS);
    }

    private static WebTestClient.ResponseSpec preflight(WebTestClient browser, String origin) {
        return browser.options()
            .uri("/graphql")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization,content-type")
            .exchange();
    }

    private static String bearer(String client) {
        try {
            return clientCredentials(client);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void subscriptionsNeedALoginToo() throws Exception {
        String writer = clientCredentials(TestIssuer.WRITER_BOT);
        JsonNode app = graphql(writer, "mutation { upsertApp(input: {name: \"ws-app\"}) { errors { message } } }",
                Map.of());
        assertThat(app.at("/data/upsertApp/errors").size()).as(app.toString()).isZero();
        String subscription = "subscription { releaseEvents(app: \"ws-app\") { kind release { externalId } } }";

        WebSocketGraphQlTester withToken = WebSocketGraphQlTester
            .builder("ws://127.0.0.1:" + ExternalNeo4j.port(appgraph) + "/graphql", new StandardWebSocketClient())
            .headers(headers -> headers.setBearerAuth(writer))
            .build();
        CompletableFuture<List<String>> events = withToken.document(subscription)
            .executeSubscription()
            .toFlux()
            .map(response -> response.path("releaseEvents.release.externalId").entity(String.class).get())
            .take(1)
            .collectList()
            .timeout(Duration.ofSeconds(30))
            .toFuture();
        // The subscription is registered once the server has answered the handshake; give
        // it a moment.
        Thread.sleep(1000);
        JsonNode started = graphql(writer,
                "mutation { startRelease(input: {app: \"ws-app\", externalId: \"ws-run-1\"}) { errors { message } } }",
                Map.of());
        assertThat(started.at("/data/startRelease/errors").size()).as(started.toString()).isZero();
        assertThat(events.get(30, TimeUnit.SECONDS)).containsExactly("ws-run-1");
        withToken.stop().block(Duration.ofSeconds(10));

        WebSocketGraphQlTester anonymous = WebSocketGraphQlTester
            .builder("ws://127.0.0.1:" + ExternalNeo4j.port(appgraph) + "/graphql", new StandardWebSocketClient())
            .build();
        assertThatThrownBy(() -> anonymous.document(subscription)
            .executeSubscription()
            .toFlux()
            .blockFirst(Duration.ofSeconds(30))).hasMessageContaining("401");
    }

    @Test
    void aHalfConfiguredIssuerIsRefusedAtStartUp() {
        assertThatThrownBy(() -> database.appgraph("--appgraph.security.mode=oidc",
                "--appgraph.security.oidc.issuer-uri=" + issuer.uri()))
            .rootCause()
            .hasMessageContaining("appgraph.security.oidc.client-id is not set");
    }

    // --- the browser's side of the login ---

    private record Login(String authorizationRequest, HttpResponse<String> landing) {
    }

    /**
     * Opens the portal, follows it to the issuer's login form, logs in, and follows the
     * redirects back.
     */
    private static Login logIn(HttpClient browser, String user) throws Exception {
        List<String> visited = new ArrayList<>();
        HttpResponse<String> response = follow(browser, base + "/", visited);
        assertThat(response.uri().getPath()).as(visited.toString()).isEqualTo("/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(response.body());
        assertThat(csrf.find()).as(response.body()).isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(TestIssuer.PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> posted = send(HttpRequest.newBuilder(response.uri())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)), browser);
        assertThat(posted.statusCode()).isEqualTo(302);
        HttpResponse<String> landing = follow(browser, posted.headers().firstValue("Location").orElseThrow(), visited);
        String authorize = visited.stream().filter(url -> url.contains("/oauth2/authorize")).findFirst().orElseThrow();
        return new Login(authorize, landing);
    }

    private static HttpResponse<String> follow(HttpClient browser, String url, List<String> visited) throws Exception {
        URI next = URI.create(url);
        for (int hop = 0; hop < 10; hop++) {
            visited.add(next.toString());
            HttpResponse<String> response = send(HttpRequest.newBuilder(next).header("Accept", HTML), browser);
            if (response.statusCode() != 302) {
                return response;
            }
            next = next.resolve(response.headers().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("Too many redirects: " + visited);
    }

    private static HttpResponse<String> portalPost(HttpClient browser, String query, Map<String, Object> variables,
            boolean withCsrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers
                .ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))));
        if (withCsrf) {
            request.header("X-XSRF-TOKEN", xsrfToken(browser));
        }
        return send(request, browser);
    }

    private static String xsrfToken(HttpClient browser) {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
            .get(URI.create(base))
            .stream()
            .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"))
            .getValue();
    }

    // --- programs ---

    private static String clientCredentials(String client) throws Exception {
        String basic = Base64.getEncoder()
            .encodeToString((client + ":" + TestIssuer.secretOf(client)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(issuer.uri() + "/oauth2/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=graphql")), http());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).path("access_token").asString();
    }

    private static JsonNode graphql(String token, String query, Map<String, Object> variables) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers
                .ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables)))), http());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(String token) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(base + "/graphql"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ apps(first: 1) { totalCount } }\"}")),
                http());
    }

    private static HttpResponse<String> alert(String fingerprint, String token) throws Exception {
        String now = Instant.now().toString();
        Map<String, Object> alert = Map.of("status", "firing", "labels",
                Map.of("alertname", "HighErrorRate", "app", "checkout"), "annotations", Map.of(), "startsAt", now,
                "endsAt", "0001-01-01T00:00:00Z", "generatorURL", "http://prometheus.example.com/graph", "fingerprint",
                fingerprint);
        Map<String, Object> body = Map.of("receiver", "appgraph", "status", "firing", "alerts", List.of(alert),
                "groupLabels", Map.of("alertname", "HighErrorRate"), "commonLabels",
                Map.of("alertname", "HighErrorRate"), "commonAnnotations", Map.of(), "externalURL",
                "http://alertmanager.example.com", "version", "4", "groupKey", "{}:{alertname=\"HighErrorRate\"}",
                "truncatedAlerts", 0);
        return send(HttpRequest.newBuilder(URI.create(base + "/api/alerts/alertmanager"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), http());
    }

    private static HttpClient http() {
        return HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, HttpClient client)
            throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
