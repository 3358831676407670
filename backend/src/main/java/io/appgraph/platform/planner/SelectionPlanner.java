package io.appgraph.platform.planner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import graphql.schema.DataFetchingEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

/**
 * Plans a read's root field into one Cypher statement from its GraphQL selection: each
 * selected field becomes an expression inside one nested map per object, from the
 * {@link TypeFields} that features declare. Only names from those declarations reach the
 * Cypher text; every value from the request is a parameter.
 */
@Component
public final class SelectionPlanner {

    /**
     * GraphQL context key: when true, reads go through data fetchers and batch loaders,
     * as for fields no planner covers. Tests use it to compare both paths.
     */
    public static final String DISABLED = SelectionPlanner.class.getName() + ".disabled";

    private static final Log log = LogFactory.getLog(SelectionPlanner.class);

    private final Map<String, TypeFields> types = new HashMap<>();

    private final boolean enabled;

    SelectionPlanner(List<TypeFields> declarations, PlannerProperties properties) {
        for (TypeFields declaration : declarations) {
            this.types.merge(declaration.type(), declaration, SelectionPlanner::merge);
        }
        this.enabled = properties.enabled();
    }

    /**
     * Answers a root field with one planned statement, or through {@code unplanned} when
     * the planner is off or the selection cannot be planned.
     * @param planned plans and runs the statement, given a fresh plan
     * @param unplanned the answer built from records, for data fetchers to complete
     */
    public Object answer(DataFetchingEnvironment environment, Function<PlanContext, Object> planned,
            Supplier<Object> unplanned) {
        if (!this.enabled || Boolean.TRUE.equals(environment.getGraphQlContext().get(DISABLED))) {
            return unplanned.get();
        }
        try {
            return planned.apply(new PlanContext(this.types, environment.getGraphQlContext()));
        }
        catch (UnplannableSelectionException ex) {
            log.debug("Unplanned read of " + environment.getField().getName() + ": " + ex.getMessage());
            return unplanned.get();
        }
    }

    private static TypeFields merge(TypeFields into, TypeFields other) {
        TypeFields merged = TypeFields.of(into.type());
        for (TypeFields part : List.of(into, other)) {
            part.fields().forEach(merged::field);
            if (part.source() != null) {
                if (merged.source() != null) {
                    throw new IllegalStateException(into.type() + " declares its source record twice");
                }
                merged.source(part.source().projection(), part.source().mapper());
            }
        }
        return merged;
    }

}
