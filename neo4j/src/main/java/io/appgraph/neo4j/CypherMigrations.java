package io.appgraph.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the versioned Cypher scripts under {@code classpath:neo4j/migrations} in
 * version order, each in one transaction, and records what it applied as
 * {@code (:__Migration)} nodes so a script runs once per database. A script changed after
 * it was applied stops start-up: migrations are append-only.
 * <p>
 * Instances starting together take turns: each holds a lock for its whole run, a
 * transaction that has merged the one {@code (:__MigrationLock)} node and is rolled back
 * at the end, so the lock leaves nothing behind and dies with a crashed instance's
 * connection. {@code IF NOT EXISTS} alone is not enough: two transactions creating the
 * same index at once fail with "an equivalent index already exists". The lock's
 * uniqueness constraint is the runner's own, created outside the scripts. A script's
 * statements and its record are two transactions (Neo4j refuses schema and data changes
 * in one), so a script must be idempotent: a crash between the two runs it again.
 */
public final class CypherMigrations {

    private static final Log log = LogFactory.getLog(CypherMigrations.class);

    static final String LOCATION = "classpath*:neo4j/migrations/V*__*.cypher";

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.cypher");

    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    // Another instance created the lock's constraint at the same moment: what we wanted
    // exists.
    private static final String EQUIVALENT_SCHEMA_RULE = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists";

    private final Driver driver;

    private final String location;

    public CypherMigrations(Driver driver) {
        this(driver, LOCATION);
    }

    /** Reads the scripts from another location pattern, for tests. */
    CypherMigrations(Driver driver, String location) {
        this.driver = driver;
        this.location = location;
    }

    /**
     * Applies what is pending and returns the versions it applied. Every applied script
     * is checked against its checksum first, so an edited one stops start-up before
     * anything new is applied.
     */
    public List<Integer> apply() {
        List<Script> scripts = scripts();
        createLockConstraint();
        // Closing the transaction without committing rolls the lock node back: it only
        // had to be locked.
        try (var session = this.driver.session(SessionConfig.defaultConfig()); var lock = session.beginTransaction()) {
            lock.run("MERGE (l:__MigrationLock {name: 'schema'}) SET l.lockedAt = datetime()").consume();
            return applyPending(scripts);
        }
    }

    private List<Integer> applyPending(List<Script> scripts) {
        Map<Integer, Long> applied = applied();
        for (Script script : scripts) {
            Long checksum = applied.get(script.version());
            if (checksum != null && checksum != script.checksum()) {
                throw new IllegalStateException("Migration " + script.fileName()
                        + " was changed after it was applied; restore it and add a new script instead");
            }
        }
        List<Integer> done = new ArrayList<>();
        for (Script script : scripts) {
            if (!applied.containsKey(script.version())) {
                run(script);
                done.add(script.version());
            }
        }
        log.info("Cypher migrations: %d applied now, %d in total".formatted(done.size(), scripts.size()));
        return done;
    }

    private void createLockConstraint() {
        try (var session = this.driver.session(SessionConfig.defaultConfig())) {
            session.executeWriteWithoutResult(tx -> tx.run("""
                    CREATE CONSTRAINT migration_lock_name IF NOT EXISTS
                    FOR (l:__MigrationLock) REQUIRE l.name IS UNIQUE""").consume());
        }
        catch (ClientException ex) {
            if (!EQUIVALENT_SCHEMA_RULE.equals(ex.code())) {
                throw ex;
            }
        }
    }

    private void run(Script script) {
        try (var session = this.driver.session(SessionConfig.defaultConfig())) {
            session
                .executeWriteWithoutResult(tx -> script.statements().forEach(statement -> tx.run(statement).consume()));
            session
                .executeWriteWithoutResult(
                        tx -> tx
                            .run("""
                                    MERGE (m:__Migration {version: $version})
                                    SET m.description = $description, m.checksum = $checksum, m.appliedAt = datetime()
                                    """,
                                    Map.of("version", script.version(), "description", script.description(), "checksum",
                                            script.checksum()))
                            .consume());
        }
        log.info("Applied migration " + script.fileName());
    }

    private Map<Integer, Long> applied() {
        try (var session = this.driver.session(SessionConfig.defaultConfig())) {
            return session.executeRead(tx -> tx
                .run("MATCH (m:__Migration) RETURN m.version AS version, m.checksum AS checksum")
                .list()
                .stream()
                .collect(Collectors.toMap((Record r) -> r.get("version").asInt(), r -> r.get("checksum").asLong())));
        }
    }

    private List<Script> scripts() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(this.location);
            return Arrays.stream(resources)
                .map(CypherMigrations::read)
                .sorted(Comparator.comparingInt(Script::version))
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list Cypher migrations", ex);
        }
    }

    private static Script read(Resource resource) {
        Matcher name = FILE_NAME.matcher(String.valueOf(resource.getFilename()));
        if (!name.matches()) {
            throw new IllegalStateException(
                    "Migration file name must look like V0001__Some_description.cypher: " + resource);
        }
        try {
            String text = resource.getContentAsString(StandardCharsets.UTF_8);
            var crc = new CRC32();
            crc.update(text.getBytes(StandardCharsets.UTF_8));
            List<String> statements = Arrays.stream(STATEMENT_END.split(withoutComments(text)))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
            return new Script(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), resource.getFilename(),
                    crc.getValue(), statements);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + resource, ex);
        }
    }

    private static String withoutComments(String text) {
        return text.lines().filter(line -> !line.strip().startsWith("//")).collect(Collectors.joining("\n"));
    }

    private record Script(int version, String description, String fileName, long checksum, List<String> statements) {
    }

}
