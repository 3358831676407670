package io.appgraph.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server standing in for a destination the outbox delivers to (Grafana,
 * Slack): it answers every request with the status the test sets, and hands each request
 * it accepts (status 200) to {@link #accepted} to be recorded.
 */
abstract class StandInServer {

    /** The status the next requests are answered with. */
    final AtomicInteger status = new AtomicInteger(200);

    private final String contentType;

    private final IntFunction<String> answer;

    private HttpServer server;

    /**
     * @param contentType the content type of the answers
     * @param answer the body answered with a status
     */
    StandInServer(String contentType, IntFunction<String> answer) {
        this.contentType = contentType;
        this.answer = answer;
    }

    /** Records a request answered with 200; {@code body} is its raw body. */
    abstract void accepted(HttpExchange exchange, byte[] body);

    /** Starts listening on {@code port} of 127.0.0.1, any free one for 0. */
    void start(int port) {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = this.status.get();
            if (status == 200) {
                accepted(exchange, body);
            }
            byte[] response = this.answer.apply(status).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", this.contentType);
            exchange.sendResponseHeaders(status, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        this.server.start();
    }

    int port() {
        return this.server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Stops listening: deliveries then fail to connect. */
    void stop() {
        if (this.server != null) {
            this.server.stop(0);
            this.server = null;
        }
    }

}
