package io.appgraph.platform;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every HTTP endpoint (webhooks, imports) answers 503 with {@code Retry-After} while the
 * database cannot be reached, once the driver's own retries are spent: the caller's retry
 * then loses nothing, where a 500 would tell it the request itself was wrong.
 */
@RestControllerAdvice
final class DatabaseUnavailable {

    @ExceptionHandler({ ServiceUnavailableException.class, SessionExpiredException.class, TransientException.class })
    ResponseEntity<Map<String, Object>> unavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, "5")
            .body(Map.of("error", "Database unavailable", "details",
                    List.of("Nothing was stored; retry the request later")));
    }

}
