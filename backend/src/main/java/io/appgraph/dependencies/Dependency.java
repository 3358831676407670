package io.appgraph.dependencies;

import java.time.OffsetDateTime;
import java.util.List;

import io.appgraph.platform.Values;
import org.neo4j.driver.Value;

/**
 * A call from one app to another, by name, with where it was learned from; the apps
 * themselves load in batches.
 */
record Dependency(String fromName, String toName, List<DependencySource> sources, OffsetDateTime firstSeen,
        OffsetDateTime lastObserved, Double requestRate) {

    /**
     * The Cypher map {@link #from(Value)} reads, over caller, relationship and callee.
     */
    static final String PROJECTION = """
            {fromName: %1$s.name, toName: %3$s.name, sources: coalesce(%2$s.sources, []), firstSeen: %2$s.firstSeen,
             lastObserved: %2$s.lastObserved, requestRate: %2$s.requestRate}""";

    Dependency(String fromName, String toName, List<DependencySource> sources) {
        this(fromName, toName, sources, null, null, null);
    }

    static String projection(String caller, String relationship, String callee) {
        return PROJECTION.formatted(caller, relationship, callee);
    }

    static Dependency from(Value row) {
        Value rate = row.get("requestRate");
        return new Dependency(row.get("fromName").asString(), row.get("toName").asString(),
                Values.enumList(row.get("sources"), DependencySource.class),
                Values.offsetDateTime(row.get("firstSeen")), Values.offsetDateTime(row.get("lastObserved")),
                rate.isNull() ? null : rate.asDouble());
    }

}
