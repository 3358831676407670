package io.appgraph.platform.planner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.driver.Value;

/**
 * The fields a feature declares for one GraphQL object type, as Cypher over the variable
 * the object is bound to. Expressions and patterns are templates: {@code %1$s} stands for
 * that variable and, in relationship patterns, {@code %2$s} for the related node. The
 * planner picks both names, so no declaration depends on a variable of the query it ends
 * up in.
 *
 * <p>
 * Several features may declare fields of the same type (catalog declares App's own
 * fields, dependencies its callers and callees); the {@link SelectionPlanner} merges
 * them. Publish each declaration as a bean.
 */
public final class TypeFields {

    private static final Pattern PLACEHOLDER = Pattern.compile("%(\\d+)\\$s");

    private final String type;

    private final Map<String, FieldProjection> fields = new LinkedHashMap<>();

    private Source source;

    private TypeFields(String type) {
        this.type = type;
    }

    /** Fields of the GraphQL object type named {@code type}. */
    public static TypeFields of(String type) {
        return new TypeFields(type);
    }

    /**
     * How to rebuild the record that this type's data fetchers expect, for fields that no
     * declaration plans: they are then resolved by their data fetchers (batch loaders) as
     * before. Declared once, by the feature that owns the type.
     * @param projection Cypher for the record's values over {@code %1$s}
     * @param mapper builds the record from those values
     */
    public TypeFields source(String projection, Function<Value, Object> mapper) {
        this.source = new Source(projection, mapper);
        return this;
    }

    /** A property of the same name. */
    public TypeFields property(String field) {
        return property(field, field);
    }

    /** A property under another name. */
    public TypeFields property(String field, String property) {
        return expression(field, "%1$s." + property);
    }

    /**
     * A scalar (or list or map of scalars) computed by a Cypher expression over
     * {@code %1$s}. Variables the expression introduces are written {@code %2$s},
     * {@code %3$s}, ...: each becomes a fresh name, so none can capture a variable of the
     * host query.
     */
    public TypeFields expression(String field, String template) {
        return expression(field, template, PlannedField::plain);
    }

    /**
     * An expression whose value Java finishes, such as an opaque id built from a name.
     */
    public TypeFields expression(String field, String template, Function<Value, Object> read) {
        int placeholders = placeholders(template);
        return field(field, (variable, selected, context) -> {
            Object[] variables = new Object[Math.max(1, placeholders)];
            variables[0] = variable;
            for (int i = 1; i < variables.length; i++) {
                variables[i] = context.variable();
            }
            return new PlannedField(template.formatted(variables), read);
        });
    }

    /**
     * At most one related object of type {@code type}, found by {@code pattern} from
     * {@code %1$s} to {@code %2$s}, such as {@code (%1$s)-[:OWNED_BY]->(%2$s:Squad)}.
     *
     * <p>
     * A COLLECT subquery rather than a pattern comprehension: Neo4j 5.26 fails to plan a
     * pattern comprehension beside a read in name-index order ("should not appear
     * non-cached"), which every page of the app directory is. Declarations avoid them for
     * the same reason.
     */
    public TypeFields one(String field, String type, String pattern) {
        return field(field, (variable, selected, context) -> {
            String related = context.variable();
            NodePlan plan = context.node(type, related, context.children(selected));
            return new PlannedField("head(COLLECT { MATCH %s RETURN %s LIMIT 1 })"
                .formatted(pattern.formatted(variable, related), plan.expression()), plan::read);
        });
    }

    /**
     * Every related object of type {@code type} found by {@code pattern}, in the order of
     * {@code orderBy} (an expression over {@code %1$s}, the related object).
     */
    public TypeFields many(String field, String type, String pattern, String orderBy) {
        return field(field, (variable, selected, context) -> {
            String related = context.variable();
            NodePlan plan = context.node(type, related, context.children(selected));
            return new PlannedField(
                    "COLLECT { MATCH %s WITH %s ORDER BY %s RETURN %s }".formatted(pattern.formatted(variable, related),
                            related, orderBy.formatted(related), plan.expression()),
                    plan::readList);
        });
    }

    /** A field planned by code of its own, such as a connection with arguments. */
    public TypeFields field(String field, FieldProjection projection) {
        if (this.fields.putIfAbsent(field, projection) != null) {
            throw new IllegalStateException(this.type + "." + field + " is declared twice");
        }
        return this;
    }

    private static int placeholders(String template) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int highest = 0;
        while (placeholder.find()) {
            highest = Math.max(highest, Integer.parseInt(placeholder.group(1)));
        }
        return highest;
    }

    String type() {
        return this.type;
    }

    Map<String, FieldProjection> fields() {
        return Collections.unmodifiableMap(this.fields);
    }

    Source source() {
        return this.source;
    }

    List<String> names() {
        return List.copyOf(this.fields.keySet());
    }

    /** The record a type's unplanned fields read, and how it is projected and built. */
    record Source(String projection, Function<Value, Object> mapper) {
    }

}
