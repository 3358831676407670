package io.appgraph.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reads a user's roles from a token's claims, wherever the issuer puts them: a list of
 * strings or a space-separated string, at a claim name or a dotted path into nested
 * objects (Keycloak's {@code realm_access.roles}). Each role becomes the authority
 * {@code ROLE_<role>}; the writer role is one of them.
 */
final class Roles {

    static final String PREFIX = "ROLE_";

    private final String[] path;

    private final String writerAuthority;

    Roles(String claim, String writerRole) {
        this.path = claim.split("\\.");
        this.writerAuthority = PREFIX + writerRole;
    }

    Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles(claims)) {
            authorities.add(new SimpleGrantedAuthority(PREFIX + role));
        }
        return authorities;
    }

    String writerAuthority() {
        return this.writerAuthority;
    }

    boolean isWriter(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().anyMatch(authority -> this.writerAuthority.equals(authority.getAuthority()));
    }

    private List<String> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String step : this.path) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(step);
        }
        if (value instanceof String text) {
            return List.of(text.trim().split("\\s+")).stream().filter(role -> !role.isEmpty()).toList();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

}
