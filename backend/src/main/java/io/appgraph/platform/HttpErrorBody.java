package io.appgraph.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * The body of every HTTP error appgraph answers outside GraphQL, written where no
 * controller runs (servlet filters, security handlers): {@code {"error": "...",
 * "details": [...]}}, as the contract (http.md) says.
 */
public final class HttpErrorBody {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpErrorBody() {
    }

    /** Sets the status and writes the error as JSON. */
    public static void write(HttpServletResponse response, int status, String error, List<String> details)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getOutputStream(), Map.of("error", error, "details", details));
    }

}
