package io.appgraph.ownership;

import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ErrorResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals and failures of the SCIM endpoints as SCIM error bodies
 * ({@code urn:ietf:params:scim:api:messages:2.0:Error}), never a stack trace.
 */
@RestControllerAdvice(assignableTypes = { ScimUsersController.class, ScimDiscoveryController.class })
final class ScimErrors {

    private static final Log log = LogFactory.getLog(ScimErrors.class);

    @ExceptionHandler(ScimException.class)
    ResponseEntity<byte[]> refused(ScimException ex) {
        ErrorResponse error = ex.getScimError();
        return ScimJson.answer(HttpStatus.valueOf(error.getStatus()), error);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<byte[]> failed(RuntimeException ex) {
        log.error("A SCIM request failed", ex);
        ErrorResponse error = new ErrorResponse(HttpStatus.INTERNAL_SERVER_ERROR.value());
        error.setDetail("appgraph could not answer this SCIM request; its log says why");
        return ScimJson.answer(HttpStatus.INTERNAL_SERVER_ERROR, error);
    }

}
