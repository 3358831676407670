package io.appgraph.dependencies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.appgraph.platform.Cypher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.TransactionContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How every import writes: the whole batch in one transaction, so a batch is all or
 * nothing; in a dry run the very same writes run and are rolled back, so the report says
 * exactly what a real run would change. A batch found broken while writing
 * ({@link ImportRefusedException}) is answered 400 with nothing written.
 */
@Component
public final class Imports {

    private static final int MAX_PROBLEMS = 50;

    private static final Log log = LogFactory.getLog(Imports.class);

    private final Cypher cypher;

    Imports(Cypher cypher) {
        this.cypher = cypher;
    }

    /** Runs {@code work} for {@code report}'s import and answers with the report. */
    public ResponseEntity<Map<String, Object>> run(ImportReport report, Consumer<TransactionContext> work) {
        try {
            if (report.dryRun()) {
                this.cypher.rehearse(tx -> {
                    report.reset();
                    work.accept(tx);
                    return report;
                });
            }
            else {
                this.cypher.write(tx -> {
                    report.reset();
                    work.accept(tx);
                    return report;
                });
                log.info("Imported from " + report.source() + ": " + report.toMap().get("changes"));
            }
            return ResponseEntity.ok(report.toMap());
        }
        catch (ImportRefusedException ex) {
            return refused(ex);
        }
    }

    /** The 400 answer for a refused batch. */
    public static ResponseEntity<Map<String, Object>> refused(ImportRefusedException ex) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ex.getMessage());
        body.put("details", ex.details());
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
    }

    /** Whether the {@code dryRun} query parameter asks for a rehearsal. */
    public static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        throw new ImportRefusedException("Invalid dryRun",
                List.of("dryRun must be true or false, was '" + value + "'"));
    }

    /** The request body, refused when there is none. */
    public static byte[] nonEmpty(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new ImportRefusedException("Empty body", List.of("Send " + what + " as the request body"));
        }
        return body;
    }

    /**
     * Refuses the batch when the input had problems, listing the first
     * {@value #MAX_PROBLEMS}.
     */
    public static void refuseIfAny(String error, List<String> problems) {
        if (!problems.isEmpty()) {
            List<String> shown = (problems.size() > MAX_PROBLEMS) ? problems.subList(0, MAX_PROBLEMS) : problems;
            List<String> details = new ArrayList<>(shown);
            if (problems.size() > MAX_PROBLEMS) {
                details.add("… and " + (problems.size() - MAX_PROBLEMS) + " more problems");
            }
            throw new ImportRefusedException(error + ": nothing was imported", details);
        }
    }

}
