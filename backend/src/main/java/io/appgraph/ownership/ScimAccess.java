package io.appgraph.ownership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.unboundid.scim2.common.messages.ErrorResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The door of {@code /scim/v2}: without a configured token SCIM is off (404); otherwise
 * every request needs {@code Authorization: Bearer <appgraph.scim.token>}, compared in
 * constant time, or gets a SCIM 401. Neither answer ever echoes what was sent.
 */
final class ScimAccess implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final ScimProperties properties;

    ScimAccess(ScimProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!this.properties.enabled()) {
            refuse(response, HttpStatus.NOT_FOUND, "SCIM is off: appgraph.scim.token is not set");
            return false;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"appgraph-scim\"");
            refuse(response, HttpStatus.UNAUTHORIZED, "Send Authorization: Bearer <the SCIM token>");
            return false;
        }
        if (!tokenMatches(authorization.substring(BEARER.length()).strip())) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"appgraph-scim\", error=\"invalid_token\"");
            refuse(response, HttpStatus.UNAUTHORIZED, "The bearer token is not the SCIM token");
            return false;
        }
        return true;
    }

    // Digests first, so the comparison takes as long whatever the lengths.
    private boolean tokenMatches(String given) {
        return MessageDigest.isEqual(sha256(given), sha256(this.properties.token()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ErrorResponse error = new ErrorResponse(status.value());
        error.setDetail(detail);
        ScimJson.write(response, status, error);
    }

}
