package io.appgraph.cost;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import io.appgraph.catalog.App;
import io.appgraph.catalog.AppQueries;
import io.appgraph.cost.CostBucket.AppCost;
import io.appgraph.cost.LoggingAroundReleases.LoggingAroundRelease;
import io.appgraph.org.OrgQueries;
import io.appgraph.org.Squad;
import io.appgraph.platform.Batches;
import io.appgraph.platform.InvalidArgumentException;
import io.appgraph.platform.NotFoundException;
import io.appgraph.platform.UserError;
import io.appgraph.platform.security.ActingPerson;
import io.appgraph.releases.Interval;
import io.appgraph.releases.Release;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The platform dashboard, cost, right-sizing and cost alerts over GraphQL. */
@Controller
final class CostController {

    private final PlatformQueries platforms;

    private final CostQueries costs;

    private final RightSizingQueries rightSizing;

    private final CostAlertStore alerts;

    private final LoggingAroundReleases logging;

    private final AppQueries apps;

    private final OrgQueries org;

    private final ActingPerson acting;

    CostController(PlatformQueries platforms, CostQueries costs, RightSizingQueries rightSizing, CostAlertStore alerts,
            LoggingAroundReleases logging, AppQueries apps, OrgQueries org, ActingPerson acting) {
        this.platforms = platforms;
        this.costs = costs;
        this.rightSizing = rightSizing;
        this.alerts = alerts;
        this.logging = logging;
        this.apps = apps;
        this.org = org;
        this.acting = acting;
    }

    @QueryMapping
    Platform platform(@Argument String environment) {
        return this.platforms.one(environment);
    }

    @QueryMapping
    List<Platform> platforms() {
        return this.platforms.all();
    }

    @SchemaMapping(typeName = "Platform")
    List<Platform.PlatformSample> history(Platform platform, @Argument Integer hours) {
        int span = (hours != null) ? hours : 24;
        if (span < 1 || span > 168) {
            throw new InvalidArgumentException("hours must be 1 to 168, was " + span);
        }
        return this.platforms.history(platform.environment(), span);
    }

    @QueryMapping
    List<CostBucket> costs(@Argument String squad, @Argument OffsetDateTime from, @Argument OffsetDateTime to,
            @Argument Interval interval) {
        return this.costs.costs(known(squad), from, to, interval);
    }

    @QueryMapping
    CostSummary costSummary(@Argument String squad, @Argument OffsetDateTime from, @Argument OffsetDateTime to) {
        return this.costs.summary(known(squad), from, to);
    }

    @SchemaMapping(typeName = "CostBucket")
    List<AppCost> apps(CostBucket bucket, @Argument Integer first) {
        int size = first(first, 100);
        return bucket.allApps().subList(0, Math.min(size, bucket.allApps().size()));
    }

    @BatchMapping(typeName = "AppCost")
    Map<AppCost, App> app(List<AppCost> costs) {
        return Batches.lookup(costs, AppCost::appName, this.apps::findByNames);
    }

    @QueryMapping
    List<RightSizing> rightSizing(@Argument String squad, @Argument Integer first) {
        return this.rightSizing.list(known(squad), first(first, 100));
    }

    @BatchMapping(typeName = "RightSizing", field = "app")
    Map<RightSizing, App> rightSizedApp(List<RightSizing> containers) {
        return Batches.lookup(containers, RightSizing::appName, this.apps::findByNames);
    }

    @QueryMapping
    List<CostAlert> costAlerts(@Argument String squad, @Argument Boolean all) {
        return this.alerts.list(known(squad), Boolean.TRUE.equals(all));
    }

    @BatchMapping(typeName = "CostAlert", field = "app")
    Map<CostAlert, App> alertApp(List<CostAlert> alerts) {
        return Batches.lookup(alerts, CostAlert::appName, this.apps::findByNames);
    }

    @BatchMapping(typeName = "CostAlert", field = "squad")
    Map<CostAlert, Squad> alertSquad(List<CostAlert> alerts) {
        return Batches.lookup(alerts, CostAlert::squadName, this.org::squads);
    }

    @MutationMapping
    CostAlertPayload snoozeCostAlert(@Argument SnoozeCostAlertInput input, GraphQLContext context) {
        String by = this.acting.handle(context, input.by());
        List<UserError> errors = this.alerts.snooze(input.id(), input.until(), by, input.reason());
        return payload(input.id(), errors);
    }

    @MutationMapping
    CostAlertPayload dismissCostAlert(@Argument DismissCostAlertInput input, GraphQLContext context) {
        String by = this.acting.handle(context, input.by());
        List<UserError> errors = this.alerts.dismiss(input.id(), input.reason(), by);
        return payload(input.id(), errors);
    }

    @BatchMapping(typeName = "Release")
    Map<Release, LoggingAroundRelease> loggingAround(List<Release> releases) {
        return this.logging.around(releases);
    }

    private CostAlertPayload payload(String id, List<UserError> errors) {
        return errors.isEmpty() ? new CostAlertPayload(this.alerts.find(id).orElse(null), List.of())
                : new CostAlertPayload(null, errors);
    }

    /** {@code squad}, or null for the whole estate; a name no squad has is refused. */
    private String known(String squad) {
        if (squad != null && this.org.squads(List.of(squad)).isEmpty()) {
            throw new NotFoundException("No squad is named '" + squad + "'");
        }
        return squad;
    }

    private static int first(Integer first, int fallback) {
        int size = (first != null) ? first : fallback;
        if (size < 1 || size > 500) {
            throw new InvalidArgumentException("first must be 1 to 500, was " + size);
        }
        return size;
    }

    /** Snoozes an alert until a time. */
    record SnoozeCostAlertInput(String id, OffsetDateTime until, String by, String reason) {
    }

    /** Dismisses an alert with a reason. */
    record DismissCostAlertInput(String id, String reason, String by) {
    }

    /** The outcome of snoozing or dismissing an alert. */
    record CostAlertPayload(CostAlert alert, List<UserError> errors) {
    }

}
