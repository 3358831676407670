package io.appgraph.catalog;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import io.appgraph.catalog.AppInputs.AppFilter;
import io.appgraph.catalog.AppInputs.AppInput;
import io.appgraph.catalog.AppInputs.AppPayload;
import io.appgraph.platform.Batches;
import io.appgraph.platform.planner.PlannedReads;
import io.appgraph.platform.planner.SelectionPlanner;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The app directory: one app, pages of apps, their bookmarks, and upserts. */
@Controller
final class AppController {

    private final AppQueries apps;

    private final AppWriter writer;

    private final AppDirectoryQuery directory;

    private final SelectionPlanner planner;

    private final PlannedReads reads;

    AppController(AppQueries apps, AppWriter writer, AppDirectoryQuery directory, SelectionPlanner planner,
            PlannedReads reads) {
        this.apps = apps;
        this.writer = writer;
        this.directory = directory;
        this.planner = planner;
        this.reads = reads;
    }

    @QueryMapping
    Object app(@Argument String name, DataFetchingEnvironment environment) {
        return this.planner.answer(environment,
                plan -> this.reads.byKey(plan, "App", "App", "name", name,
                        environment.getSelectionSet().getImmediateFields()),
                () -> this.apps.findByName(name).orElse(null));
    }

    @QueryMapping
    Object apps(@Argument Integer first, @Argument String after, @Argument AppFilter filter, @Argument AppOrder orderBy,
            DataFetchingEnvironment environment) {
        AppFilter criteria = (filter != null) ? filter : AppFilter.ANY;
        AppOrder order = (orderBy != null) ? orderBy : AppOrder.BY_NAME;
        return this.planner.answer(environment,
                plan -> this.directory.planned(criteria, order, first, after, environment.getSelectionSet(), plan),
                () -> this.directory.page(criteria, order, first, after));
    }

    @BatchMapping(typeName = "App")
    Map<App, List<Link>> links(List<App> apps) {
        return Batches.lists(apps, App::name, this.apps::links);
    }

    @MutationMapping
    AppPayload upsertApp(@Argument AppInput input) {
        return this.writer.upsert(input);
    }

}
