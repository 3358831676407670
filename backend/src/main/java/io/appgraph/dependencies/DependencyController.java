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

    private static final String CALLS_MADE = """
            UNWIND $names AS key
            MATCH (caller:App {name: key})-[d:DEPENDS_ON]->(callee:App)
            WITH key, caller, d, callee ORDER BY callee.name
            RETURN key, collect(%s) AS rows
            """.formatted(Dependency.projection("caller", "d", "callee"));

    private static final String CALLS_RECEIVED = """
            UNWIND $names AS key
            MATCH (caller:App)-[d:DEPENDS_ON]->(callee:App {name: key})
            WITH key, caller, d, callee ORDER BY caller.name
            RETURN key, collect(%s) AS rows
            """.formatted(Dependency.projection("caller", "d", "callee"));

    private final BlastRadiusQuery blastRadius;

    private final DependencyGraphQuery graph;

    private final DependencyWriter writer;

    private final DependencyDriftQuery drift;

    private final AppQueries apps;

    private final Cypher cypher;

    private final SelectionPlanner planner;

    private final ExpensiveReads expensiveReads;

    DependencyController(BlastRadiusQuery blastRadius, DependencyGraphQuery graph, DependencyWriter writer,
            DependencyDriftQuery drift, AppQueries apps, Cypher cypher, SelectionPlanner planner,
            ExpensiveReads expensiveReads) {
        this.drift = drift;
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

    @QueryMapping
    DependencyDrift dependencyDrift(@Argument String squad, @Argument int staleDays, @Argument int first) {
        return this.expensiveReads.run(() -> this.drift.of(squad, staleDays, first));
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

    @BatchMapping(typeName = "App")
    Map<App, List<Dependency>> dependencyEdges(List<App> apps) {
        return Batches.lists(apps, App::name,
                names -> this.cypher.listsByKey(CALLS_MADE, "names", names, Dependency::from));
    }

    @BatchMapping(typeName = "App")
    Map<App, List<Dependency>> dependentEdges(List<App> apps) {
        return Batches.lists(apps, App::name,
                names -> this.cypher.listsByKey(CALLS_RECEIVED, "names", names, Dependency::from));
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
