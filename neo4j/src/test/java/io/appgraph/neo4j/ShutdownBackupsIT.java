package io.appgraph.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy made at a clean shutdown is a database that starts and holds what was written,
 * and only the newest copies are kept.
 */
class ShutdownBackupsIT {

    @Test
    void eachCleanShutdownLeavesACopyThatStartsWithTheData() throws IOException {
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "backups-");
        Path dataDir = root.resolve("data");
        Path backupDir = root.resolve("backups");
        for (int run = 1; run <= 3; run++) {
            EmbeddedNeo4jServer server = EmbeddedNeo4jServer
                .start(new EmbeddedNeo4jProperties(dataDir, 0, "16m", backupDir, 2, true));
            try (Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none())) {
                driver.executableQuery("CREATE (:Run {number: $run})").withParameters(Map.of("run", run)).execute();
            }
            server.close();
        }

        List<Path> backups = new ShutdownBackups(backupDir, 2).list();
        assertThat(backups).hasSize(2);
        try (var partial = Files.list(backupDir)) {
            assertThat(partial.filter(path -> path.getFileName().toString().endsWith(".partial"))).isEmpty();
        }

        // The newest copy, started where it lies, holds all three runs.
        EmbeddedNeo4jServer restored = EmbeddedNeo4jServer
            .start(new EmbeddedNeo4jProperties(backups.get(1), 0, "16m", null, 1, true));
        try (Driver driver = GraphDatabase.driver(restored.boltUri(), AuthTokens.none())) {
            List<Long> runs = driver.executableQuery("MATCH (r:Run) RETURN r.number AS number ORDER BY number")
                .execute()
                .records()
                .stream()
                .map(row -> row.get("number").asLong())
                .toList();
            assertThat(runs).containsExactly(1L, 2L, 3L);
        }
        finally {
            restored.close();
        }
    }

}
