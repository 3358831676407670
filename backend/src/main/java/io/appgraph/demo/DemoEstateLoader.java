package io.appgraph.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.appgraph.neo4j.AppliedMigrations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;
import io.appgraph.cost.CostLedger;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo estate into an empty database while the application context starts, that
 * is before the web server accepts requests, so no query ever sees a half-loaded estate.
 * <p>
 * All or nothing, across restarts: the load is too big for one transaction (a 10,000-app
 * estate's million releases would not fit in memory, nor in the embedded server's 30 s
 * transaction timeout), so it is written in batches between two marks on one
 * {@code (:__DemoLoad)} node, {@code LOADING} before the first batch and {@code COMPLETE}
 * after the last. A start that finds {@code LOADING} knows a load was interrupted
 * (killed, Ctrl-C, crash): it removes the nodes that load wrote, which all carry the
 * {@value DemoEstateWriter#LABEL} label, and loads again. It does so only when the
 * database holds nothing else; otherwise it leaves everything as it is and says so.
 * <p>
 * Loaders of instances starting together take turns, like the schema migrations: each
 * holds a transaction that has merged the one {@code (:__DemoLoadLock)} node for its
 * whole run and rolls it back at the end. So a {@code LOADING} mark seen under the lock
 * belongs to a loader that is gone (its connection, and with it its lock, died), never to
 * one still at work.
 */
@Component
@ConditionalOnBooleanProperty(name = "appgraph.demo.enabled", matchIfMissing = true)
final class DemoEstateLoader implements SmartInitializingSingleton {

    private static final Log log = LogFactory.getLog(DemoEstateLoader.class);

    static final String LOADING = "LOADING";

    static final String COMPLETE = "COMPLETE";

    // Longer than any demo load (a 100,000-app estate takes minutes), far shorter than
    // forever: the embedded server's 30 s default would end the lock mid-load.
    private static final TransactionConfig LOCK = TransactionConfig.builder()
        .withTimeout(Duration.ofHours(1))
        .withMetadata(Map.of("app", "appgraph demo loader lock"))
        .build();

    private static final String TAKE_LOCK = "MERGE (l:__DemoLoadLock {name: 'demo'}) SET l.lockedAt = datetime()";

    private static final String STATE = """
            OPTIONAL MATCH (m:__DemoLoad {name: 'demo'})
            RETURN m.state AS state,
                EXISTS { MATCH (:App) } OR EXISTS { MATCH (:Squad) } OR EXISTS { MATCH (:Group) }
                OR EXISTS { MATCH (:Person) } OR EXISTS { MATCH (:Release) } AS estatePresent,
                EXISTS { MATCH (:App) } AS appsPresent
            """;

    // Anything that is not the demo's and not bookkeeping (labels starting with "__",
    // such as the migrations' records): someone else's data, which a clean-up must not
    // touch. Scans the nodes, but only after an interrupted load, and stops at the first.
    private static final String FOREIGN_DATA = """
            RETURN EXISTS {
              MATCH (n) WHERE NOT n:DemoData
                AND (size(labels(n)) = 0 OR any(label IN labels(n) WHERE NOT label STARTS WITH '__'))
            } AS present
            """;

    private static final String REMOVE_BATCH = """
            MATCH (n:DemoData) WITH n LIMIT 10000
            DETACH DELETE n
            RETURN count(*) AS removed
            """;

    private static final String MARK_LOADING = """
            MERGE (m:__DemoLoad {name: 'demo'})
            SET m.state = 'LOADING', m.seed = $seed, m.apps = $apps, m.releasesPerApp = $releasesPerApp,
                m.startedAt = datetime(), m.completedAt = null
            """;

    // The marker of the per-day release counts (package releases): without it, they are
    // counted afresh at start-up.
    private static final String FORGET_RELEASE_COUNTS = "MATCH (m:__ReleaseRollups) DELETE m";

    private static final String MARK_COMPLETE = """
            MATCH (m:__DemoLoad {name: 'demo'})
            SET m.state = 'COMPLETE', m.completedAt = datetime()
            """;

    private final Driver driver;

    private final DemoProperties properties;

    private final CostLedger costs;

    // AppliedMigrations is only taken to be created after it: the constraints the writer
    // merges on, and the lock's, must exist.
    DemoEstateLoader(Driver driver, AppliedMigrations migrations, DemoProperties properties, CostLedger costs) {
        this.driver = driver;
        this.properties = properties;
        this.costs = costs;
    }

    @Override
    public void afterSingletonsInstantiated() {
        load(Instant.now());
    }

    /**
     * Loads the demo estate dated from {@code now} unless the graph holds an estate
     * already, first removing what an interrupted load left.
     * @param now the moment the estate and its year of releases lead up to
     * @return what it did
     */
    Outcome load(Instant now) {
        // Closing the transaction without committing rolls the lock node back: it only
        // had to be locked.
        try (Session session = this.driver.session(SessionConfig.defaultConfig());
                Transaction lock = session.beginTransaction(LOCK)) {
            lock.run(TAKE_LOCK).consume();
            return loadWhileLocked(now);
        }
    }

    private Outcome loadWhileLocked(Instant now) {
        Record state = read(STATE);
        if (LOADING.equals(state.get("state").asString(null))) {
            if (read(FOREIGN_DATA).get("present").asBoolean()) {
                log.warn("An earlier demo load was interrupted, and the graph now also holds data it did not write: "
                        + "leaving both as they are. To start afresh, empty the database");
                return Outcome.LEFT_ALONE;
            }
            long removed = removeDemoData();
            log.info("An earlier demo load was interrupted: removed the %d nodes it wrote, loading again"
                .formatted(removed));
        }
        else if (state.get("estatePresent").asBoolean()) {
            if (state.get("appsPresent").asBoolean() || COMPLETE.equals(state.get("state").asString(null))) {
                log.info("The graph already holds an estate: the demo estate is not loaded");
            }
            else {
                // Most likely what a demo load of an older appgraph left when it was
                // interrupted: it did not mark its data, so it cannot be told from
                // anyone's.
                log.warn("The graph already holds squads, groups, people or releases but no apps: the demo estate is "
                        + "not loaded. If an interrupted demo load of an older appgraph left them, "
                        + "empty the database (appgraph.embedded.data-dir) to load it");
            }
            return Outcome.NOT_EMPTY;
        }
        loadNow(now);
        return Outcome.LOADED;
    }

    private void loadNow(Instant now) {
        int apps = this.properties.apps();
        long seed = this.properties.seed();
        log.info("Loading the demo estate (seed %d, %d apps, %d releases per app and year)".formatted(seed, apps,
                this.properties.releasesPerApp()));
        long started = System.nanoTime();
        // Dated from now, not from the fixed reference, so "left 12 days ago" and
        // "released in the last hour" stay true of a fresh load.
        DemoEstate estate = DemoEstate.generate(apps, seed, now);
        DemoReleases releases = DemoReleases.generate(estate, seed, now, this.properties.releasesPerApp());
        long generated = System.nanoTime();
        write(MARK_LOADING, Map.of("seed", seed, "apps", apps, "releasesPerApp", this.properties.releasesPerApp()));
        DemoEstateWriter.write(this.driver, estate);
        long estateWritten = System.nanoTime();
        DemoEstateWriter.write(this.driver, releases);
        List<DemoAlerts.Alert> alerts = DemoAlerts.generate(estate, releases, seed, now);
        DemoEstateWriter.writeAlerts(this.driver, alerts);
        long costStarted = System.nanoTime();
        int costDays = DemoCost.write(this.driver, this.costs, estate, seed, now, this.properties.costDays());
        log.info("Wrote %d environment-days of platform and cost history in %d ms".formatted(costDays,
                millis(costStarted, System.nanoTime())));
        // Releases written around the pipeline-event writer: the per-day counts no longer
        // hold them, and are counted afresh once the application is ready.
        write(FORGET_RELEASE_COUNTS, Map.of());
        write(MARK_COMPLETE, Map.of());
        long written = System.nanoTime();
        // Generating is quick (releases are generated as they are written); writing is
        // Neo4j's per-row work, which is where a large estate's start-up goes.
        log.info(("Loaded the demo estate (seed %d): %d apps, %d dependencies, %d squads, %d groups, %d people, "
                + "%d releases, %d alerts in %d ms (generated in %d ms, estate written in %d ms, releases in %d ms)")
            .formatted(seed, estate.apps().size(), estate.dependencies().size(), estate.squads().size(),
                    estate.groups().size(), estate.people().size(), releases.size(), alerts.size(),
                    millis(started, written), millis(started, generated), millis(generated, estateWritten),
                    millis(estateWritten, written)));
    }

    private long removeDemoData() {
        long total = 0;
        try (Session session = this.driver.session(SessionConfig.defaultConfig())) {
            long removed;
            do {
                removed = session.executeWrite(tx -> tx.run(REMOVE_BATCH).single().get("removed").asLong());
                total += removed;
            }
            while (removed > 0);
        }
        return total;
    }

    private Record read(String query) {
        try (Session session = this.driver.session(SessionConfig.defaultConfig())) {
            return session.executeRead(tx -> tx.run(query).single());
        }
    }

    private void write(String statement, Map<String, Object> parameters) {
        try (Session session = this.driver.session(SessionConfig.defaultConfig())) {
            session.executeWriteWithoutResult(tx -> tx.run(statement, parameters).consume());
        }
    }

    private static long millis(long from, long to) {
        return Duration.ofNanos(to - from).toMillis();
    }

    /** What a start did about the demo estate. */
    enum Outcome {

        /** Loaded it, after removing what an interrupted load left, if anything. */
        LOADED,

        /** Left the graph alone: it already holds an estate. */
        NOT_EMPTY,

        /**
         * Left the graph alone: an interrupted load's data is mixed with someone else's.
         */
        LEFT_ALONE

    }

}
