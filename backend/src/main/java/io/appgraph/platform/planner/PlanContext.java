package io.appgraph.platform.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;

/**
 * The planning of one Cypher statement: fresh variable names, the statement's parameters,
 * and nested plans for related objects. Variables are {@code pv1, pv2, ...} and
 * parameters {@code $pp1, $pp2, ...}; the host query must not use names of that form.
 */
public final class PlanContext {

    private final Map<String, TypeFields> types;

    private final Map<String, Object> parameters = new HashMap<>();

    private final Map<SelectedField, List<SelectedField>> mergedWith = new IdentityHashMap<>();

    private final GraphQLContext context;

    private int variables;

    PlanContext(Map<String, TypeFields> types, GraphQLContext context) {
        this.types = types;
        this.context = context;
    }

    /** A variable name no other part of the statement uses. */
    public String variable() {
        return "pv" + (++this.variables);
    }

    /**
     * Adds a parameter and returns its reference, such as {@code $pp3}, for the Cypher
     * text.
     */
    public String parameter(Object value) {
        String name = "pp" + (this.parameters.size() + 1);
        this.parameters.put(name, value);
        return "$" + name;
    }

    /** The statement's parameters; the host query adds its own to them. */
    public Map<String, Object> parameters() {
        return this.parameters;
    }

    /**
     * The fields selected under {@code field}, with those of any field it was merged
     * with.
     */
    public List<SelectedField> children(SelectedField field) {
        List<SelectedField> children = new ArrayList<>();
        for (SelectedField twin : twins(field)) {
            children.addAll(twin.getSelectionSet().getImmediateFields());
        }
        return children;
    }

    /**
     * The fields selected under the fields at {@code path} below {@code field}, such as a
     * connection's {@code edges/node}, with those under any field it was merged with.
     */
    public List<SelectedField> childrenAt(SelectedField field, String path) {
        List<SelectedField> children = new ArrayList<>();
        for (SelectedField twin : twins(field)) {
            children.addAll(childrenAt(twin.getSelectionSet(), path));
        }
        return children;
    }

    /**
     * The fields selected under the fields at {@code path} of a root field's selection.
     */
    public List<SelectedField> childrenAt(DataFetchingFieldSelectionSet selection, String path) {
        List<SelectedField> children = new ArrayList<>();
        for (SelectedField at : selection.getFields(path)) {
            children.addAll(at.getSelectionSet().getImmediateFields());
        }
        return children;
    }

    /**
     * Whether {@code name} is selected directly under {@code field} or a field it was
     * merged with.
     */
    public boolean selects(SelectedField field, String name) {
        return twins(field).stream().anyMatch(twin -> twin.getSelectionSet().contains(name));
    }

    private List<SelectedField> twins(SelectedField field) {
        List<SelectedField> twins = new ArrayList<>();
        twins.add(field);
        twins.addAll(this.mergedWith.getOrDefault(field, List.of()));
        return twins;
    }

    /**
     * Plans an object of {@code type} bound to {@code variable} for the selected fields.
     */
    public NodePlan node(String type, String variable, List<SelectedField> selected) {
        return node(type, variable, selected, Map.of());
    }

    /**
     * Plans an object of {@code type} bound to {@code variable} for the selected fields,
     * plus hidden values the host needs whatever the client selected (a cursor's sort
     * key, say), read back through {@link PlannedRow#hidden}. Hidden keys start with two
     * underscores.
     * @param hidden key to Cypher expression template over {@code %1$s}
     * @throws UnplannableSelectionException when the selection cannot be answered by one
     * map
     */
    public NodePlan node(String type, String variable, List<SelectedField> selected, Map<String, String> hidden) {
        TypeFields declared = this.types.get(type);
        Map<String, NodePlan.Field> fields = new HashMap<>();
        Map<String, NodePlan.Field> byName = new HashMap<>();
        Map<String, Integer> keyUses = new HashMap<>();
        List<String> entries = new ArrayList<>();
        boolean needsSource = false;
        for (Map.Entry<String, SelectedField> entry : byResultKey(type, selected).entrySet()) {
            SelectedField field = entry.getValue();
            FieldProjection projection = (declared != null) ? declared.fields().get(field.getName()) : null;
            if (projection == null) {
                needsSource = true;
                continue;
            }
            int uses = keyUses.merge(field.getName(), 1, Integer::sum);
            String key = (uses == 1) ? field.getName() : field.getName() + "_" + uses;
            PlannedField planned = projection.plan(variable, field, this);
            entries.add(key + ": " + planned.expression());
            NodePlan.Field planField = new NodePlan.Field(key, planned.read());
            fields.put(entry.getKey(), planField);
            byName.put(field.getName(), planField);
        }
        hidden.forEach((key, template) -> entries.add(key + ": " + template.formatted(variable)));
        if (needsSource) {
            if (declared == null || declared.source() == null) {
                throw new UnplannableSelectionException(type + " declares no source record for its unplanned fields");
            }
            entries.add(NodePlan.SOURCE_KEY + ": " + declared.source().projection().formatted(variable));
        }
        keyUses.forEach((name, uses) -> {
            if (uses > 1) {
                byName.remove(name);
            }
        });
        if (needsSource || byName.size() < fields.size()) {
            PlannedFieldResolution.resolveByResultKey(this.context);
        }
        return new NodePlan(type, "{" + String.join(", ", entries) + "}", fields, byName,
                (declared != null && declared.source() != null) ? declared.source().mapper() : null);
    }

    // Fields of this type by result key. The same key twice comes from parents merged by
    // the host
    // (two aliases of a connection's nodes): they merge when they are the same field with
    // the
    // same arguments, and cannot be planned as one map otherwise.
    private Map<String, SelectedField> byResultKey(String type, List<SelectedField> selected) {
        Map<String, SelectedField> byKey = new LinkedHashMap<>();
        for (SelectedField field : selected) {
            if (field.getName().startsWith("__") || !field.getObjectTypeNames().contains(type)) {
                continue;
            }
            SelectedField first = byKey.putIfAbsent(field.getResultKey(), field);
            if (first != null && first != field) {
                if (!first.getName().equals(field.getName())
                        || !Objects.equals(first.getArguments(), field.getArguments())) {
                    throw new UnplannableSelectionException("'" + field.getResultKey() + "' names different fields");
                }
                this.mergedWith.computeIfAbsent(first, f -> new ArrayList<>()).add(field);
            }
        }
        return byKey;
    }

}
