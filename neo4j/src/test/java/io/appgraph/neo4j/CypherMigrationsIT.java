package io.appgraph.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.ClientException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The migration runner against a real embedded Neo4j: scripts written per test to a
 * temporary folder, the database emptied of nodes, constraints and indexes before each
 * test.
 */
class CypherMigrationsIT {

    private static EmbeddedNeo4jServer server;

    private static Driver driver;

    @TempDir
    Path scripts;

    @BeforeAll
    static void startNeo4j() throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "migrations-");
        server = EmbeddedNeo4jServer.start(new EmbeddedNeo4jProperties(dataDir, 0, "64m", null, 1, true));
        driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none());
    }

    @AfterAll
    static void stopNeo4j() {
        driver.close();
        server.close();
    }

    @BeforeEach
    void emptyDatabase() {
        for (String constraint : strings("SHOW CONSTRAINTS YIELD name RETURN name")) {
            write("DROP CONSTRAINT " + constraint);
        }
        for (String index : strings("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")) {
            write("DROP INDEX " + index);
        }
        write("MATCH (n) DETACH DELETE n");
    }

    @Test
    void theShippedScriptsApplyInOrder() {
        assertThat(new CypherMigrations(driver).apply()).containsExactlyElementsOf(shipped());
        assertThat(strings("SHOW CONSTRAINTS YIELD name RETURN name")).contains("app_name", "person_handle",
                "migration_version", "demo_load_lock_name", "demo_load_name");
        assertThat(strings("SHOW INDEXES YIELD name RETURN name")).contains("app_tier", "release_started_at",
                "app_search", "squad_search", "release_environment_started_at", "release_status_started_at",
                "outbox_message_next_attempt_at", "outbox_message_created_at");
        assertThat(strings("SHOW CONSTRAINTS YIELD name RETURN name")).contains("outbox_message_key");
    }

    @Test
    void appliesPendingScriptsInVersionOrderOnce() throws IOException {
        script("V10__Third.cypher", "MATCH (p:Probe) SET p.log = p.log + 'V10';");
        script("V1__First.cypher", "CREATE (:Probe {log: ['V1']});");
        script("V2__Second.cypher", "MATCH (p:Probe) SET p.log = p.log + 'V2';");

        assertThat(migrations().apply()).containsExactly(1, 2, 10);

        assertThat(strings("MATCH (p:Probe) UNWIND p.log AS entry RETURN entry")).containsExactly("V1", "V2", "V10");
        assertThat(strings("MATCH (m:__Migration) RETURN m.description ORDER BY m.version")).containsExactly("First",
                "Second", "Third");
    }

    @Test
    void aSecondStartAppliesNothing() throws IOException {
        script("V1__First.cypher", "CREATE (:Probe {log: ['V1']});");
        script("V2__Second.cypher", "MATCH (p:Probe) SET p.log = p.log + 'V2';");
        migrations().apply();

        assertThat(migrations().apply()).isEmpty();

        assertThat(strings("MATCH (p:Probe) UNWIND p.log AS entry RETURN entry")).containsExactly("V1", "V2");
        assertThat(strings("MATCH (m:__Migration) RETURN toString(m.version)")).hasSize(2);
    }

    @Test
    void onlyNewScriptsRunOnALaterStart() throws IOException {
        script("V1__First.cypher", "CREATE (:Probe {log: ['V1']});");
        migrations().apply();
        script("V2__Second.cypher", "MATCH (p:Probe) SET p.log = p.log + 'V2';");

        assertThat(migrations().apply()).containsExactly(2);

        assertThat(strings("MATCH (p:Probe) UNWIND p.log AS entry RETURN entry")).containsExactly("V1", "V2");
    }

    @Test
    void anEditedAppliedScriptIsRefusedBeforeAnythingNewRuns() throws IOException {
        script("V1__Create_probe.cypher", "CREATE (:Probe {log: ['V1']});");
        migrations().apply();
        script("V1__Create_probe.cypher", "CREATE (:Probe {log: ['edited']});");
        script("V2__Second.cypher", "MATCH (p:Probe) SET p.log = p.log + 'V2';");

        assertThatIllegalStateException().isThrownBy(() -> migrations().apply())
            .withMessage("Migration V1__Create_probe.cypher was changed after it was applied; "
                    + "restore it and add a new script instead");

        assertThat(strings("MATCH (p:Probe) UNWIND p.log AS entry RETURN entry")).containsExactly("V1");
        assertThat(strings("MATCH (m:__Migration) RETURN toString(m.version)")).containsExactly("1");
    }

    @Test
    void aFailingScriptLeavesNoPartialSchemaAndNoRecord() throws IOException {
        script("V1__Constraint.cypher",
                "CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:Probe) REQUIRE p.id IS UNIQUE;");
        script("V2__Broken.cypher", """
                CREATE CONSTRAINT probe_name IF NOT EXISTS FOR (p:Probe) REQUIRE p.name IS UNIQUE;
                CREATE INDEX probe_size IF NOT EXISTS FOR (p:Probe) ON (p.size);
                CREATE THIS IS NOT CYPHER;
                """);

        assertThatExceptionOfType(ClientException.class).isThrownBy(() -> migrations().apply());

        assertThat(strings("SHOW CONSTRAINTS YIELD name RETURN name")).containsExactlyInAnyOrder("probe_id",
                "migration_lock_name");
        assertThat(strings("SHOW INDEXES YIELD name RETURN name")).doesNotContain("probe_name", "probe_size");
        assertThat(strings("MATCH (m:__Migration) RETURN toString(m.version)")).containsExactly("1");

        // Never recorded, so the mended script is not an edit: it simply runs on the next
        // start.
        script("V2__Broken.cypher", "CREATE INDEX probe_size IF NOT EXISTS FOR (p:Probe) ON (p.size);");
        assertThat(migrations().apply()).containsExactly(2);
    }

    // Without the lock, 9 runs in 10 failed here: "An equivalent index already exists".
    @Test
    void concurrentStartsAreSafe() throws Exception {
        int instances = 4;
        var ready = new CountDownLatch(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<List<Integer>>> starts = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Callable<List<Integer>> start = () -> {
                    ready.countDown();
                    ready.await();
                    return new CypherMigrations(driver).apply();
                };
                starts.add(pool.submit(start));
            }
            for (Future<List<Integer>> start : starts) {
                assertThat(start.get(60, TimeUnit.SECONDS)).isSubsetOf(shipped());
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(strings("MATCH (m:__Migration) RETURN toString(m.version) ORDER BY m.version"))
            .containsExactlyElementsOf(shipped().stream().map(String::valueOf).toList());
        assertThat(strings("SHOW CONSTRAINTS YIELD name RETURN name")).contains("app_name", "migration_version");
        assertThat(strings("MATCH (l:__MigrationLock) RETURN l.name")).as("the lock leaves nothing behind").isEmpty();
        assertThat(new CypherMigrations(driver).apply()).isEmpty();
    }

    private CypherMigrations migrations() {
        return new CypherMigrations(driver, "file:" + this.scripts.toAbsolutePath() + "/V*__*.cypher");
    }

    private void script(String fileName, String text) throws IOException {
        Files.writeString(this.scripts.resolve(fileName), text, StandardCharsets.UTF_8);
    }

    private static List<String> strings(String query) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run(query).list(r -> r.get(0).asString()));
        }
    }

    private static void write(String statement) {
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> tx.run(statement).consume());
        }
    }

    /** The versions of the scripts this module ships, in order. */
    private static List<Integer> shipped() {
        try {
            Resource[] scripts = new PathMatchingResourcePatternResolver()
                .getResources("classpath:neo4j/migrations/V*__*.cypher");
            return Arrays.stream(scripts)
                .map(script -> Integer.parseInt(script.getFilename().substring(1, script.getFilename().indexOf("__"))))
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
