package io.appgraph.platform.security;

import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Turns what Spring Security authenticated into a {@link Caller}. */
final class Callers {

    private final AppgraphSecurityProperties properties;

    private final Roles roles;

    Callers(AppgraphSecurityProperties properties, Roles roles) {
        this.properties = properties;
        this.roles = roles;
    }

    /** The caller; null when nobody is authenticated in {@code oidc} mode. */
    Caller of(Authentication authentication) {
        if (this.properties.mode() == AppgraphSecurityProperties.Mode.LOCAL) {
            return Caller.LOCAL;
        }
        Map<String, Object> claims;
        if (authentication instanceof JwtAuthenticationToken jwt) {
            claims = jwt.getToken().getClaims();
        }
        else if (authentication instanceof OAuth2AuthenticationToken login) {
            claims = login.getPrincipal().getAttributes();
        }
        else {
            return null;
        }
        Object email = claims.get(this.properties.oidc().emailClaim());
        String subject = String.valueOf(claims.get("sub"));
        return new Caller(subject, (email instanceof String text && !text.isBlank()) ? text : null,
                name(claims, subject), this.roles.isWriter(authentication.getAuthorities()));
    }

    private static String name(Map<String, Object> claims, String subject) {
        for (String claim : new String[] { "preferred_username", "name", "email" }) {
            if (claims.get(claim) instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return subject;
    }

}
