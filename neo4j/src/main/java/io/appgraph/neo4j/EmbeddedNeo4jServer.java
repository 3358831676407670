package io.appgraph.neo4j;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * A Neo4j server running in this JVM, reachable over Bolt on 127.0.0.1 only, so that the
 * application talks to it exactly as it talks to an external server or cluster.
 */
public final class EmbeddedNeo4jServer implements AutoCloseable {

    private static final Log log = LogFactory.getLog(EmbeddedNeo4jServer.class);

    private final DatabaseManagementService service;

    private final URI boltUri;

    private final Path dataDir;

    private final ShutdownBackups backups;

    private EmbeddedNeo4jServer(DatabaseManagementService service, URI boltUri, Path dataDir, ShutdownBackups backups) {
        this.service = service;
        this.boltUri = boltUri;
        this.dataDir = dataDir;
        this.backups = backups;
    }

    static EmbeddedNeo4jServer start(EmbeddedNeo4jProperties properties) {
        long started = System.nanoTime();
        var dataDir = properties.dataDir().toAbsolutePath().normalize();
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(dataDir)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", properties.boltPort()))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(properties.pageCache()))
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(30))
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .build();
        var api = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int port = api.getDependencyResolver()
            .resolveDependency(ConnectorPortRegister.class)
            .getLocalAddress(ConnectorType.BOLT)
            .getPort();
        URI uri = URI.create("bolt://127.0.0.1:" + port);
        log.info("Embedded Neo4j started in %d ms with data in %s, Bolt on %s"
            .formatted(Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir, uri));
        ShutdownBackups backups = (properties.backupDir() != null)
                ? new ShutdownBackups(properties.backupDir().toAbsolutePath().normalize(), properties.backupsKept())
                : null;
        return new EmbeddedNeo4jServer(service, uri, dataDir, backups);
    }

    /** Where the driver connects: {@code bolt://127.0.0.1:<port>}. */
    public URI boltUri() {
        return this.boltUri;
    }

    /** Reads that run on this database directly rather than through Bolt. */
    public InProcessReads inProcessReads() {
        return new InProcessReads(this.service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
    }

    @Override
    public void close() {
        log.info("Stopping embedded Neo4j");
        this.service.shutdown();
        if (this.backups != null) {
            this.backups.copy(this.dataDir);
        }
    }

}
