package io.appgraph.platform;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the portal (the single-page app built by the {@code frontend} module into
 * {@code classpath:/static}): its routes answer with {@code index.html}, so a deep link
 * such as {@code /apps/checkout-api} opens that page instead of a 404; hashed assets are
 * cached for a year and {@code index.html} never; and every response carries a
 * Content-Security-Policy that allows nothing but appgraph's own origin.
 */
@Configuration(proxyBeanMethods = false)
class PortalWebConfiguration implements WebMvcConfigurer {

    /** The portal's routes; everything else is the API, actuator or a static file. */
    private static final String[] ROUTES = { "/apps/*", "/graph", "/drift", "/releases", "/alerts", "/ownership",
            "/squads/*", "/squads/*/cost", "/people/*", "/platform" };

    /**
     * Only appgraph's own origin: scripts, styles, images, fonts and connections (the
     * GraphQL endpoint and its WebSocket) included. Nothing inline, nothing from a CDN.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'self'", "script-src 'self'",
            "style-src 'self'", "img-src 'self' data:", "font-src 'self' data:", "connect-src 'self'",
            "worker-src 'self' blob:", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
            "frame-ancestors 'none'");

    private final PortalProperties portal;

    PortalWebConfiguration(PortalProperties portal) {
        this.portal = portal;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String route : ROUTES) {
            registry.addViewController(route).setViewName("forward:/index.html");
        }
        if (this.portal.graphiql()) {
            registry.addViewController("/graphiql").setViewName("forward:/index.html");
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Vite names every asset by its content hash, so a changed file is a new URL.
        registry.addResourceHandler("/assets/**")
            .addResourceLocations("classpath:/static/assets/")
            .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    @Bean
    FilterRegistrationBean<SecurityHeaders> portalSecurityHeaders() {
        var registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** Security headers on every response, and no caching of the portal's entry page. */
    static final class SecurityHeaders extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "same-origin");
            response.setHeader("X-Frame-Options", "DENY");
            String path = request.getRequestURI();
            if (!path.startsWith("/assets/") && !path.startsWith("/graphql") && !path.startsWith("/api/")
                    && !path.startsWith("/actuator") && !path.startsWith("/scim/")) {
                response.setHeader("Cache-Control", "no-cache");
            }
            chain.doFilter(request, response);
        }

    }

}
