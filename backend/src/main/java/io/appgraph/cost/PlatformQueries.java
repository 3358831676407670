package io.appgraph.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.appgraph.cost.Platform.PlatformCpu;
import io.appgraph.cost.Platform.PlatformMemory;
import io.appgraph.cost.Platform.PlatformSample;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.Values;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the environments' last figures and their samples, as the pulls stored them: a
 * read never asks Prometheus. The environments are those configured and those with stored
 * figures (pushed, or from a Prometheus no longer configured).
 */
@Component
final class PlatformQueries {

    private static final String ENVIRONMENTS = "MATCH (e:PlatformEnvironment) RETURN e ORDER BY e.name";

    private static final String HISTORY = """
            MATCH (s:PlatformSample {environment: $environment}) WHERE s.at >= $since
            RETURN s ORDER BY s.at
            """;

    private final Cypher cypher;

    private final PlatformProperties properties;

    private final Clock clock;

    PlatformQueries(Cypher cypher, PlatformProperties properties, Clock clock) {
        this.cypher = cypher;
        this.properties = properties;
        this.clock = clock;
    }

    List<Platform> all() {
        Map<String, Platform> platforms = new TreeMap<>();
        this.properties.environments().keySet().forEach(name -> platforms.put(name, never(name)));
        this.cypher.list(ENVIRONMENTS, Map.of(), r -> platform(r.get("e")))
            .forEach(platform -> platforms.put(platform.environment(), platform));
        return List.copyOf(platforms.values());
    }

    Platform one(String environment) {
        return all().stream().filter(p -> p.environment().equals(environment)).findFirst().orElse(null);
    }

    List<PlatformSample> history(String environment, int hours) {
        OffsetDateTime since = this.clock.instant().atOffset(ZoneOffset.UTC).minus(Duration.ofHours(hours));
        return this.cypher.list(HISTORY, Map.of("environment", environment, "since", since), r -> {
            Value s = r.get("s");
            return new PlatformSample(Values.offsetDateTime(s.get("at")), s.get("apps").asInt(0),
                    s.get("pods").asInt(0), s.get("containers").asInt(0), s.get("cpuRequestedCores").asDouble(0),
                    s.get("cpuUsedCores").asDouble(0), s.get("memoryRequestedBytes").asDouble(0),
                    s.get("memoryUsedBytes").asDouble(0));
        });
    }

    private static Platform platform(Value e) {
        return new Platform(e.get("name").asString(), e.get("apps").asInt(0), e.get("pods").asInt(0),
                e.get("containers").asInt(0),
                new PlatformCpu(e.get("cpuRequestedCores").asDouble(0), e.get("cpuUsedCores").asDouble(0),
                        e.get("cpuAllocatableCores").asDouble(0)),
                new PlatformMemory(e.get("memoryRequestedBytes").asDouble(0), e.get("memoryUsedBytes").asDouble(0),
                        e.get("memoryAllocatableBytes").asDouble(0)),
                e.get("observedAt").isNull() ? null : Values.offsetDateTime(e.get("observedAt")),
                !e.get("error").isNull(), e.get("error").asString(null), e.get("unattributedPods").asInt(0));
    }

    private static Platform never(String name) {
        return new Platform(name, 0, 0, 0, new PlatformCpu(0, 0, 0), new PlatformMemory(0, 0, 0), null, false, null, 0);
    }

}
