package io.appgraph.platform.security;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Who may use appgraph ({@code appgraph.security}).
 *
 * @param mode {@code local}: no login, listening on the loopback interface only unless
 * {@code allowAnonymousNetwork}; {@code oidc}: a login through the company's OpenID
 * Connect issuer for the portal and {@code /graphql}, the writer role for changes
 * @param allowAnonymousNetwork in {@code local} mode, listen beyond the loopback
 * interface with reads and writes open to anyone who can reach the port (logged as a
 * warning at every start)
 * @param oidc the issuer, the portal's client and the roles claim, for {@code oidc} mode
 * @param cors origins other than appgraph's own whose pages may call {@code /graphql} and
 * {@code /api} from a browser; none unless configured
 */
@ConfigurationProperties("appgraph.security")
public record AppgraphSecurityProperties(@DefaultValue("local") Mode mode,
        @DefaultValue("false") boolean allowAnonymousNetwork, @DefaultValue Oidc oidc, @DefaultValue Cors cors) {

    /** How people and programs prove who they are. */
    public enum Mode {

        /** No login; appgraph listens on the loopback interface only. */
        LOCAL,

        /** OpenID Connect: sessions for the portal, bearer JWTs for API clients. */
        OIDC

    }

    /**
     * @param issuerUri the issuer, whose {@code /.well-known/openid-configuration} names
     * its endpoints and signing keys; tokens from any other issuer are refused
     * @param clientId the portal's client at the issuer (authorization code with PKCE)
     * @param clientSecret the portal client's secret, for an issuer that treats the
     * portal as a confidential client (from the environment or a file, never the image);
     * empty for a public client
     * @param rolesClaim the claim listing a user's roles: a list of strings or a
     * space-separated string; a dotted path such as {@code realm_access.roles} reaches
     * into an object
     * @param writerRole the role that may change the estate (mutations and imports)
     * @param emailClaim the claim matched to a person's email, to record who did what
     * @param audience when set, a bearer token must name it in {@code aud}
     * @param scopes what the portal asks the issuer for at login
     */
    public record Oidc(String issuerUri, String clientId, String clientSecret, @DefaultValue("roles") String rolesClaim,
            @DefaultValue("writer") String writerRole, @DefaultValue("email") String emailClaim, String audience,
            @DefaultValue( {
                    "openid", "profile", "email" }) List<String> scopes){

        /** What is missing for {@code oidc} mode to work; empty when nothing is. */
        List<String> missing() {
            return Stream
                .of(StringUtils.hasText(this.issuerUri) ? null : "appgraph.security.oidc.issuer-uri",
                        StringUtils.hasText(this.clientId) ? null : "appgraph.security.oidc.client-id",
                        StringUtils.hasText(this.rolesClaim) ? null : "appgraph.security.oidc.roles-claim",
                        StringUtils.hasText(this.writerRole) ? null : "appgraph.security.oidc.writer-role")
                .filter(Objects::nonNull)
                .toList();
        }

    }

    /**
     * @param allowedOrigins origins such as {@code https://dashboards.example.com}
     */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }

}
