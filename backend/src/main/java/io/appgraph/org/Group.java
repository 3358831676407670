package io.appgraph.org;

import io.appgraph.platform.GlobalId;
import org.neo4j.driver.Value;

/**
 * A department, tribe or other unit.
 *
 * @param parentName the parent group's name, or null at the root
 */
public record Group(String name, String type, String parentName) {

    static final String PROJECTION = """
            grp { .name, .type, parent: head([(grp)-[:PART_OF]->(p:Group) | p.name]) }""";

    static Group from(Value value) {
        return new Group(value.get("name").asString(), value.get("type").asString(null),
                value.get("parent").asString(null));
    }

    public String id() {
        return GlobalId.of("Group", this.name);
    }
}
