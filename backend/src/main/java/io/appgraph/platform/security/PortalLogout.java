package io.appgraph.platform.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * After the portal's session ends, the issuer's session ends too (RP-initiated logout),
 * or the next page would log the person straight back in. The portal logs out with
 * {@code fetch}, asking for JSON: it gets {@code {"next": <issuer's logout URL>}} and
 * goes there itself, since its Content-Security-Policy lets a form post only to appgraph.
 * Anything else gets the usual redirect.
 */
final class PortalLogout extends OidcClientInitiatedLogoutSuccessHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    PortalLogout(ClientRegistrationRepository registrations) {
        super(registrations);
        setPostLogoutRedirectUri("{baseUrl}/");
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
            super.onLogoutSuccess(request, response, authentication);
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(),
                Map.of("next", determineTargetUrl(request, response, authentication)));
    }

}
