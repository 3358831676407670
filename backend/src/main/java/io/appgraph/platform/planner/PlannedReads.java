package io.appgraph.platform.planner;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import graphql.schema.SelectedField;
import io.appgraph.platform.Cypher;
import org.springframework.stereotype.Component;

/** Planned reads that every feature needs alike, such as one object found by its key. */
@Component
public final class PlannedReads {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Cypher cypher;

    PlannedReads(Cypher cypher) {
        this.cypher = cypher;
    }

    /**
     * The node labelled {@code label} whose {@code property} is {@code key}, as an object
     * of {@code type} with the selected fields; null when there is none. Label and
     * property come from feature code, the key is a parameter.
     */
    public PlannedRow byKey(PlanContext plan, String type, String label, String property, Object key,
            List<SelectedField> selected) {
        NodePlan node = plan.node(type, "found", selected);
        Map<String, Object> parameters = plan.parameters();
        parameters.put("key", key);
        String query = "MATCH (found:%s {%s: $key}) RETURN %s AS found".formatted(checked(label), checked(property),
                node.expression());
        return this.cypher.single(query, parameters, r -> node.read(r.get("found"))).orElse(null);
    }

    /**
     * Every node labelled {@code label}, in the order of {@code property}, with the
     * selected fields.
     */
    public List<PlannedRow> all(PlanContext plan, String type, String label, String property,
            List<SelectedField> selected) {
        NodePlan node = plan.node(type, "found", selected);
        String query = "MATCH (found:%1$s) WITH found ORDER BY found.%2$s RETURN %3$s AS found"
            .formatted(checked(label), checked(property), node.expression());
        return this.cypher.list(query, plan.parameters(), r -> node.read(r.get("found")));
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a label or property name: " + name);
        }
        return name;
    }

}
