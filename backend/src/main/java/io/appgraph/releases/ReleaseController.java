package io.appgraph.releases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import io.appgraph.catalog.App;
import io.appgraph.catalog.AppQueries;
import io.appgraph.org.OrgQueries;
import io.appgraph.org.Person;
import io.appgraph.platform.Batches;
import io.appgraph.platform.Connection;
import io.appgraph.platform.planner.SelectionPlanner;
import io.appgraph.releases.ReleaseInputs.FinishReleaseInput;
import io.appgraph.releases.ReleaseInputs.FinishReleasePayload;
import io.appgraph.releases.ReleaseInputs.ReleaseFilter;
import io.appgraph.releases.ReleaseInputs.StartReleaseInput;
import io.appgraph.releases.ReleaseInputs.StartReleasePayload;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Pipeline events through GraphQL, the release history, its statistics, the changes
 * before an incident, and each release's app and trigger.
 */
@Controller
final class ReleaseController {

    private final AppQueries apps;

    private final OrgQueries org;

    private final ReleaseWriter writer;

    private final ReleasePageQuery history;

    private final ReleaseStatsQuery stats;

    private final ChangesBeforeQuery changes;

    private final SelectionPlanner planner;

    ReleaseController(AppQueries apps, OrgQueries org, ReleaseWriter writer, ReleasePageQuery history,
            ReleaseStatsQuery stats, ChangesBeforeQuery changes, SelectionPlanner planner) {
        this.apps = apps;
        this.org = org;
        this.writer = writer;
        this.history = history;
        this.stats = stats;
        this.changes = changes;
        this.planner = planner;
    }

    @MutationMapping
    StartReleasePayload startRelease(@Argument StartReleaseInput input) {
        return this.writer.start(input);
    }

    @MutationMapping
    FinishReleasePayload finishRelease(@Argument FinishReleaseInput input) {
        return this.writer.finish(input);
    }

    @QueryMapping
    Object releases(@Argument ReleaseFilter filter, @Argument Integer first, @Argument String after,
            DataFetchingEnvironment environment) {
        ReleaseFilter criteria = (filter != null) ? filter : ReleaseFilter.ANY;
        return this.planner.answer(environment,
                plan -> this.history.planned(criteria, first, after, environment.getSelectionSet(), plan),
                () -> this.history.page(criteria, first, after));
    }

    @QueryMapping
    List<ReleaseStatsBucket> releaseStats(@Argument OffsetDateTime from, @Argument OffsetDateTime to,
            @Argument Interval interval, @Argument String squad, @Argument String app) {
        return this.stats.stats(from, to, interval, squad, app);
    }

    @QueryMapping
    Object changesBefore(@Argument String app, @Argument OffsetDateTime at, @Argument Integer windowMinutes,
            @Argument Integer depth, DataFetchingEnvironment environment) {
        return this.planner.answer(environment,
                plan -> this.changes.planned(app, at, windowMinutes, depth, environment.getSelectionSet(), plan),
                () -> this.changes.of(app, at, windowMinutes, depth));
    }

    @SchemaMapping(typeName = "App", field = "releases")
    CompletableFuture<Connection<Release>> appReleases(App app, @Argument Integer first, @Argument String after,
            DataFetchingEnvironment environment) {
        DataLoader<ReleaseQueries.PageKey, Connection<Release>> loader = environment.getDataLoader(ReleaseQueries.NAME);
        return loader.load(ReleaseQueries.key(app.name(), first, after));
    }

    @BatchMapping(typeName = "Release", field = "app")
    Map<Release, App> app(List<Release> releases) {
        return Batches.lookup(releases, Release::appName, this.apps::findByNames);
    }

    @BatchMapping(typeName = "Release", field = "triggeredBy")
    Map<Release, Person> triggeredBy(List<Release> releases) {
        return Batches.lookup(releases, Release::triggeredByHandle, this.org::people);
    }

}
