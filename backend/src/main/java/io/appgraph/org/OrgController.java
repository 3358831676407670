package io.appgraph.org;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import io.appgraph.catalog.App;
import io.appgraph.org.OrgInputs.GroupInput;
import io.appgraph.org.OrgInputs.GroupPayload;
import io.appgraph.org.OrgInputs.PersonInput;
import io.appgraph.org.OrgInputs.PersonPayload;
import io.appgraph.org.OrgInputs.SquadInput;
import io.appgraph.org.OrgInputs.SquadPayload;
import io.appgraph.platform.Batches;
import io.appgraph.platform.planner.PlanContext;
import io.appgraph.platform.planner.PlannedReads;
import io.appgraph.platform.planner.SelectionPlanner;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Squads, groups and people, and the fields that link them; nested fields load in
 * batches.
 */
@Controller
final class OrgController {

    private final OrgQueries org;

    private final OrgWriter writer;

    private final SelectionPlanner planner;

    private final PlannedReads reads;

    OrgController(OrgQueries org, OrgWriter writer, SelectionPlanner planner, PlannedReads reads) {
        this.org = org;
        this.writer = writer;
        this.planner = planner;
        this.reads = reads;
    }

    @QueryMapping
    Object squad(@Argument String name, DataFetchingEnvironment environment) {
        return this.planner.answer(environment, plan -> byKey(plan, "Squad", "name", name, environment),
                () -> this.org.squads(List.of(name)).get(name));
    }

    @QueryMapping
    Object squads(DataFetchingEnvironment environment) {
        return this.planner.answer(environment, plan -> this.reads.all(plan, "Squad", "Squad", "name",
                environment.getSelectionSet().getImmediateFields()), this.org::allSquads);
    }

    @QueryMapping
    Object group(@Argument String name, DataFetchingEnvironment environment) {
        return this.planner.answer(environment, plan -> byKey(plan, "Group", "name", name, environment),
                () -> this.org.groups(List.of(name)).get(name));
    }

    @QueryMapping
    Object person(@Argument String handle, DataFetchingEnvironment environment) {
        return this.planner.answer(environment, plan -> byKey(plan, "Person", "handle", handle, environment),
                () -> this.org.people(List.of(handle)).get(handle));
    }

    private Object byKey(PlanContext plan, String type, String property, String key,
            DataFetchingEnvironment environment) {
        return this.reads.byKey(plan, type, type, property, key, environment.getSelectionSet().getImmediateFields());
    }

    @MutationMapping
    GroupPayload upsertGroup(@Argument GroupInput input) {
        return this.writer.upsertGroup(input);
    }

    @MutationMapping
    SquadPayload upsertSquad(@Argument SquadInput input) {
        return this.writer.upsertSquad(input);
    }

    @MutationMapping
    PersonPayload upsertPerson(@Argument PersonInput input) {
        return this.writer.upsertPerson(input);
    }

    @BatchMapping(typeName = "App")
    Map<App, Squad> squad(List<App> apps) {
        return Batches.lookup(apps, App::squadName, this.org::squads);
    }

    @BatchMapping(typeName = "Squad")
    Map<Squad, Group> group(List<Squad> squads) {
        return Batches.lookup(squads, Squad::groupName, this.org::groups);
    }

    @BatchMapping(typeName = "Squad")
    Map<Squad, Person> buddy(List<Squad> squads) {
        return Batches.lookup(squads, Squad::buddyHandle, this.org::people);
    }

    @BatchMapping(typeName = "Squad")
    Map<Squad, List<Person>> members(List<Squad> squads) {
        return Batches.lists(squads, Squad::name, this.org::members);
    }

    @BatchMapping(typeName = "Squad")
    Map<Squad, List<App>> apps(List<Squad> squads) {
        return Batches.lists(squads, Squad::name, this.org::squadApps);
    }

    @BatchMapping(typeName = "Group")
    Map<Group, Group> parent(List<Group> groups) {
        return Batches.lookup(groups, Group::parentName, this.org::groups);
    }

    @BatchMapping(typeName = "Group")
    Map<Group, List<Group>> children(List<Group> groups) {
        return Batches.lists(groups, Group::name, this.org::childGroups);
    }

    @BatchMapping(typeName = "Group", field = "squads")
    Map<Group, List<Squad>> groupSquads(List<Group> groups) {
        return Batches.lists(groups, Group::name, this.org::groupSquads);
    }

    @BatchMapping(typeName = "Person", field = "squads")
    Map<Person, List<Squad>> personSquads(List<Person> people) {
        return Batches.lists(people, Person::handle, this.org::personSquads);
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<App>> ownedApps(List<Person> people) {
        return Batches.lists(people, Person::handle, this.org::ownedApps);
    }

}
