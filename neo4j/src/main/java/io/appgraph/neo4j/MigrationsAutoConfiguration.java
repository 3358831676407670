package io.appgraph.neo4j;

import org.neo4j.driver.Driver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.neo4j.autoconfigure.Neo4jAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Brings the database schema up to date while the application context starts, before
 * anything can read or write the graph, whether Neo4j is embedded or external.
 */
@AutoConfiguration(after = Neo4jAutoConfiguration.class)
public class MigrationsAutoConfiguration {

    @Bean
    AppliedMigrations appliedMigrations(Driver driver) {
        return new AppliedMigrations(new CypherMigrations(driver).apply());
    }

}
