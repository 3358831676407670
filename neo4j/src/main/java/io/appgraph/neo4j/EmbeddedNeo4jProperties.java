package io.appgraph.neo4j;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Neo4j server that runs inside the appgraph process when {@code spring.neo4j.uri} is
 * not set.
 *
 * @param dataDir where the database files live; they survive restarts (env
 * {@code APPGRAPH_EMBEDDED_DATA_DIR})
 * @param boltPort the Bolt port, bound on 127.0.0.1 only; 0 picks any free port (env
 * {@code APPGRAPH_EMBEDDED_BOLT_PORT})
 * @param pageCache the page cache size, in Neo4j's notation such as {@code 512m} (env
 * {@code APPGRAPH_EMBEDDED_PAGE_CACHE})
 * @param backupDir where a consistent copy of the database goes at every clean shutdown,
 * one folder per shutdown; unset, no copy is made (env
 * {@code APPGRAPH_EMBEDDED_BACKUP_DIR})
 * @param backupsKept how many of those copies are kept, the newest (env
 * {@code APPGRAPH_EMBEDDED_BACKUPS_KEPT})
 * @param inProcessReads whether read statements run on the database directly, in this
 * JVM, rather than through Bolt (env {@code APPGRAPH_EMBEDDED_IN_PROCESS_READS}); writes
 * always go through the driver
 */
@ConfigurationProperties("appgraph.embedded")
public record EmbeddedNeo4jProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("7687") int boltPort,
        @DefaultValue("512m") String pageCache, Path backupDir, @DefaultValue("7") int backupsKept,
        @DefaultValue("true") boolean inProcessReads) {

}
