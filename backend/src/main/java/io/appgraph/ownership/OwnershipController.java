package io.appgraph.ownership;

import java.util.List;
import java.util.Map;

import io.appgraph.catalog.App;
import io.appgraph.org.OrgQueries;
import io.appgraph.org.Person;
import io.appgraph.platform.Batches;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** An app's developer owner, ownership chain and ownership history, loaded in batches. */
@Controller
final class OwnershipController {

    private final OwnershipQueries ownership;

    private final OrgQueries org;

    OwnershipController(OwnershipQueries ownership, OrgQueries org) {
        this.ownership = ownership;
        this.org = org;
    }

    @BatchMapping(typeName = "App")
    Map<App, Person> owner(List<App> apps) {
        return Batches.lookup(apps, App::ownerHandle, this.org::people);
    }

    @BatchMapping(typeName = "App")
    Map<App, List<OwnershipLink>> ownershipChain(List<App> apps) {
        return Batches.lists(apps, App::name, this.ownership::chains);
    }

    @BatchMapping(typeName = "App")
    Map<App, List<OwnershipPeriod>> ownershipHistory(List<App> apps) {
        return Batches.lists(apps, App::name, this.ownership::history);
    }

}
