package testsupport.oidc;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect issuer for appgraph's tests (outside {@code io.appgraph}, so
 * appgraph's component scan never picks it up): Spring Authorization Server on a free
 * port of {@code localhost} (so its cookies never mix with appgraph's on
 * {@code 127.0.0.1}).
 * <ul>
 * <li>The portal's public client {@value #PORTAL} (authorization code, PKCE required,
 * redirects to any loopback port).</li>
 * <li>People who log in with a password: {@code alice} (a writer) and {@code bob} (a
 * reader), whose tokens carry their email and roles.</li>
 * <li>Programs with client credentials: {@value #WRITER_BOT} (a writer) and
 * {@value #READER_BOT} (no roles).</li>
 * </ul>
 * {@link #sign} mints a token with any claims under the issuer's own key, to send tokens
 * a real issuer would have issued before they expired.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String PORTAL = "appgraph-portal";

    public static final String WRITER_BOT = "writer-bot";

    public static final String READER_BOT = "reader-bot";

    public static final String BOT_SECRET = "bot-secret-for-tests";

    public static final String PASSWORD = "password-for-tests";

    /** A program's client secret: each has its own. */
    public static String secretOf(String client) {
        return BOT_SECRET + "-" + client;
    }

    private static final Map<String, List<String>> ROLES = Map.of("alice", List.of("writer"), "bob", List.of(),
            WRITER_BOT, List.of("writer"), READER_BOT, List.of());

    private final ConfigurableApplicationContext context;

    private final RSAKey key;

    private TestIssuer(ConfigurableApplicationContext context, RSAKey key) {
        this.context = context;
        this.key = key;
    }

    public static TestIssuer start() {
        return start("http://127.0.0.1/");
    }

    /**
     * Starts an issuer whose portal client may send people back to
     * {@code postLogoutRedirectUri} after they log out.
     */
    public static TestIssuer start(String postLogoutRedirectUri) {
        RSAKey key = rsaKey();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IssuerApplication.class)
            .initializers(ctx -> {
                ctx.getBeanFactory().registerSingleton("issuerKey", key);
                ctx.getBeanFactory().registerSingleton("postLogoutRedirectUri", postLogoutRedirectUri);
            })
            .run("--server.port=0", "--spring.main.banner-mode=off",
                    "--logging.level.org.springframework.security=INFO");
        return new TestIssuer(context, key);
    }

    /**
     * Runs an issuer on its own, for the portal's end-to-end tests: prints
     * {@code ISSUER <uri>} once ready and stops when standard input closes (when the
     * process that started it exits).
     * @param arguments the post-logout redirect URI of the portal client
     */
    public static void main(String[] arguments) throws IOException {
        try (TestIssuer issuer = start(arguments[0])) {
            System.out.println("ISSUER " + issuer.uri());
            System.out.flush();
            while (System.in.read() != -1) {
                // Waits for the parent to go away.
            }
        }
    }

    /**
     * The issuer's identifier, as appgraph's {@code appgraph.security.oidc.issuer-uri}.
     */
    public String uri() {
        return "http://localhost:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
    }

    /** A token signed by this issuer's key with the given claims and lifetime. */
    public String sign(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        return sign(this.key, uri(), claims, issuedAt, expiresAt);
    }

    /** A token signed by a key this issuer never published. */
    public String signWithAnotherKey(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        return sign(rsaKey(), uri(), claims, issuedAt, expiresAt);
    }

    /** A token this issuer's key signed, naming another issuer. */
    public String signAsAnotherIssuer(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        return sign(this.key, "http://localhost:1/other-issuer", claims, issuedAt, expiresAt);
    }

    @Override
    public void close() {
        this.context.close();
    }

    private static String sign(RSAKey key, String issuer, Map<String, Object> claims, Instant issuedAt,
            Instant expiresAt) {
        var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        JwtClaimsSet.Builder set = JwtClaimsSet.builder()
            .issuer(issuer)
            .subject(String.valueOf(claims.getOrDefault("sub", "someone")))
            .issuedAt(issuedAt)
            .expiresAt(expiresAt);
        claims.forEach(set::claim);
        return encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build(),
                    set.build()))
            .getTokenValue();
    }

    private static RSAKey rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @EnableWebSecurity
    @ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class })
    static class IssuerApplication {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) {
            http.oauth2AuthorizationServer(server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.oidc(Customizer.withDefaults());
            })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername("bob").password("{noop}" + PASSWORD).roles("USER").build());
        }

        @Bean
        RegisteredClientRepository clients(String postLogoutRedirectUri) {
            RegisteredClient portal = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(PORTAL)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/login/oauth2/code/appgraph")
                .postLogoutRedirectUri(postLogoutRedirectUri)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(
                        ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build();
            return new InMemoryRegisteredClientRepository(portal, bot(WRITER_BOT), bot(READER_BOT));
        }

        private static RegisteredClient bot(String id) {
            return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(id)
                .clientSecret("{noop}" + secretOf(id))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("graphql")
                .build();
        }

        /** Every token names its holder's roles, and a person's tokens their email. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims() {
            return context -> {
                String name = context.getPrincipal().getName();
                context.getClaims().claim("roles", ROLES.getOrDefault(name, List.of()));
                if (!name.endsWith("-bot")) {
                    context.getClaims().claim("email", name + "@example.com");
                    context.getClaims().claim("preferred_username", name);
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys(RSAKey issuerKey) {
            return new ImmutableJWKSet<>(new JWKSet(issuerKey));
        }

        /** Checks the access tokens the user info endpoint is called with. */
        @Bean
        JwtDecoder accessTokens(RSAKey issuerKey) throws JOSEException {
            return NimbusJwtDecoder.withPublicKey(issuerKey.toRSAPublicKey()).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

    }

}
