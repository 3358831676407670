package io.appgraph.ownership;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * SCIM bodies in and out, with the SCIM SDK's own Jackson 2 mapper (the application's
 * Jackson 3 mapper does not know the SDK's annotations). Responses are
 * {@code application/scim+json} whatever the client accepts, as RFC 7644 asks.
 */
final class ScimJson {

    static final String BASE = "/scim/v2";

    static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");

    private ScimJson() {
    }

    static <T> T read(byte[] body, Class<T> type) throws ScimException {
        if (body == null || body.length == 0) {
            throw BadRequestException.invalidSyntax("The request needs a SCIM JSON body");
        }
        try {
            T value = JsonUtils.getObjectReader().forType(type).readValue(body);
            if (value == null) {
                throw BadRequestException.invalidSyntax("The request needs a SCIM JSON body");
            }
            return value;
        }
        catch (JsonMappingException ex) {
            // The SDK refuses unknown attributes and bad values with a SCIM error of its
            // own.
            if (ex.getCause() instanceof ScimException scim) {
                throw scim;
            }
            throw BadRequestException.invalidSyntax("The body is not a SCIM resource: " + ex.getOriginalMessage());
        }
        catch (JsonProcessingException ex) {
            throw BadRequestException.invalidSyntax("The body is not JSON: " + ex.getOriginalMessage());
        }
        catch (IOException ex) {
            throw BadRequestException.invalidSyntax("The body could not be read");
        }
    }

    static ResponseEntity<byte[]> answer(HttpStatus status, Object body) {
        return answer(ResponseEntity.status(status), body);
    }

    static ResponseEntity<byte[]> answer(ResponseEntity.BodyBuilder response, Object body) {
        return response.contentType(SCIM_JSON).body(bytes(body));
    }

    static void write(HttpServletResponse response, HttpStatus status, Object body) throws IOException {
        byte[] bytes = bytes(body);
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.CONTENT_TYPE, SCIM_JSON.toString());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static byte[] bytes(Object body) {
        try {
            return JsonUtils.getObjectWriter().writeValueAsBytes(body);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException("A SCIM answer could not be written as JSON", ex);
        }
    }

}
