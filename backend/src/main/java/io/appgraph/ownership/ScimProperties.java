package io.appgraph.ownership;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SCIM 2.0 provisioning at {@code /scim/v2}, for the identity provider.
 *
 * @param token the bearer token the identity provider sends
 * ({@code Authorization: Bearer <token>}); unset or blank turns SCIM off (404), it is
 * never open (env {@code APPGRAPH_SCIM_TOKEN})
 * @param maxResults the most users one {@code GET /scim/v2/Users} page returns, whatever
 * {@code count} asks for (env {@code APPGRAPH_SCIM_MAX_RESULTS})
 */
@ConfigurationProperties("appgraph.scim")
record ScimProperties(String token, int maxResults) {

    ScimProperties {
        if (maxResults < 1) {
            throw new IllegalArgumentException("appgraph.scim.max-results must be at least 1, was " + maxResults);
        }
    }

    boolean enabled() {
        return this.token != null && !this.token.isBlank();
    }

    // A record would print its token wherever it is logged.
    @Override
    public String toString() {
        return "ScimProperties[token=" + (enabled() ? "(set)" : "(unset)") + ", maxResults=" + this.maxResults + "]";
    }

}
