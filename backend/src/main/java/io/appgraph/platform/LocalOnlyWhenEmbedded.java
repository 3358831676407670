package io.appgraph.platform;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With the embedded database appgraph has no authentication yet, so unless
 * {@code server.address} says otherwise it listens on the loopback interface only. With
 * an external Neo4j ({@code spring.neo4j.uri}) it is deployed behind a load balancer and
 * listens everywhere.
 */
class LocalOnlyWhenEmbedded implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean embedded = !StringUtils.hasText(environment.getProperty("spring.neo4j.uri"));
        if (embedded && !environment.containsProperty("server.address")) {
            environment.getPropertySources()
                .addLast(new MapPropertySource("appgraph-local-only", Map.of("server.address", "127.0.0.1")));
        }
    }

}
