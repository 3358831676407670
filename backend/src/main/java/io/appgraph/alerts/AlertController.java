package io.appgraph.alerts;

import graphql.GraphQLContext;
import io.appgraph.platform.security.ActingPerson;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import io.appgraph.alerts.AlertInputs.AcknowledgeAlertInput;
import io.appgraph.alerts.AlertInputs.AcknowledgeAlertPayload;
import io.appgraph.alerts.AlertInputs.SilenceAlertInput;
import io.appgraph.alerts.AlertInputs.SilenceAlertPayload;
import io.appgraph.alerts.TimeToRestoreQuery.TimeToRestoreBucket;
import io.appgraph.catalog.App;
import io.appgraph.catalog.AppQueries;
import io.appgraph.org.OrgQueries;
import io.appgraph.org.Person;
import io.appgraph.platform.Batches;
import io.appgraph.releases.ChangeBefore;
import io.appgraph.releases.ChangesBeforeQuery;
import io.appgraph.releases.Interval;
import io.appgraph.releases.Release;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Alerts through GraphQL: the list, an app's alerts, enrichment, and what people do. */
@Controller
final class AlertController {

    private final AlertQueries queries;

    private final AlertActions actions;

    private final TimeToRestoreQuery restore;

    private final ChangesBeforeQuery changes;

    private final AppQueries apps;

    private final OrgQueries org;

    private final AlertProperties properties;

    private final ActingPerson acting;

    AlertController(AlertQueries queries, AlertActions actions, TimeToRestoreQuery restore, ChangesBeforeQuery changes,
            AppQueries apps, OrgQueries org, AlertProperties properties, ActingPerson acting) {
        this.acting = acting;
        this.queries = queries;
        this.actions = actions;
        this.restore = restore;
        this.changes = changes;
        this.apps = apps;
        this.org = org;
        this.properties = properties;
    }

    @QueryMapping
    List<Alert> alerts(@Argument AlertStatus status, @Argument String app, @Argument String squad,
            @Argument Boolean unmatched, @Argument Integer first) {
        return this.queries.list(status, app, squad, unmatched, first);
    }

    @QueryMapping
    List<TimeToRestoreBucket> timeToRestore(@Argument OffsetDateTime from, @Argument OffsetDateTime to,
            @Argument Interval interval, @Argument String squad, @Argument String app, @Argument String severity) {
        return this.restore.buckets(from, to, interval, squad, app, severity);
    }

    @MutationMapping
    AcknowledgeAlertPayload acknowledgeAlert(@Argument AcknowledgeAlertInput input, GraphQLContext context) {
        return this.actions
            .acknowledge(new AcknowledgeAlertInput(input.fingerprint(), this.acting.handle(context, input.by())));
    }

    @MutationMapping
    SilenceAlertPayload silenceAlert(@Argument SilenceAlertInput input, GraphQLContext context) {
        return this.actions.silence(new SilenceAlertInput(input.fingerprint(), input.minutes(),
                this.acting.handle(context, input.by()), input.comment()));
    }

    @SchemaMapping(typeName = "App", field = "alerts")
    CompletableFuture<List<Alert>> appAlerts(App app, @Argument AlertStatus status, @Argument Integer first,
            DataFetchingEnvironment environment) {
        int limit = AlertQueries.first((first != null) ? first : 50);
        DataLoader<AlertQueries.AppAlertsKey, List<Alert>> loader = environment.getDataLoader(AlertQueries.APP_ALERTS);
        return Objects.requireNonNull(loader).load(new AlertQueries.AppAlertsKey(app.name(), status, limit));
    }

    @SchemaMapping(typeName = "Alert", field = "matched")
    boolean matched(Alert alert) {
        return alert.matched();
    }

    @SchemaMapping(typeName = "Alert", field = "durationMinutes")
    Integer durationMinutes(Alert alert) {
        return alert.durationMinutes();
    }

    @SchemaMapping(typeName = "Alert", field = "runbookUrl")
    String runbookUrl(Alert alert) {
        return alert.runbookUrl();
    }

    @BatchMapping(typeName = "Alert", field = "app")
    Map<Alert, App> app(List<Alert> alerts) {
        return Batches.lookup(alerts, Alert::appName, this.apps::findByNames);
    }

    @BatchMapping(typeName = "Alert", field = "acknowledgedBy")
    Map<Alert, Person> acknowledgedBy(List<Alert> alerts) {
        return Batches.lookup(alerts, Alert::acknowledgedByHandle, this.org::people);
    }

    @BatchMapping(typeName = "Alert", field = "silencedBy")
    Map<Alert, Person> silencedBy(List<Alert> alerts) {
        return Batches.lookup(alerts, Alert::silencedByHandle, this.org::people);
    }

    @BatchMapping(typeName = "Alert", field = "blastRadiusSize")
    Map<Alert, Integer> blastRadiusSize(List<Alert> alerts) {
        Collection<String> names = alerts.stream().map(Alert::appName).filter(Objects::nonNull).distinct().toList();
        Map<String, Integer> sizes = this.queries.blastRadiusSizes(names);
        Map<Alert, Integer> answer = new HashMap<>();
        alerts.forEach(
                alert -> answer.put(alert, (alert.appName() != null) ? sizes.getOrDefault(alert.appName(), 0) : 0));
        return answer;
    }

    // One statement per alert asked for: suspects are read for one alert at a time (its
    // page, its Slack message), not for lists.
    @SchemaMapping(typeName = "Alert", field = "suspects")
    List<ChangeBefore<Release>> suspects(Alert alert, @Argument Integer windowMinutes) {
        if (alert.appName() == null) {
            return List.of();
        }
        int window = (windowMinutes != null) ? windowMinutes : this.properties.suspectWindowMinutes();
        return this.changes.of(alert.appName(), alert.startsAt(), window, 1);
    }

}
