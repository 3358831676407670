package io.appgraph.cost;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * Stores cost no app could be tied to, per environment, day, source and reason: an
 * {@code UnattributedCostDay} holding {@code compute} and {@code logging}. Each source
 * (Prometheus' rollups, log volume, OpenCost) replaces only its own rows of a day, so
 * sources that run at different times never undo each other.
 */
@Component
final class UnattributedCosts {

    /** Compute from Prometheus' rollups or pushed usage. */
    static final String USAGE = "usage";

    /** Logging from log volume. */
    static final String LOGS = "logs";

    /** Compute from OpenCost. */
    static final String OPENCOST = "opencost";

    private static final String REPLACE = """
            MATCH (x:UnattributedCostDay {environment: $environment, day: $day, source: $source})
            WHERE NOT x.reason IN [row IN $rows | row.reason]
            DELETE x
            WITH count(*) AS ignored
            UNWIND $rows AS row
            MERGE (x:UnattributedCostDay {key: $environment + '|' + toString($day) + '|' + $source + '|' + row.reason})
            SET x.environment = $environment, x.day = $day, x.source = $source, x.reason = row.reason,
                x.compute = row.compute, x.logging = row.logging
            """;

    private final Cypher cypher;

    UnattributedCosts(Cypher cypher) {
        this.cypher = cypher;
    }

    /**
     * Replaces {@code source}'s rows of {@code environment}'s {@code day} with
     * {@code costs} by reason.
     */
    void replace(TransactionContext tx, String environment, LocalDate day, String source, Map<String, Double> costs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean logging = LOGS.equals(source);
        costs.forEach((reason, cost) -> rows
            .add(Map.of("reason", reason, "compute", logging ? 0.0 : cost, "logging", logging ? cost : 0.0)));
        this.cypher.run(tx, REPLACE, Map.of("environment", environment, "day", day, "source", source, "rows", rows));
    }

}
