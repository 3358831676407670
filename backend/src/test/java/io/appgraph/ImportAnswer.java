package io.appgraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an import endpoint under {@code /api/import/} answered, over real HTTP: its status
 * and JSON body, with the parts tests read (what changed, the problems that refused a
 * batch, the warnings).
 *
 * @param status the HTTP status
 * @param body the JSON body
 */
public record ImportAnswer(int status, JsonNode body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Posts {@code body} to {@code uri} as {@code contentType}. */
    public static ImportAnswer post(HttpClient http, URI uri, String contentType, String body) {
        HttpResponse<String> response = send(http,
                HttpRequest.newBuilder(uri)
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        return new ImportAnswer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** A plain GET, for the exports. */
    public static HttpResponse<String> get(HttpClient http, URI uri) {
        return send(http, HttpRequest.newBuilder(uri).GET().build());
    }

    /** A test resource's text, such as {@code discovery/mesh-traffic.json}. */
    public static String fixture(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Every {@code DEPENDS_ON} edge in the graph as {@code "caller -> callee [sources]"},
     * sorted: what the imports wrote, in one comparable list.
     */
    public static List<String> edges(Driver driver) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (a:App)-[d:DEPENDS_ON]->(b:App)
                    RETURN a.name + ' -> ' + b.name + ' [' + reduce(s = '', x IN d.sources |
                           s + CASE WHEN s = '' THEN '' ELSE ', ' END + x) + ']' AS edge
                    ORDER BY edge""").list(r -> r.get("edge").asString()));
        }
    }

    /** How many things of {@code kind} were created, updated, unchanged and removed. */
    public Map<String, Long> changes(String kind) {
        return JSON.convertValue(this.body.path("changes").path(kind),
                JSON.getTypeFactory().constructMapType(Map.class, String.class, Long.class));
    }

    /** The problems a refused batch lists. */
    public List<String> details() {
        List<String> details = new ArrayList<>();
        this.body.path("details").forEach(d -> details.add(d.asString()));
        return details;
    }

    /** The warnings' messages. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        this.body.path("warnings").forEach(w -> warnings.add(w.path("message").asString()));
        return warnings;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
