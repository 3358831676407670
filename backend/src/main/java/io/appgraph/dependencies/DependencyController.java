package io.appgraph.dependencies;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import io.appgraph.catalog.App;
import io.appgraph.catalog.AppQueries;
import io.appgraph.dependencies.DependencyInputs.DependencyInput;
import io.appgraph.dependencies.DependencyInputs.DependencyPayload;
import io.appgraph.platform.Batches;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.ExpensiveReads;
import io.appgraph.platform.planner.SelectionPlanner;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Blast radius, the dependency graph, declared dependencies and an app's callers and
 * callees.
 */
@Controller
final class DependencyController {

    private static final String NEIGHBOURS = """
            UNWIND $names AS key
            MATCH (:App {name: key})%s(app:App)
            WITH key, app ORDER BY app.name
            RETURN key, collect(%s) AS rows
            """;

    private static final String CALLEES = NEIGHBOURS.formatted("-[:DEPENDS_ON]->", App.projection("app"));

    private static final String CALLERS = NEIGHBOURS.formatted("<-[:DEPENDS_ON]-", App.projection("app"));

    private final BlastRadiusQuery blastRadius;

    private final DependencyGraphQuery graph;

    private final DependencyWriter writer;

    private final AppQueries apps;

    private final Cypher cypher;

    private final SelectionPlanner planner;

    private final ExpensiveReads expensiveReads;

    DependencyController(BlastRadiusQuery blastRadius, DependencyGraphQuery graph, DependencyWriter writer,
            AppQueries apps, Cypher cypher, SelectionPlanner planner, ExpensiveReads expensiveReads) {
        this.planner = planner;
        this.expensiveReads = expensiveReads;
        this.blastRadius = blastRadius;
        this.graph = graph;
        this.writer = writer;
        this.apps = apps;
        this.cypher = cypher;
    }

    @QueryMapping
    Object blastRadius(@Argument String app, @Argument Integer maxDepth, DataFetchingEnvironment environment) {
        return this.expensiveReads.run(() -> this.planner.answer(environment,
                plan -> this.blastRadius.planned(app, maxDepth, environment.getSelectionSet(), plan),
                () -> this.blastRadius.of(app, maxDepth)));
    }

    @QueryMapping
    Object dependencyGraph(@Argument String squad, DataFetchingEnvironment environment) {
        return this.expensiveReads.run(() -> this.planner.answer(environment,
                plan -> this.graph.planned(squad, environment.getSelectionSet(), plan), () -> this.graph.of(squad)));
    }

    @MutationMapping
    DependencyPayload addDependency(@Argument DependencyInput input) {
        return this.writer.add(input.from(), input.to());
    }

    @MutationMapping
    DependencyPayload removeDependency(@Argument DependencyInput input) {
        return this.writer.remove(input.from(), input.to());
    }

    @BatchMapping(typeName = "App")
    Map<App, List<App>> dependencies(List<App> apps) {
        return Batches.lists(apps, App::name, names -> this.cypher.listsByKey(CALLEES, "names", names, App::from));
    }

    @BatchMapping(typeName = "App")
    Map<App, List<App>> dependents(List<App> apps) {
        return Batches.lists(apps, App::name, names -> this.cypher.listsByKey(CALLERS, "names", names, App::from));
    }

    @BatchMapping(typeName = "Dependency", field = "from")
    Map<Dependency, App> from(List<Dependency> dependencies) {
        return Batches.lookup(dependencies, Dependency::fromName, this.apps::findByNames);
    }

    @BatchMapping(typeName = "Dependency", field = "to")
    Map<Dependency, App> to(List<Dependency> dependencies) {
        return Batches.lookup(dependencies, Dependency::toName, this.apps::findByNames);
    }

}
