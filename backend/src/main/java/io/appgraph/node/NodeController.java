package io.appgraph.node;

import java.util.List;

import graphql.schema.DataFetchingEnvironment;
import io.appgraph.catalog.AppQueries;
import io.appgraph.org.OrgQueries;
import io.appgraph.platform.GlobalId;
import io.appgraph.platform.planner.PlanContext;
import io.appgraph.platform.planner.PlannedReads;
import io.appgraph.platform.planner.SelectionPlanner;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Refetches any App, Squad, Group or Person by its opaque global id (the Relay node
 * query).
 */
@Controller
final class NodeController {

    private final AppQueries apps;

    private final OrgQueries org;

    private final SelectionPlanner planner;

    private final PlannedReads reads;

    NodeController(AppQueries apps, OrgQueries org, SelectionPlanner planner, PlannedReads reads) {
        this.apps = apps;
        this.org = org;
        this.planner = planner;
        this.reads = reads;
    }

    @QueryMapping
    Object node(@Argument String id, DataFetchingEnvironment environment) {
        return GlobalId.parse(id)
            .map(global -> this.planner.answer(environment, plan -> planned(global, plan, environment),
                    () -> find(global)))
            .orElse(null);
    }

    // The selection holds the fields of every type the client asked about (... on App,
    // ... on
    // Squad); the plan keeps those of the id's type.
    private Object planned(GlobalId id, PlanContext plan, DataFetchingEnvironment environment) {
        String property = switch (id.type()) {
            case "App", "Squad", "Group" -> "name";
            case "Person" -> "handle";
            default -> null;
        };
        return (property != null) ? this.reads.byKey(plan, id.type(), id.type(), property, id.key(),
                environment.getSelectionSet().getImmediateFields()) : null;
    }

    private Object find(GlobalId id) {
        List<String> key = List.of(id.key());
        return switch (id.type()) {
            case "App" -> this.apps.findByName(id.key()).orElse(null);
            case "Squad" -> this.org.squads(key).get(id.key());
            case "Group" -> this.org.groups(key).get(id.key());
            case "Person" -> this.org.people(key).get(id.key());
            default -> null;
        };
    }

}
