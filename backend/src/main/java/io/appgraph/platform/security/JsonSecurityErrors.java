package io.appgraph.platform.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.appgraph.platform.HttpErrorBody;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.util.HtmlUtils;

/**
 * The answers of {@code oidc} mode to a request it refuses: for the API, JSON in the
 * shape of every other HTTP error of appgraph ({@code {"error", "details"}}) with the
 * bearer challenge of RFC 6750; for a failed portal login, a page that says why.
 */
final class JsonSecurityErrors {

    private final String writerRole;

    JsonSecurityErrors(String writerRole) {
        this.writerRole = writerRole;
    }

    void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        boolean badToken = ex instanceof OAuth2AuthenticationException;
        String reason = badToken ? ((OAuth2AuthenticationException) ex).getError().getDescription() : null;
        response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\", error_description=\"%s\""
            .formatted(String.valueOf(reason).replace("\"", "'")) : "Bearer");
        write(response, HttpServletResponse.SC_UNAUTHORIZED,
                badToken ? "The bearer token was refused" : "Log in first: send a bearer token from the issuer",
                badToken && reason != null ? List.of(reason) : List.of());
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        String error = (ex instanceof CsrfException)
                ? "The CSRF token is missing or stale (send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN); "
                        + "nothing was written"
                : "This needs the '%s' role, which you do not have; nothing was written".formatted(this.writerRole);
        write(response, HttpServletResponse.SC_FORBIDDEN, error, List.of());
    }

    void loginFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        String reason = (ex instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getDescription()
                : ex.getMessage();
        response.getWriter()
            .write("<!doctype html><title>appgraph: login failed</title><h1>Login failed</h1><p>"
                    + HtmlUtils.htmlEscape(String.valueOf(reason)) + "</p><p><a href=\"/\">Try again</a></p>");
    }

    private static void write(HttpServletResponse response, int status, String error, List<String> details)
            throws IOException {
        HttpErrorBody.write(response, status, error, details);
    }

}
