package io.appgraph.platform;

import org.neo4j.driver.Driver;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Read-your-writes across replicas ({@link Bookmarks}). */
@Configuration(proxyBeanMethods = false)
class BookmarksConfiguration {

    @Bean
    FilterRegistrationBean<Bookmarks.CatchUp> bookmarkCatchUp(Driver driver) {
        var registration = new FilterRegistrationBean<>(new Bookmarks.CatchUp(driver));
        registration.addUrlPatterns("/graphql");
        // After Spring Security: only a caller who may use /graphql makes the database
        // wait.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @Bean
    Bookmarks.Relay bookmarkRelay(Driver driver) {
        return new Bookmarks.Relay(driver);
    }

}
