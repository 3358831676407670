package io.appgraph.catalog;

import java.util.List;
import java.util.Map;

import io.appgraph.catalog.AppInputs.AppFilter;
import io.appgraph.catalog.AppInputs.AppInput;
import io.appgraph.catalog.AppInputs.AppPayload;
import io.appgraph.platform.Batches;
import io.appgraph.platform.Connection;
import io.appgraph.platform.PageRequest;
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

    AppController(AppQueries apps, AppWriter writer) {
        this.apps = apps;
        this.writer = writer;
    }

    @QueryMapping
    App app(@Argument String name) {
        return this.apps.findByName(name).orElse(null);
    }

    @QueryMapping
    Connection<App> apps(@Argument Integer first, @Argument String after, @Argument AppFilter filter) {
        return this.apps.page((filter != null) ? filter : AppFilter.ANY,
                PageRequest.of(first, after, AppQueries.CURSOR_KIND));
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
