package io.appgraph.catalog;

import io.appgraph.platform.GlobalId;
import io.appgraph.platform.Values;
import org.neo4j.driver.Value;

/**
 * An app as the API reads it, with the keys of its squad and developer owner so those
 * load in batches. Bookmarks load in batches too, only when asked for: lists of thousands
 * of apps (a hub's blast radius) then carry no links they do not show.
 *
 * @param lifecycle where the app is in its life, as Backstage names it (experimental,
 * production, deprecated) or DISCOVERED; null when nobody said
 * @param kind whether it is a component or a resource (such as a database)
 * @param type what kind of component or resource, such as service, website or database
 * @param system name of the system (a group of apps) it belongs to, or null
 * @param squadName the responsible squad's name, or null
 * @param ownerHandle the developer owner's handle, or null
 */
public record App(String name, String description, Tier tier, String runbookUrl, String lifecycle, AppKind kind,
        String type, String system, String squadName, String ownerHandle) {

    /**
     * A Cypher map projection of the app node bound to {@code variable} that
     * {@link #from} reads: one expression, so any query that finds apps can return them
     * whole. The variables it introduces derive from {@code variable}, so they cannot
     * capture one of the host query.
     */
    public static String projection(String variable) {
        return """
                %1$s { .name, .description, .tier, .runbookUrl, .lifecycle, .kind, .type, .system,
                       squad: head(COLLECT { MATCH (%1$s)-[:OWNED_BY]->(%1$s_squad:Squad) RETURN %1$s_squad.name LIMIT 1 }),
                       owner: head(COLLECT { MATCH (%1$s)-[:HAS_OWNER]->(%1$s_owner:Person) RETURN %1$s_owner.handle LIMIT 1 }) }"""
            .formatted(variable);
    }

    public static App from(Value value) {
        return new App(value.get("name").asString(), value.get("description").asString(null),
                Values.enumOrNull(value.get("tier"), Tier.class), value.get("runbookUrl").asString(null),
                value.get("lifecycle").asString(null), AppKind.of(value.get("kind").asString(null)),
                value.get("type").asString(null), value.get("system").asString(null), value.get("squad").asString(null),
                value.get("owner").asString(null));
    }

    public String id() {
        return GlobalId.of("App", this.name);
    }

    // The name is the app's identity. Batch loaders key thousands of apps at once (a
    // hub's blast
    // radius), so equality stays cheap.
    @Override
    public boolean equals(Object other) {
        return other instanceof App app && this.name.equals(app.name);
    }

    @Override
    public int hashCode() {
        return this.name.hashCode();
    }
}
