package io.appgraph.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Who may do what, per security mode ({@code appgraph.security.mode}).
 * <ul>
 * <li>{@code local}: everything open, no session, no CSRF token: appgraph listens on the
 * loopback interface only ({@code LoopbackUnlessExposed}).</li>
 * <li>{@code oidc}: the portal logs people in through the issuer (authorization code with
 * PKCE; a session cookie, CSRF-protected); API clients send bearer JWTs from the same
 * issuer. Reads need a login, mutations and imports the writer role. Webhooks, SCIM and
 * Slack keep their own secrets; health and metrics stay open for the cluster.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** Endpoints that check a secret of their own (HMAC signature or bearer token). */
    static final String[] OWN_SECRETS = { "/api/pipelines/events", "/api/hr/leavers", "/api/alerts/alertmanager",
            "/api/slack/**", "/scim/**" };

    /** What Kubernetes and Prometheus read without a login. */
    static final String[] CLUSTER = { "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus" };

    static final String REGISTRATION = "appgraph";

    @Bean
    Roles roles(AppgraphSecurityProperties properties) {
        return new Roles(properties.oidc().rolesClaim(), properties.oidc().writerRole());
    }

    @Bean
    Callers callers(AppgraphSecurityProperties properties, Roles roles) {
        return new Callers(properties, roles);
    }

    @Bean
    GraphQlCallers.Recorder graphQlCallers(Callers callers) {
        return new GraphQlCallers.Recorder(callers);
    }

    @Bean
    GraphQlCallers.WriterRoleRequired writerRoleRequired(AppgraphSecurityProperties properties) {
        return new GraphQlCallers.WriterRoleRequired(properties.oidc().writerRole());
    }

    @Bean
    @ConditionalOnProperty(name = "appgraph.security.mode", havingValue = "local", matchIfMissing = true)
    SecurityFilterChain localMode(HttpSecurity http, AppgraphSecurityProperties properties) {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .csrf(AbstractHttpConfigurer::disable)
            .headers(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .cors(cors -> cors.configurationSource(cors(properties)));
        return http.build();
    }

    @Bean
    @ConditionalOnProperty(name = "appgraph.security.mode", havingValue = "oidc")
    OidcIssuer oidcIssuer(AppgraphSecurityProperties properties) {
        return new OidcIssuer(properties.oidc());
    }

    /**
     * In {@code oidc} mode, the endpoints with secrets of their own and the cluster's
     * health and metrics endpoints: no login, no session, no CSRF token; a bearer token
     * there is the endpoint's own secret, never taken for a login.
     */
    @Bean
    @Order(1)
    @ConditionalOnProperty(name = "appgraph.security.mode", havingValue = "oidc")
    SecurityFilterChain ownSecrets(HttpSecurity http, AppgraphSecurityProperties properties) {
        String[] paths = Stream.concat(Stream.of(OWN_SECRETS), Stream.of(CLUSTER)).toArray(String[]::new);
        http.securityMatcher(paths)
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .csrf(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .headers(headers -> headers.frameOptions(frame -> frame.disable())
                .contentTypeOptions(options -> options.disable()))
            .cors(cors -> cors.configurationSource(cors(properties)));
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnProperty(name = "appgraph.security.mode", havingValue = "oidc")
    SecurityFilterChain oidcMode(HttpSecurity http, AppgraphSecurityProperties properties, Roles roles,
            OidcIssuer issuer) {
        JwtDecoder jwtDecoder = issuer.jwtDecoder();
        ClientRegistrationRepository registrations = issuer.clientRegistrations();
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(jwt -> roles.authorities(jwt.getClaims()));

        var authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        RequestMatcher api = request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/graphql") || path.startsWith("/api/") || path.startsWith("/actuator")
                    || path.startsWith("/scim/");
        };
        JsonSecurityErrors errors = new JsonSecurityErrors(properties.oidc().writerRole());

        http.authorizeHttpRequests(requests -> requests.requestMatchers("/api/session", "/error")
            .permitAll()
            .requestMatchers(pathPattern(HttpMethod.POST, "/api/import/**"))
            .hasAuthority(roles.writerAuthority())
            .anyRequest()
            .authenticated())
            .oauth2ResourceServer(
                    server -> server.jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(errors::unauthenticated)
                        .accessDeniedHandler(errors::forbidden))
            .oauth2Login(login -> login.clientRegistrationRepository(registrations)
                .loginPage("/oauth2/authorization/" + REGISTRATION)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(loginAuthorities(roles)))
                .failureHandler(errors::loginFailed))
            .logout(logout -> logout.logoutSuccessHandler(new PortalLogout(registrations)))
            .requestCache(cache -> cache.requestCache(pagesBeforeLogin()))
            // A request without a session cookie carries no login a forged page could
            // borrow: an API client with a bearer token, or nobody (who then gets 401).
            .csrf(csrf -> csrf.spa()
                .requireCsrfProtectionMatcher(request -> CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
                        && request.getRequestedSessionId() != null))
            .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(errors::unauthenticated, api)
                .defaultAccessDeniedHandlerFor(errors::forbidden, api))
            // The portal's own filter sets Content-Security-Policy, X-Frame-Options and
            // X-Content-Type-Options on every response (PortalWebConfiguration).
            .headers(headers -> headers.frameOptions(frame -> frame.disable())
                .contentTypeOptions(options -> options.disable()))
            .cors(cors -> cors.configurationSource(cors(properties)));
        return http.build();
    }

    /**
     * Where a person was going when the login interrupted them, to send them back there
     * after it, at the same address (without Spring Security's {@code ?continue} marker,
     * which would show in the address bar and in shared links).
     */
    private static RequestCache pagesBeforeLogin() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /**
     * The roles of a person logged in through the portal, from the ID token and user
     * info.
     */
    private static GrantedAuthoritiesMapper loginAuthorities(Roles roles) {
        return authorities -> {
            Collection<GrantedAuthority> mapped = new ArrayList<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority user) {
                    Map<String, Object> claims = new HashMap<>(user.getIdToken().getClaims());
                    if (user.getUserInfo() != null) {
                        claims.putAll(user.getUserInfo().getClaims());
                    }
                    mapped.addAll(roles.authorities(claims));
                }
            }
            return mapped;
        };
    }

    /**
     * Which other origins' pages may call the API from a browser: none unless
     * {@code appgraph.security.cors.allowed-origins} names them, and never with cookies,
     * so such a page must send a bearer token.
     */
    private static CorsConfigurationSource cors(AppgraphSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.cors().allowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedMethods(List.of("GET", "POST"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            configuration.setAllowCredentials(false);
            source.registerCorsConfiguration("/graphql", configuration);
            source.registerCorsConfiguration("/api/**", configuration);
        }
        return source;
    }

}
