package io.appgraph.org;

import java.time.OffsetDateTime;

import io.appgraph.platform.GlobalId;
import io.appgraph.platform.Values;
import org.neo4j.driver.Value;

/**
 * Someone who owns apps, sits in squads or is an ops buddy; {@code active} is false once
 * they left.
 */
public record Person(String handle, String name, String email, boolean active, OffsetDateTime leftAt) {

    /**
     * A map projection of the person node bound to {@code variable} that {@link #from}
     * reads.
     */
    public static String projection(String variable) {
        return "%s { .handle, .name, .email, .active, .leftAt }".formatted(variable);
    }

    public static Person from(Value value) {
        return new Person(value.get("handle").asString(), value.get("name").asString(null),
                value.get("email").asString(null), value.get("active").asBoolean(true),
                Values.offsetDateTime(value.get("leftAt")));
    }

    public String id() {
        return GlobalId.of("Person", this.handle);
    }
}
