package io.appgraph.platform;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Limits that apply to every HTTP endpoint, GraphQL, actuator and whatever comes next.
 */
@Configuration(proxyBeanMethods = false)
class HttpLimitsConfiguration {

    // Right after the observation filter (HIGHEST_PRECEDENCE + 1), so refusals show in
    // the
    // metrics, and before any filter that might read a form body.
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(HttpLimitsProperties limits) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimit(limits));
        registration.setOrder(ORDER);
        return registration;
    }

}
