package testsupport.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A Neo4j server in a JVM of its own, as the "external" database the integration suite
 * runs against a second time ({@link SecondJvmNeo4j}). Listens for Bolt on a free port of
 * 127.0.0.1, prints {@code BOLT <uri>} on standard output once ready, and stops when its
 * standard input closes, which happens when the JVM that started it exits, however it
 * exits: no server outlives its test run.
 */
public final class Neo4jServerMain {

    private Neo4jServerMain() {
    }

    public static void main(String[] arguments) throws IOException {
        Started server = start(Files.createDirectories(Path.of(arguments[0])), "64m");
        System.out.println("BOLT bolt://127.0.0.1:" + server.boltPort());
        System.out.flush();
        try {
            while (System.in.read() != -1) {
                // Nothing is ever sent: reading only waits for the parent to go away.
            }
        }
        finally {
            server.service().shutdown();
        }
    }

    /**
     * A Neo4j server of the tests, in this JVM: Bolt on a free port of 127.0.0.1, no
     * HTTP, transactions stopped after 30 s.
     */
    public static Started start(Path dataDir, String pageCache) {
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(dataDir)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(30))
            .build();
        var api = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int port = api.getDependencyResolver()
            .resolveDependency(ConnectorPortRegister.class)
            .getLocalAddress(ConnectorType.BOLT)
            .getPort();
        return new Started(service, port);
    }

    /** A started server and its Bolt port. */
    public record Started(DatabaseManagementService service, int boltPort) {
    }

}
