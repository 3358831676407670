package io.appgraph.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * A local HTTP server standing in for Slack's Web API ({@code chat.postMessage},
 * {@code chat.update}, {@code users.info}) and for the {@code response_url} of button
 * clicks. It records every call it accepts, answers as Slack does, and can be made to
 * fail (an outage) with any status.
 */
final class FakeSlackApi {

    /** The HTTP status of the next answers; 200 answers as Slack does. */
    final AtomicInteger status = new AtomicInteger(200);

    /** Calls accepted, in order. */
    final List<Call> calls = new CopyOnWriteArrayList<>();

    /** The email on each Slack user's profile, as users.info tells it. */
    final Map<String, String> emails = new LinkedHashMap<>();

    private final AtomicInteger messages = new AtomicInteger();

    private HttpServer server;

    void start() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/";
    }

    String responseUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/actions/response";
    }

    List<Call> calls(String method) {
        return this.calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    void stop() {
        this.server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestURI().getPath().replaceFirst("^/(api|actions)/", "");
        String answer;
        int status = this.status.get();
        if (status != 200) {
            answer = "{\"ok\":false,\"error\":\"fatal_error\"}";
        }
        else {
            Map<String, String> form = form(new String(raw, StandardCharsets.UTF_8), exchange);
            this.calls.add(new Call(method, exchange.getRequestHeaders().getFirst("Authorization"), form));
            answer = switch (method) {
                case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"C%s\",\"ts\":\"1700000000.%06d\"}".formatted(
                        form.getOrDefault("channel", "").replace("#", "").toUpperCase(),
                        this.messages.incrementAndGet());
                case "users.info" -> (this.emails.containsKey(form.get("user")))
                        ? "{\"ok\":true,\"user\":{\"id\":\"%s\",\"profile\":{\"email\":\"%s\"}}}"
                            .formatted(form.get("user"), this.emails.get(form.get("user")))
                        : "{\"ok\":false,\"error\":\"user_not_found\"}";
                default -> "{\"ok\":true}";
            };
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> form(String body, HttpExchange exchange) {
        Map<String, String> form = new LinkedHashMap<>();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            form.put("json", body);
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    /**
     * One call: the method (such as {@code chat.postMessage}, or {@code response} for a
     * response_url), its Authorization header, and its form fields (or {@code json}).
     */
    record Call(String method, String authorization, Map<String, String> form) {

        JsonNode blocks() {
            return AlertmanagerPayloads.JSON.readTree(this.form.get("blocks"));
        }

        /** Every text of the blocks, joined: what a person reads in Slack. */
        String text() {
            StringBuilder text = new StringBuilder();
            collect(blocks(), text);
            return text.toString();
        }

        private static void collect(JsonNode node, StringBuilder text) {
            if (node.isObject()) {
                JsonNode value = node.get("text");
                if (value != null && value.isString()) {
                    text.append(value.asString()).append('\n');
                }
                node.properties().forEach(entry -> collect(entry.getValue(), text));
            }
            else if (node.isArray()) {
                node.forEach(child -> collect(child, text));
            }
        }

    }

}
