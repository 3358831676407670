package io.appgraph.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reads run in process answer what the same statement answers through Bolt, value for
 * value, and fail as it fails.
 */
class InProcessReadsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static EmbeddedNeo4jServer server;

    private static Driver driver;

    private static InProcessReads reads;

    @BeforeAll
    static void startNeo4j() throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "in-process-");
        server = EmbeddedNeo4jServer.start(new EmbeddedNeo4jProperties(dataDir, 0, "16m", null, 1, true));
        driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none());
        reads = server.inProcessReads();
        driver.executableQuery("""
                CREATE (a:App {name: 'payments-api', tags: ['pci', 'tier-1'], ports: [8080, 8443], weight: 0.25,
                        live: true, since: date('2024-02-29'), seen: datetime('2026-11-28T10:15:30.123Z')})
                       -[:DEPENDS_ON {source: 'mesh', since: datetime('2026-01-01T00:00:00+01:00')}]->
                       (:App {name: 'ledger'})
                """).execute();
    }

    @AfterAll
    static void stopNeo4j() {
        driver.close();
        server.close();
    }

    @Test
    void everyKindOfValueReadsAsThroughBolt() {
        String query = """
                MATCH (a:App {name: $name})-[d:DEPENDS_ON]->(b:App)
                RETURN a.name AS name, a.tags AS tags, a.ports AS ports, a.weight AS weight, a.live AS live,
                       a.since AS since, a.seen AS seen, a.missing AS missing, duration('P1M2DT3.5S') AS took,
                       a {.name, .tags, callee: b {.name}, edges: [d {.source}], n: 1} AS projected,
                       [x IN range(1, 3) | x * 2] AS evens, d AS edge, b AS callee, $list AS echoed
                """;
        Map<String, Object> parameters = Map.of("name", "payments-api", "list", List.of("a", 2L, Map.of("k", true)));
        Record bolt = driver.executableQuery(query).withParameters(parameters).execute().records().get(0);
        Record inProcess = reads.stream(query, parameters, TIMEOUT, records -> records.toList()).get(0);

        assertThat(inProcess.keys()).isEqualTo(bolt.keys());
        for (String key : bolt.keys()) {
            if (!key.equals("edge") && !key.equals("callee")) {
                assertThat(inProcess.get(key)).as(key).isEqualTo(bolt.get(key));
            }
        }
        assertThat(inProcess.get("ports").asList(Value::asLong)).containsExactly(8080L, 8443L);
        assertThat(inProcess.get("took").asIsoDuration()).isEqualTo(bolt.get("took").asIsoDuration());
        assertThat(inProcess.get("callee").asNode().labels()).containsExactly("App");
        assertThat(inProcess.get("callee").asNode().asMap()).isEqualTo(Map.of("name", "ledger"));
        assertThat(inProcess.get("callee").asNode().elementId()).isEqualTo(bolt.get("callee").asNode().elementId());
        assertThat(inProcess.get("edge").asRelationship().type()).isEqualTo("DEPENDS_ON");
        assertThat(inProcess.get("edge").asRelationship().asMap()).isEqualTo(bolt.get("edge").asRelationship().asMap());
        assertThat(inProcess.get("edge").asRelationship().endNodeElementId())
            .isEqualTo(bolt.get("edge").asRelationship().endNodeElementId());
    }

    @Test
    void recordsStreamAsTheDatabaseProducesThem() {
        long read = reads.stream("UNWIND range(1, 100000) AS i RETURN i", Map.of(), TIMEOUT,
                records -> records.limit(3).mapToLong(r -> r.get("i").asLong()).sum());
        assertThat(read).isEqualTo(6);
    }

    @Test
    void aStatementThatWritesIsRefusedAndUndone() {
        ClientException refused = catchThrowableOfType(ClientException.class, () -> reads
            .stream("CREATE (:App {name: 'sneaky'}) RETURN 1 AS one", Map.of(), TIMEOUT, records -> records.toList()));
        assertThat(refused.code()).isEqualTo("Neo.ClientError.Statement.AccessMode");
        assertThat(driver.executableQuery("MATCH (a:App {name: 'sneaky'}) RETURN count(a) AS n")
            .execute()
            .records()
            .get(0)
            .get("n")
            .asLong()).isZero();
    }

    @Test
    void failuresCarryTheServersStatusCodes() {
        String wrong = "MATCH (a:App) RETURN a.name AS name ORDER BY";
        Neo4jException throughBolt = catchThrowableOfType(Neo4jException.class,
                () -> driver.executableQuery(wrong).execute());
        assertThatExceptionOfType(ClientException.class)
            .isThrownBy(() -> reads.stream(wrong, Map.of(), TIMEOUT, records -> records.toList()))
            .satisfies(ex -> assertThat(ex.code()).isEqualTo(throughBolt.code()));
    }

    @Test
    void aDatabaseThatIsGoneReadsAsAServerThatCannotBeReached() throws IOException {
        Path dataDir = Files.createTempDirectory(Path.of("target", "it-data"), "in-process-gone-");
        EmbeddedNeo4jServer gone = EmbeddedNeo4jServer
            .start(new EmbeddedNeo4jProperties(dataDir, 0, "8m", null, 1, true));
        InProcessReads reads = gone.inProcessReads();
        gone.close();
        assertThatExceptionOfType(ServiceUnavailableException.class)
            .isThrownBy(() -> reads.stream("RETURN 1 AS one", Map.of(), TIMEOUT, records -> records.toList()));
    }

    @Test
    void aReadStoppedAtItsTimeLimitSaysSo() {
        assertThatExceptionOfType(ClientException.class)
            .isThrownBy(
                    () -> reads.stream("UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 123 RETURN count(*) AS n",
                            Map.of(), Duration.ofMillis(200), records -> records.toList()))
            .satisfies(ex -> assertThat(ex.code()).startsWith("Neo.ClientError.Transaction.TransactionTimedOut"));
    }

}
