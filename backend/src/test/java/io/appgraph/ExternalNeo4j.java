package io.appgraph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.neo4j.dbms.api.DatabaseManagementService;
import testsupport.neo4j.Neo4jServerMain;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Neo4j server outside the application under test, as production has one: a database of
 * its own on a free Bolt port, reached through a TCP proxy that the test can cut and
 * restore to make the database unavailable and back, connections and all.
 */
public final class ExternalNeo4j implements AutoCloseable {

    private final DatabaseManagementService service;

    private final int boltPort;

    private final ServerSocket proxy;

    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private volatile boolean available = true;

    private ExternalNeo4j(DatabaseManagementService service, int boltPort, ServerSocket proxy) {
        this.service = service;
        this.boltPort = boltPort;
        this.proxy = proxy;
        Thread acceptor = new Thread(this::accept, "external-neo4j-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts the database in a temporary directory under {@code target/} and its proxy.
     */
    public static ExternalNeo4j start() {
        try {
            Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")),
                    "external-");
            Neo4jServerMain.Started server = Neo4jServerMain.start(dataDir, "32m");
            ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new ExternalNeo4j(server.service(), server.boltPort(), proxy);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * An appgraph instance on this database, as a replica in production is one: on a free
     * port, without the demo estate, with {@code arguments} added (such as
     * {@code --appgraph.ownership.sweep-enabled=false}).
     */
    public ConfigurableApplicationContext appgraph(String... arguments) {
        List<String> all = new ArrayList<>(
                List.of("--server.port=0", "--spring.neo4j.uri=" + uri(), "--appgraph.demo.enabled=false"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(AppgraphApplication.class).run(all.toArray(String[]::new));
    }

    /** The HTTP port an appgraph instance listens on. */
    public static int port(ApplicationContext appgraph) {
        return ((WebServerApplicationContext) appgraph).getWebServer().getPort();
    }

    /** The URI the application connects to: the proxy. */
    public String uri() {
        return "bolt://127.0.0.1:" + this.proxy.getLocalPort();
    }

    /** Drops every connection and refuses new ones until {@link #restore}. */
    public void cut() {
        this.available = false;
        for (Socket socket : this.open) {
            close(socket);
        }
        this.open.clear();
    }

    /** Lets connections through again. */
    public void restore() {
        this.available = true;
    }

    private void accept() {
        while (!this.proxy.isClosed()) {
            Socket client;
            try {
                client = this.proxy.accept();
            }
            catch (IOException ex) {
                return;
            }
            if (!this.available) {
                close(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.boltPort));
                this.open.add(client);
                this.open.add(server);
                pump(client, server);
                pump(server, client);
            }
            catch (IOException ex) {
                close(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException ex) {
                // A cut or a closed peer: both ends close.
            }
            finally {
                close(from);
                close(to);
            }
        }, "external-neo4j-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        cut();
        try {
            this.proxy.close();
        }
        catch (IOException ex) {
            // Already closed.
        }
        this.service.shutdown();
    }

}
