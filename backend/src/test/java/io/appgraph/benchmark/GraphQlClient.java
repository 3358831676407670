package io.appgraph.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's GraphQL client: plain HTTP/1.1 POSTs over kept-alive connections, one
 * per concurrent caller, like a browser or {@code lat.py}. The request body is serialised
 * once per read, and an answer is only checked for errors after the clock has stopped, so
 * the figures hold the server's time and the transfer, not the client's JSON work.
 */
final class GraphQlClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final byte[] ERRORS_MEMBER = "\"errors\"".getBytes(StandardCharsets.UTF_8);

    /**
     * Six times the server's own request limit, so the server's TIMEOUT answer is what
     * normally counts; a call still unanswered then is abandoned (see
     * {@link ServerActivity}).
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    // By default java.net.http asks to upgrade every plain-http request to HTTP/2 (h2c)
    // with
    // Connection/Upgrade/HTTP2-Settings headers; Tomcat ignores them, but HTTP/1.1 sends
    // none and
    // cannot switch protocol mid-run. HTTP/1.1 connections are pooled and kept alive by
    // default
    // (jdk.httpclient.keepalive.timeout). Completing each answer on the client's selector
    // thread
    // rather than handing it to a pool thread saves ~0.1 ms a request: warmed up,
    // {__typename}
    // then takes 0.35 ms at p50 here against 0.3 ms with lat.py, 0.45 ms with the default
    // pool.
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Runnable::run)
        .build();

    private final URI endpoint;

    GraphQlClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * A call of the operation in {@code graphql-test/<operation>.graphql} with these
     * variables.
     */
    ClosedLoop.Call operation(String operation, Map<String, Object> variables) {
        return query(document(operation), variables);
    }

    /** A call of this query text with these variables. */
    ClosedLoop.Call query(String query, Map<String, Object> variables) {
        HttpRequest request = HttpRequest.newBuilder(this.endpoint)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers
                .ofByteArray(JSON.writeValueAsBytes(Map.of("query", query, "variables", variables))))
            .build();
        return () -> {
            HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        };
    }

    /** Runs the query once and returns its {@code data}, failing on any error. */
    JsonNode data(String query, Map<String, Object> variables) throws Exception {
        Answer answer = (Answer) query(query, variables).send();
        answer.error().ifPresent(error -> {
            throw new IllegalStateException(error);
        });
        return JSON.readTree(answer.body()).get("data");
    }

    private static String document(String operation) {
        try {
            return new ClassPathResource("graphql-test/" + operation + ".graphql")
                .getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** An HTTP answer, kept as bytes until the clock has stopped. */
    record Answer(int status, byte[] body) implements ClosedLoop.Response {

        @Override
        public long size() {
            return this.body.length;
        }

        @Override
        public String unit() {
            return "bytes";
        }

        @Override
        public Optional<String> error() {
            if (this.status != 200) {
                return Optional
                    .of("HTTP " + this.status + ": " + excerpt(new String(this.body, StandardCharsets.UTF_8)));
            }
            // A plain byte search first: most answers have no "errors" anywhere and need
            // no parsing.
            if (!contains(this.body, ERRORS_MEMBER)) {
                return Optional.empty();
            }
            JsonNode errors = JSON.readTree(this.body).get("errors");
            return (errors == null || errors.isEmpty()) ? Optional.empty()
                    : Optional.of(excerpt(errors.get(0).path("message").asString()));
        }

        private static String excerpt(String text) {
            return text.length() <= 160 ? text : text.substring(0, 160) + "…";
        }

        private static boolean contains(byte[] haystack, byte[] needle) {
            outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

}
