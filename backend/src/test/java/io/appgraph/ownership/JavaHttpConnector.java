package io.appgraph.ownership;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Future;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Configuration;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.client.spi.ConnectorProvider;
import org.glassfish.jersey.message.internal.Statuses;

/**
 * A Jersey client connector over Java's {@link HttpClient}, for the SCIM client in
 * {@link ScimClientIT}: Jersey's default, HttpURLConnection, cannot send PATCH, and the
 * connectors that can are not served to this build. Synchronous calls only.
 */
final class JavaHttpConnector implements Connector, ConnectorProvider {

    // Headers HttpClient sets itself and refuses from callers.
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Connector getConnector(Client client, Configuration configuration) {
        return this;
    }

    @Override
    public ClientResponse apply(ClientRequest request) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (request.hasEntity()) {
                request.setStreamProvider(contentLength -> body);
                request.writeEntity();
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri())
                .method(request.getMethod(),
                        (body.size() > 0) ? BodyPublishers.ofByteArray(body.toByteArray()) : BodyPublishers.noBody());
            request.getStringHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
            HttpResponse<byte[]> response = this.http.send(builder.build(), BodyHandlers.ofByteArray());
            ClientResponse answer = new ClientResponse(Statuses.from(response.statusCode()), request);
            response.headers().map().forEach((name, values) -> answer.headers(name, values));
            answer.setEntityStream(new ByteArrayInputStream(response.body()));
            return answer;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public Future<?> apply(ClientRequest request, AsyncConnectorCallback callback) {
        throw new UnsupportedOperationException("Synchronous calls only");
    }

    @Override
    public String getName() {
        return "Java HttpClient";
    }

    @Override
    public void close() {
    }

}
