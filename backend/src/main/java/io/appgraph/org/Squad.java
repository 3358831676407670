package io.appgraph.org;

import io.appgraph.platform.GlobalId;
import org.neo4j.driver.Value;

/**
 * A squad as the API reads it.
 *
 * @param groupName the parent group's name, or null
 * @param buddyHandle the ops buddy's handle, or null
 */
public record Squad(String name, String description, String slackChannel, String groupName, String buddyHandle) {

    /**
     * A map projection of the squad node bound to {@code variable} that {@link #from}
     * reads.
     */
    static String projection(String variable) {
        return """
                %1$s { .name, .description, .slackChannel,
                       group: head(COLLECT { MATCH (%1$s)-[:PART_OF]->(%1$s_group:Group) RETURN %1$s_group.name LIMIT 1 }),
                       buddy: head(COLLECT { MATCH (%1$s)-[:HAS_BUDDY]->(%1$s_buddy:Person) RETURN %1$s_buddy.handle LIMIT 1 }) }"""
            .formatted(variable);
    }

    static Squad from(Value value) {
        return new Squad(value.get("name").asString(), value.get("description").asString(null),
                value.get("slackChannel").asString(null), value.get("group").asString(null),
                value.get("buddy").asString(null));
    }

    public String id() {
        return GlobalId.of("Squad", this.name);
    }
}
