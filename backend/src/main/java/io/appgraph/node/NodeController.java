package io.appgraph.node;

import java.util.List;

import io.appgraph.catalog.AppQueries;
import io.appgraph.org.OrgQueries;
import io.appgraph.platform.GlobalId;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Refetches any App, Squad, Group or Person by its opaque global id (the Relay node query). */
@Controller
final class NodeController {

    private final AppQueries apps;

    private final OrgQueries org;

    NodeController(AppQueries apps, OrgQueries org) {
        this.apps = apps;
        this.org = org;
    }

    @QueryMapping
    Object node(@Argument String id) {
        return GlobalId.parse(id).map(this::find).orElse(null);
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
