package io.appgraph.demo;

import java.time.Duration;
import java.time.Instant;

import io.appgraph.neo4j.AppliedMigrations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo estate into an empty database while the application context starts, that
 * is before the web server accepts requests, so no query ever sees a half-loaded estate.
 */
@Component
@ConditionalOnBooleanProperty(name = "appgraph.demo.enabled", matchIfMissing = true)
final class DemoEstateLoader implements SmartInitializingSingleton {

    private static final Log log = LogFactory.getLog(DemoEstateLoader.class);

    private static final String ESTATE_PRESENT = """
            RETURN EXISTS { MATCH (:App) } OR EXISTS { MATCH (:Squad) }
                OR EXISTS { MATCH (:Group) } OR EXISTS { MATCH (:Person) } AS present
            """;

    private final Driver driver;

    private final DemoProperties properties;

    // AppliedMigrations is only taken to be created after it: the constraints the writer
    // merges on must exist.
    DemoEstateLoader(Driver driver, AppliedMigrations migrations, DemoProperties properties) {
        this.driver = driver;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (estatePresent()) {
            log.info("The graph already holds an estate: the demo estate is not loaded");
            return;
        }
        long started = System.nanoTime();
        // Dated from now, not from the fixed reference, so "left 12 days ago" stays true
        // of a fresh load.
        DemoEstate estate = DemoEstate.generate(this.properties.apps(), this.properties.seed(), Instant.now());
        long generated = System.nanoTime();
        DemoEstateWriter.write(this.driver, estate);
        long written = System.nanoTime();
        // Generating is quick; writing is Neo4j's per-row work, which is where a large
        // estate's start-up goes.
        log.info(
                "Loaded the demo estate (seed %d): %d apps, %d dependencies, %d squads, %d groups, %d people in %d ms (generated in %d ms, written in %d ms)"
                    .formatted(this.properties.seed(), estate.apps().size(), estate.dependencies().size(),
                            estate.squads().size(), estate.groups().size(), estate.people().size(),
                            Duration.ofNanos(written - started).toMillis(),
                            Duration.ofNanos(generated - started).toMillis(),
                            Duration.ofNanos(written - generated).toMillis()));
    }

    private boolean estatePresent() {
        try (var session = this.driver.session(SessionConfig.defaultConfig())) {
            return session.executeRead(tx -> tx.run(ESTATE_PRESENT).single().get("present").asBoolean());
        }
    }

}
