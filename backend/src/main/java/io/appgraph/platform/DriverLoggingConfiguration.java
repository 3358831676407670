package io.appgraph.platform;

import org.neo4j.driver.Logging;
import org.springframework.boot.neo4j.autoconfigure.ConfigBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Neo4j driver logs through SLF4J, so Logback's levels
 * ({@code logging.level.org.neo4j.driver}) decide what it writes. Left to its default,
 * the JDK's {@code System.Logger} bridged to Logback, the driver is told that DEBUG is on
 * and formats every Bolt message it sends, parameters included, into a line that Logback
 * then drops: about 2 % of the CPU under webhook load, spent formatting values that
 * should never be formatted at all.
 */
@Configuration(proxyBeanMethods = false)
class DriverLoggingConfiguration {

    @Bean
    ConfigBuilderCustomizer slf4jDriverLogging() {
        return builder -> builder.withLogging(Logging.slf4j());
    }

}
