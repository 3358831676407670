package io.appgraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * appgraph: the estate graph (apps, squads, people, releases, dependencies) behind
 * GraphQL.
 */
// Nobody logs in with a password: local mode has no login, oidc mode the issuer's.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class AppgraphApplication {

    public static void main(String[] args) {
        SpringApplication.run(AppgraphApplication.class, args);
    }

}
