package io.appgraph.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.appgraph.AppgraphApplication;
import org.neo4j.driver.Driver;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * appgraph started in the benchmark's JVM on a scratch embedded database holding the demo
 * estate of the settings' size, on a free port, quiet but for its own INFO lines; closing
 * it stops it and deletes the database.
 */
final class BenchmarkApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final Path dataDir;

    private final long started;

    private final String name;

    private BenchmarkApp(String name, ConfigurableApplicationContext context, Path dataDir, long started) {
        this.name = name;
        this.context = context;
        this.dataDir = dataDir;
        this.started = started;
    }

    /**
     * Starts appgraph for the benchmark called {@code name}, with {@code properties}
     * ({@code --key=value}) on top of the common ones.
     */
    static BenchmarkApp start(String name, BenchmarkSettings settings, String... properties) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "benchmark-data-");
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(
                List.of("--server.port=0", "--appgraph.embedded.bolt-port=0", "--appgraph.embedded.data-dir=" + dataDir,
                        "--appgraph.demo.apps=" + settings.apps(), "--appgraph.demo.cost-days=0",
                        "--appgraph.embedded.page-cache=" + settings.pageCache(), "--logging.level.root=WARN",
                        "--logging.level.io.appgraph=INFO", "--logging.level.io.appgraph.platform.GraphQlErrors=OFF"));
        args.addAll(List.of(properties));
        ConfigurableApplicationContext context = SpringApplication.run(AppgraphApplication.class,
                args.toArray(String[]::new));
        return new BenchmarkApp(name, context, dataDir, started);
    }

    /**
     * An HTTP/1.1 client for webhooks and imports: java.net.http would otherwise add h2c
     * upgrade headers to every request.
     */
    static HttpClient httpClient() {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    ConfigurableApplicationContext context() {
        return this.context;
    }

    Driver driver() {
        return this.context.getBean(Driver.class);
    }

    /** {@code path} on this instance, such as {@code /graphql}. */
    URI uri(String path) {
        return URI
            .create("http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort() + path);
    }

    @Override
    public void close() throws IOException {
        this.context.close();
        try (var paths = Files.walk(this.dataDir)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        System.out.printf(Locale.ROOT, "%s done in %d s (start-up included)%n", this.name,
                Duration.ofNanos(System.nanoTime() - this.started).toSeconds());
    }

}
