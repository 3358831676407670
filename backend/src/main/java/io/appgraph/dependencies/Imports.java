package io.appgraph.dependencies;

import java.util.LinkedHashMap;
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

}
