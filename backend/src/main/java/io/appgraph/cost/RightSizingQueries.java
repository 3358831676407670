package io.appgraph.cost;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.appgraph.cost.RightSizing.CpuRecommendation;
import io.appgraph.cost.RightSizing.MemoryRecommendation;
import io.appgraph.cost.RightSizingCalculator.Confidence;
import io.appgraph.platform.Cypher;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the right-sizing stored after each rollup: containers seen in the last
 * {@value #FRESH_DAYS} days, confident recommendations first, largest saving first. Each
 * carries where its manifest lives (the app's source bookmark) and the change to make, as
 * the {@code resources} block of the container's manifest.
 */
@Component
final class RightSizingQueries {

    static final int FRESH_DAYS = 7;

    private static final String SQUAD = """
            MATCH (squad:Squad {name: $squad})<-[:OWNED_BY]-(app:App)<-[:RIGHT_SIZING_OF]-(r:RightSizing)
            WHERE r.asOf >= $fresh
            RETURN r, app.linkLabels AS labels, app.linkUrls AS urls
            ORDER BY r.confident DESC, r.potentialSaving DESC, r.key
            LIMIT $first
            """;

    private static final String ESTATE = """
            MATCH (r:RightSizing)-[:RIGHT_SIZING_OF]->(app:App)
            WHERE r.asOf >= $fresh
            RETURN r, app.linkLabels AS labels, app.linkUrls AS urls
            ORDER BY r.confident DESC, r.potentialSaving DESC, r.key
            LIMIT $first
            """;

    private final Cypher cypher;

    private final Clock clock;

    RightSizingQueries(Cypher cypher, Clock clock) {
        this.cypher = cypher;
        this.clock = clock;
    }

    List<RightSizing> list(String squad, int first) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("first", first);
        parameters.put("fresh", ClusterUsage.dayOf(this.clock.instant()).minusDays(FRESH_DAYS));
        if (squad == null) {
            return this.cypher.list(ESTATE, parameters, RightSizingQueries::rightSizing);
        }
        parameters.put("squad", squad);
        return this.cypher.list(SQUAD, parameters, RightSizingQueries::rightSizing);
    }

    private static RightSizing rightSizing(Record record) {
        Value r = record.get("r");
        Confidence confidence = Confidence.valueOf(r.get("confidence").asString());
        CpuRecommendation cpu = new CpuRecommendation(r.get("requestedCores").asDouble(),
                r.get("recommendedCores").asDouble(), r.get("lowerBoundCores").asDouble(),
                r.get("upperBoundCores").asDouble());
        MemoryRecommendation memory = new MemoryRecommendation(r.get("requestedBytes").asDouble(),
                r.get("recommendedBytes").asDouble(), r.get("lowerBoundBytes").asDouble(),
                r.get("upperBoundBytes").asDouble());
        String app = r.get("app").asString();
        String container = r.get("container").asString();
        return new RightSizing(app, r.get("environment").asString(), container, r.get("replicas").asDouble(),
                r.get("days").asInt(), cpu, memory, confidence,
                (confidence == Confidence.LOW) ? null : r.get("potentialSaving").asDouble(),
                source(record.get("labels"), record.get("urls")), change(app, container, cpu, memory));
    }

    /**
     * The app's source repository: its bookmark labelled source (or repository, code).
     */
    private static String source(Value labels, Value urls) {
        if (labels.isNull() || urls.isNull()) {
            return null;
        }
        List<String> names = labels.asList(Value::asString);
        List<String> links = urls.asList(Value::asString);
        for (String wanted : List.of("source", "repository", "repo", "code")) {
            for (int i = 0; i < Math.min(names.size(), links.size()); i++) {
                if (names.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return links.get(i);
                }
            }
        }
        return null;
    }

    /**
     * The {@code resources} block to put in the container's manifest, with what it
     * replaces.
     */
    static String change(String app, String container, CpuRecommendation cpu, MemoryRecommendation memory) {
        return """
                # %s: container "%s" (Deployment spec.template.spec.containers[])
                resources:
                  requests:
                    cpu: %s  # was %s
                    memory: %s  # was %s
                """.formatted(app, container, millicores(cpu.recommendedCores()), millicores(cpu.requestedCores()),
                mebibytes(memory.recommendedBytes()), mebibytes(memory.requestedBytes()));
    }

    static String millicores(double cores) {
        return (cores <= 0) ? "unset" : (long) Math.ceil(cores * 1000) + "m";
    }

    static String mebibytes(double bytes) {
        return (bytes <= 0) ? "unset" : (long) Math.ceil(bytes / (1024 * 1024)) + "Mi";
    }

}
