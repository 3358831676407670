package io.appgraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * appgraph: the estate graph (apps, squads, people, releases, dependencies) behind
 * GraphQL.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AppgraphApplication {

    public static void main(String[] args) {
        SpringApplication.run(AppgraphApplication.class, args);
    }

}
