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

    static final String PROJECTION = """
            squad { .name, .description, .slackChannel,
                    group: head([(squad)-[:PART_OF]->(g:Group) | g.name]),
                    buddy: head([(squad)-[:HAS_BUDDY]->(b:Person) | b.handle]) }""";

    static Squad from(Value value) {
        return new Squad(value.get("name").asString(), value.get("description").asString(null),
                value.get("slackChannel").asString(null), value.get("group").asString(null),
                value.get("buddy").asString(null));
    }

    public String id() {
        return GlobalId.of("Squad", this.name);
    }
}
