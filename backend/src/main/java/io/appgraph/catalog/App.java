package io.appgraph.catalog;

import java.util.ArrayList;
import java.util.List;

import io.appgraph.platform.GlobalId;
import org.neo4j.driver.Value;

/**
 * An app as the API reads it, with the keys of its squad and developer owner so those load in
 * batches.
 *
 * @param squadName the responsible squad's name, or null
 * @param ownerHandle the developer owner's handle, or null
 */
public record App(String name, String description, Tier tier, String runbookUrl, List<Link> links,
        String squadName, String ownerHandle) {

    /**
     * A Cypher map projection of the app node bound to {@code variable} that {@link #from} reads:
     * one expression, so any query that finds apps can return them whole.
     */
    public static String projection(String variable) {
        return """
                %1$s { .name, .description, .tier, .runbookUrl, .linkLabels, .linkUrls,
                       squad: head([(%1$s)-[:OWNED_BY]->(squad:Squad) | squad.name]),
                       owner: head([(%1$s)-[:HAS_OWNER]->(owner:Person) | owner.handle]) }""".formatted(variable);
    }

    public static App from(Value value) {
        List<String> labels = value.get("linkLabels").isNull() ? List.of() : value.get("linkLabels").asList(Value::asString);
        List<String> urls = value.get("linkUrls").isNull() ? List.of() : value.get("linkUrls").asList(Value::asString);
        List<Link> links = new ArrayList<>(labels.size());
        for (int i = 0; i < Math.min(labels.size(), urls.size()); i++) {
            links.add(new Link(labels.get(i), urls.get(i)));
        }
        String tier = value.get("tier").asString(null);
        return new App(value.get("name").asString(), value.get("description").asString(null),
                (tier != null) ? Tier.valueOf(tier) : null, value.get("runbookUrl").asString(null), List.copyOf(links),
                value.get("squad").asString(null), value.get("owner").asString(null));
    }

    public String id() {
        return GlobalId.of("App", this.name);
    }

    // The name is the app's identity. Batch loaders key thousands of apps at once (a hub's blast
    // radius), so equality must not hash every link of every app.
    @Override
    public boolean equals(Object other) {
        return other instanceof App app && this.name.equals(app.name);
    }

    @Override
    public int hashCode() {
        return this.name.hashCode();
    }
}
