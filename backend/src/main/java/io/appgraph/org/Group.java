package io.appgraph.org;

import io.appgraph.platform.GlobalId;
import org.neo4j.driver.Value;

/**
 * A department, tribe or other unit.
 *
 * @param parentName the parent group's name, or null at the root
 */
public record Group(String name, String type, String parentName) {

    /**
     * A map projection of the group node bound to {@code variable} that {@link #from}
     * reads.
     */
    static String projection(String variable) {
        return "%1$s { .name, .type, parent: head(COLLECT { MATCH (%1$s)-[:PART_OF]->(%1$s_parent:Group) RETURN %1$s_parent.name LIMIT 1 }) }"
            .formatted(variable);
    }

    static Group from(Value value) {
        return new Group(value.get("name").asString(), value.get("type").asString(null),
                value.get("parent").asString(null));
    }

    public String id() {
        return GlobalId.of("Group", this.name);
    }
}
