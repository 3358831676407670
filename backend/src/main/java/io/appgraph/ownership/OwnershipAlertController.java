package io.appgraph.ownership;

import graphql.GraphQLContext;
import io.appgraph.platform.security.ActingPerson;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.appgraph.catalog.App;
import io.appgraph.catalog.AppQueries;
import io.appgraph.org.OrgQueries;
import io.appgraph.org.Person;
import io.appgraph.ownership.OwnershipHealthQuery.OwnerLoad;
import io.appgraph.ownership.OwnershipHealthQuery.OwnershipHealth;
import io.appgraph.ownership.OwnershipInputs.LeaverInput;
import io.appgraph.ownership.OwnershipInputs.ReassignOwnerInput;
import io.appgraph.ownership.OwnershipInputs.ReassignOwnerPayload;
import io.appgraph.ownership.OwnershipInputs.RecordLeaverPayload;
import io.appgraph.platform.Batches;
import io.appgraph.platform.InvalidArgumentException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Ownership alerts, suggestions and health; the apps and people they name load in
 * batches.
 */
@Controller
final class OwnershipAlertController {

    private final OwnershipAlertQueries alerts;

    private final OwnershipAlertWriter writer;

    private final OwnerSuggestions suggestions;

    private final OwnershipHealthQuery health;

    private final AppQueries apps;

    private final OrgQueries org;

    private final ActingPerson acting;

    OwnershipAlertController(OwnershipAlertQueries alerts, OwnershipAlertWriter writer, OwnerSuggestions suggestions,
            OwnershipHealthQuery health, AppQueries apps, OrgQueries org, ActingPerson acting) {
        this.acting = acting;
        this.alerts = alerts;
        this.writer = writer;
        this.suggestions = suggestions;
        this.health = health;
        this.apps = apps;
        this.org = org;
    }

    @QueryMapping
    List<OwnershipAlert> ownershipAlerts(@Argument OwnershipAlert.Status status, @Argument String squad,
            @Argument Integer first) {
        int size = (first != null) ? first : 100;
        if (size < 1 || size > 500) {
            throw new InvalidArgumentException("first must be 1 to 500, was " + size);
        }
        return this.alerts.list(status, squad, size);
    }

    @QueryMapping
    OwnershipHealth ownershipHealth(@Argument String squad, @Argument Integer maxAppsPerOwner,
            @Argument Integer sample) {
        return this.health.health(squad, (maxAppsPerOwner != null) ? maxAppsPerOwner : 5,
                (sample != null) ? sample : 20);
    }

    @MutationMapping
    RecordLeaverPayload recordLeaver(@Argument LeaverInput input) {
        return this.writer.recordLeaver(input);
    }

    @MutationMapping
    ReassignOwnerPayload reassignOwner(@Argument ReassignOwnerInput input, GraphQLContext context) {
        return this.writer
            .reassignOwner(new ReassignOwnerInput(input.app(), input.owner(), this.acting.handle(context, input.by())));
    }

    @BatchMapping(typeName = "OwnershipAlert")
    Map<OwnershipAlert, App> app(List<OwnershipAlert> alerts) {
        return Batches.lookup(alerts, OwnershipAlert::appName, this.apps::findByNames);
    }

    @BatchMapping(typeName = "OwnershipAlert")
    Map<OwnershipAlert, Person> formerOwner(List<OwnershipAlert> alerts) {
        return Batches.lookup(alerts, OwnershipAlert::formerOwnerHandle, this.org::people);
    }

    @BatchMapping(typeName = "OwnershipAlert")
    Map<OwnershipAlert, Person> resolvedBy(List<OwnershipAlert> alerts) {
        return Batches.lookup(alerts, OwnershipAlert::resolvedByHandle, this.org::people);
    }

    @BatchMapping(typeName = "OwnershipAlert")
    Map<OwnershipAlert, List<OwnerSuggestion>> suggestions(List<OwnershipAlert> alerts) {
        return alertSuggestions(alerts);
    }

    @BatchMapping(typeName = "OwnershipAlert")
    Map<OwnershipAlert, List<Person>> suggestedOwners(List<OwnershipAlert> alerts) {
        Map<OwnershipAlert, List<OwnerSuggestion>> suggested = alertSuggestions(alerts);
        Map<String, Person> people = people(suggested.values());
        Map<OwnershipAlert, List<Person>> result = new LinkedHashMap<>();
        suggested.forEach((alert, list) -> result.put(alert,
                list.stream().map(s -> people.get(s.handle())).filter(p -> p != null).toList()));
        return result;
    }

    @BatchMapping(typeName = "App")
    Map<App, List<OwnershipAlert>> ownershipAlerts(List<App> apps) {
        return Batches.lists(apps, App::name, this.alerts::openByApp);
    }

    @BatchMapping(typeName = "App")
    Map<App, List<OwnerSuggestion>> ownerSuggestions(List<App> apps) {
        Map<String, List<OwnerSuggestion>> candidates = this.suggestions
            .forApps(apps.stream().map(App::name).distinct().toList());
        Map<App, List<OwnerSuggestion>> result = new LinkedHashMap<>();
        apps.forEach(
                app -> result.put(app, OwnerSuggestions.top(candidates.getOrDefault(app.name(), List.of()), null)));
        return result;
    }

    @BatchMapping(typeName = "OwnerSuggestion")
    Map<OwnerSuggestion, Person> person(List<OwnerSuggestion> suggestions) {
        return Batches.lookup(suggestions, OwnerSuggestion::handle, this.org::people);
    }

    @BatchMapping(typeName = "OwnerLoad", field = "person")
    Map<OwnerLoad, Person> loadedPerson(List<OwnerLoad> loads) {
        return Batches.lookup(loads, OwnerLoad::handle, this.org::people);
    }

    private Map<OwnershipAlert, List<OwnerSuggestion>> alertSuggestions(List<OwnershipAlert> alerts) {
        Map<String, List<OwnerSuggestion>> candidates = this.suggestions
            .forApps(alerts.stream().map(OwnershipAlert::appName).distinct().toList());
        Map<OwnershipAlert, List<OwnerSuggestion>> result = new LinkedHashMap<>();
        alerts.forEach(alert -> result.put(alert,
                OwnerSuggestions.top(candidates.getOrDefault(alert.appName(), List.of()), alert.formerOwnerHandle())));
        return result;
    }

    private Map<String, Person> people(Collection<List<OwnerSuggestion>> suggestions) {
        Set<String> handles = new LinkedHashSet<>();
        suggestions.forEach(list -> list.forEach(s -> handles.add(s.handle())));
        return handles.isEmpty() ? Map.of() : this.org.people(handles);
    }

}
