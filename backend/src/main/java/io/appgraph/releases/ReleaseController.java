package io.appgraph.releases;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import io.appgraph.catalog.App;
import io.appgraph.catalog.AppQueries;
import io.appgraph.platform.Batches;
import io.appgraph.platform.Connection;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** An app's release history and each release's app. */
@Controller
final class ReleaseController {

    private final AppQueries apps;

    ReleaseController(AppQueries apps) {
        this.apps = apps;
    }

    @SchemaMapping(typeName = "App")
    CompletableFuture<Connection<Release>> releases(App app, @Argument Integer first, @Argument String after,
            DataFetchingEnvironment environment) {
        DataLoader<ReleaseQueries.PageKey, Connection<Release>> loader = environment.getDataLoader(ReleaseQueries.NAME);
        return loader.load(ReleaseQueries.key(app.name(), first, after));
    }

    @BatchMapping(typeName = "Release", field = "app")
    Map<Release, App> app(List<Release> releases) {
        return Batches.lookup(releases, Release::appName, this.apps::findByNames);
    }

}
