package io.appgraph.neo4j;

import java.net.URI;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.neo4j.autoconfigure.Neo4jAutoConfiguration;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts Neo4j inside the process when {@code spring.neo4j.uri} is not set and points
 * Boot's driver (and so everything else) at it over Bolt.
 */
@AutoConfiguration(before = Neo4jAutoConfiguration.class)
@Conditional(EmbeddedNeo4jCondition.class)
@EnableConfigurationProperties(EmbeddedNeo4jProperties.class)
public class EmbeddedNeo4jAutoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedNeo4jServer embeddedNeo4jServer(EmbeddedNeo4jProperties properties) {
        return EmbeddedNeo4jServer.start(properties);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "appgraph.embedded.in-process-reads", matchIfMissing = true)
    InProcessReads inProcessReads(EmbeddedNeo4jServer server) {
        return server.inProcessReads();
    }

    @Bean
    Neo4jConnectionDetails embeddedNeo4jConnectionDetails(EmbeddedNeo4jServer server) {
        return new Neo4jConnectionDetails() {
            @Override
            public URI getUri() {
                return server.boltUri();
            }

            @Override
            public AuthToken getAuthToken() {
                return AuthTokens.none();
            }
        };
    }

}
