package io.appgraph.backstage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.appgraph.backstage.BackstageCatalog.ApiEntity;
import io.appgraph.backstage.BackstageCatalog.ComponentEntity;
import io.appgraph.backstage.BackstageCatalog.GroupEntity;
import io.appgraph.backstage.BackstageCatalog.GroupingEntity;
import io.appgraph.backstage.BackstageCatalog.UserEntity;
import io.appgraph.catalog.AppKind;
import io.appgraph.catalog.AppOwners;
import io.appgraph.catalog.AppSquads;
import io.appgraph.dependencies.DependencySource;
import io.appgraph.dependencies.DiscoveredEdge;
import io.appgraph.dependencies.DiscoveredEdges;
import io.appgraph.dependencies.ImportRefusedException;
import io.appgraph.dependencies.ImportReport;
import io.appgraph.dependencies.ImportReport.Change;
import io.appgraph.platform.Cypher;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

/**
 * Writes a {@link BackstageCatalog} into the graph inside the import's transaction:
 * domains and systems, groups and squads (teams) with their parents, people and their
 * squads, apps with their squad, developer owner, links and APIs, and the calls the
 * catalog declares (source {@code BACKSTAGE}). References resolve against the batch
 * first, then the graph. A reference to nothing appgraph knows is skipped with a warning,
 * as Backstage itself tolerates dangling references; what would make the graph wrong (an
 * email another person has, a group inside itself, two parents for one group) refuses the
 * whole batch.
 */
@Service
final class BackstageImport {

    private static final int MAX_GROUP_DEPTH = 20;

    private static final String KNOWN = """
            RETURN
              [n IN $groups WHERE EXISTS { (:Squad {name: n}) }] AS squads,
              [n IN $groups WHERE EXISTS { (:Group {name: n}) }] AS groups,
              COLLECT { MATCH (p:Person) WHERE p.handle IN $people RETURN [p.handle, toString(p.active)] } AS people,
              [n IN $apps WHERE EXISTS { (:App {name: n}) }] AS apps,
              [n IN $apis WHERE EXISTS { (:Api {name: n}) }] AS apis,
              COLLECT { MATCH (p:Person) WHERE p.email IN $emails RETURN [p.email, p.handle] } AS emails
            """;

    // Writes the given properties of nodes found or created by name; a null value clears
    // one. Counts, by comparing the properties before and after, what really changed.
    private static final String UPSERT = """
            UNWIND $rows AS row
            OPTIONAL MATCH (old:%1$s {name: row.name})
            WITH row, old IS NULL AS created, properties(old) AS before
            MERGE (n:%1$s {name: row.name})
              ON CREATE SET n.createdAt = datetime()
            SET n += row.set
            WITH n, created, before, properties(n) AS after
            WITH n, created, NOT created AND before <> after AS updated
            FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END | SET n.updatedAt = datetime())
            RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
                   count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
            """;

    private static final String UPSERT_PEOPLE = """
            UNWIND $rows AS row
            OPTIONAL MATCH (old:Person {handle: row.handle})
            WITH row, old IS NULL AS created, properties(old) AS before
            MERGE (p:Person {handle: row.handle})
              ON CREATE SET p.active = true, p.createdAt = datetime()
            SET p.name = coalesce(row.name, p.name), p.email = coalesce(row.email, p.email)
            WITH created, NOT created AND before <> properties(p) AS updated
            RETURN count(CASE WHEN created THEN 1 END) AS created, count(CASE WHEN updated THEN 1 END) AS updated,
                   count(CASE WHEN NOT created AND NOT updated THEN 1 END) AS unchanged
            """;

    private static final String SET_PARENTS = """
            UNWIND $rows AS row
            MATCH (child:%1$s {name: row.child}), (parent:Group {name: row.parent})
            OPTIONAL MATCH (child)-[old:PART_OF]->(previous:Group)
            WITH child, parent, collect(old) AS olds, collect(previous) AS previous
            WHERE NOT (size(previous) = 1 AND previous[0] = parent)
            FOREACH (old IN olds | DELETE old)
            CREATE (child)-[:PART_OF]->(parent)
            RETURN count(*) AS moved
            """;

    private static final String CYCLES = """
            MATCH (g:Group) WHERE g.name IN $names AND EXISTS { (g)-[:PART_OF*1..%d]->(g) }
            RETURN g.name AS name ORDER BY name
            """.formatted(MAX_GROUP_DEPTH);

    private static final String REPLACE_MEMBERSHIPS = """
            UNWIND $rows AS row
            MATCH (p:Person {handle: row.handle})
            CALL (p, row) {
              MATCH (p)-[m:MEMBER_OF]->(s:Squad) WHERE NOT s.name IN row.squads
              DELETE m
              RETURN count(*) AS removed
            }
            CALL (p, row) {
              UNWIND row.squads AS name
              MATCH (s:Squad {name: name}) WHERE NOT (p)-[:MEMBER_OF]->(s)
              CREATE (p)-[:MEMBER_OF]->(s)
              RETURN count(*) AS added
            }
            RETURN sum(added) AS added, sum(removed) AS removed
            """;

    private static final String ADD_MEMBERSHIPS = """
            UNWIND $rows AS row
            MATCH (p:Person {handle: row.handle}), (s:Squad {name: row.squad})
            WHERE NOT (p)-[:MEMBER_OF]->(s)
            CREATE (p)-[:MEMBER_OF]->(s)
            RETURN count(*) AS added
            """;

    private static final String SET_BUDDIES = """
            UNWIND $rows AS row
            MATCH (s:Squad {name: row.squad}), (buddy:Person {handle: row.buddy})
            WHERE NOT (s)-[:HAS_BUDDY]->(buddy)
            OPTIONAL MATCH (s)-[old:HAS_BUDDY]->(:Person)
            DELETE old
            CREATE (s)-[:HAS_BUDDY]->(buddy)
            """;

    private static final String APP_OWNERSHIP = """
            UNWIND $names AS name
            MATCH (a:App {name: name})
            RETURN name,
                   head(COLLECT { MATCH (a)-[:OWNED_BY]->(s:Squad) RETURN s.name LIMIT 1 }) AS squad,
                   head(COLLECT { MATCH (a)-[:HAS_OWNER]->(p:Person) RETURN p.handle LIMIT 1 }) AS owner
            """;

    private static final String SET_APIS = """
            UNWIND $rows AS row
            MATCH (a:App {name: row.app})
            CALL (a, row) {
              MATCH (a)-[r:PROVIDES_API]->(api:Api) WHERE NOT api.name IN row.provides
              DELETE r
            }
            CALL (a, row) {
              MATCH (a)-[r:CONSUMES_API]->(api:Api) WHERE NOT api.name IN row.consumes
              DELETE r
            }
            CALL (a, row) {
              UNWIND row.provides AS name
              MATCH (api:Api {name: name})
              MERGE (a)-[:PROVIDES_API]->(api)
            }
            CALL (a, row) {
              UNWIND row.consumes AS name
              MATCH (api:Api {name: name})
              MERGE (a)-[:CONSUMES_API]->(api)
            }
            """;

    // Consumers of an API depend on its providers.
    private static final String API_CALLS = """
            MATCH (c:App)-[:CONSUMES_API]->(:Api)<-[:PROVIDES_API]-(p:App)
            WHERE c <> p AND (c.name IN $apps OR p.name IN $apps)
            RETURN DISTINCT c.name AS from, p.name AS to
            """;

    private final Cypher cypher;

    private final AppSquads squads;

    private final AppOwners owners;

    private final DiscoveredEdges edges;

    BackstageImport(Cypher cypher, AppSquads squads, AppOwners owners, DiscoveredEdges edges) {
        this.cypher = cypher;
        this.squads = squads;
        this.owners = owners;
        this.edges = edges;
    }

    void write(TransactionContext tx, BackstageCatalog catalog, ImportReport report) {
        Resolver resolve = new Resolver(catalog, known(tx, catalog), report);
        List<String> problems = new ArrayList<>();
        Map<String, String> parents = parents(catalog, resolve, problems);
        checkEmails(catalog, resolve, problems);
        if (!problems.isEmpty()) {
            throw new ImportRefusedException("Invalid Backstage catalog: nothing was imported", problems);
        }
        upsert(tx, "Domain", "domains", catalog.domains.values().stream().map(BackstageImport::grouping).toList(),
                report);
        upsert(tx, "System", "systems", catalog.systems.values().stream().map(BackstageImport::grouping).toList(),
                report);
        writeGroups(tx, catalog, parents, resolve, report);
        writePeople(tx, catalog, resolve, report);
        writeApps(tx, catalog, resolve, report);
        writeApis(tx, catalog, resolve, report);
        writeCalls(tx, catalog, resolve, report);
    }

    private Known known(TransactionContext tx, BackstageCatalog catalog) {
        Set<String> groups = new HashSet<>();
        Set<String> people = new HashSet<>(catalog.users.keySet());
        Set<String> apps = new HashSet<>();
        Set<String> apis = new HashSet<>();
        for (ComponentEntity component : catalog.components.values()) {
            if (component.owner() != null) {
                ("user".equals(component.owner().kind()) ? people : groups).add(component.owner().name());
            }
            if (component.developerOwner() != null) {
                people.add(component.developerOwner());
            }
            component.dependsOn().forEach(ref -> apps.add(ref.name()));
            component.dependencyOf().forEach(ref -> apps.add(ref.name()));
            apis.addAll(component.providesApis());
            apis.addAll(component.consumesApis());
        }
        for (GroupEntity group : catalog.groups.values()) {
            groups.add(group.name());
            if (group.parent() != null) {
                groups.add(group.parent().name());
            }
            group.children().forEach(ref -> groups.add(ref.name()));
            people.addAll(group.members());
            if (group.buddy() != null) {
                people.add(group.buddy());
            }
        }
        catalog.users.values().forEach(user -> user.memberOf().forEach(ref -> groups.add(ref.name())));
        List<String> emails = catalog.users.values().stream().map(UserEntity::email).filter(Objects::nonNull).toList();
        Map<String, Object> parameters = Map.of("groups", List.copyOf(groups), "people", List.copyOf(people), "apps",
                List.copyOf(apps), "apis", List.copyOf(apis), "emails", emails);
        Record found = this.cypher.run(tx, KNOWN, parameters).get(0);
        Map<String, Boolean> active = new HashMap<>();
        found.get("people")
            .asList(Value::asList)
            .forEach(p -> active.put((String) p.get(0), !"false".equals(p.get(1))));
        Map<String, String> emailOwners = new HashMap<>();
        found.get("emails").asList(Value::asList).forEach(e -> emailOwners.put((String) e.get(0), (String) e.get(1)));
        return new Known(Set.copyOf(found.get("squads").asList(Value::asString)),
                Set.copyOf(found.get("groups").asList(Value::asString)), active,
                Set.copyOf(found.get("apps").asList(Value::asString)),
                Set.copyOf(found.get("apis").asList(Value::asString)), emailOwners);
    }

    // Each group's parent, from its own spec.parent or from the group whose
    // spec.children lists it: either side may say it; when both do they must agree.
    private static Map<String, String> parents(BackstageCatalog catalog, Resolver resolve, List<String> problems) {
        Map<String, String> parents = new LinkedHashMap<>();
        Map<String, Integer> saidBy = new HashMap<>();
        for (GroupEntity group : catalog.groups.values()) {
            if (group.parent() != null) {
                claimParent(group.name(), group.parent().name(), group.document(), parents, saidBy, catalog, resolve,
                        problems);
            }
        }
        for (GroupEntity group : catalog.groups.values()) {
            for (EntityRef child : group.children()) {
                if (!resolve.group(child.name()) && !resolve.squad(child.name())) {
                    resolve.warn(group.document(), "Group " + group.name(),
                            "child '" + child + "' skipped: no such group or team in the batch or in appgraph");
                    continue;
                }
                claimParent(child.name(), group.name(), group.document(), parents, saidBy, catalog, resolve, problems);
            }
        }
        return parents;
    }

    private static void claimParent(String child, String parent, int document, Map<String, String> parents,
            Map<String, Integer> saidBy, BackstageCatalog catalog, Resolver resolve, List<String> problems) {
        if (child.equals(parent)) {
            problems.add("document " + document + " (Group " + child + "): a group cannot be its own parent");
            return;
        }
        if (resolve.squad(parent)) {
            problems.add("document " + document + " (Group " + child + "): its parent '" + parent
                    + "' is a team, and appgraph's squads hold no groups");
            return;
        }
        if (!resolve.group(parent)) {
            resolve.warn(document, "Group " + child,
                    "parent 'group:" + parent + "' skipped: no such group in the batch or in appgraph");
            return;
        }
        String earlier = parents.putIfAbsent(child, parent);
        if (earlier != null && !earlier.equals(parent)) {
            problems.add("document " + document + " (Group " + child + "): its parent is '" + parent + "' here but '"
                    + earlier + "' in document " + saidBy.get(child));
            return;
        }
        saidBy.putIfAbsent(child, document);
    }

    private static void checkEmails(BackstageCatalog catalog, Resolver resolve, List<String> problems) {
        Map<String, String> seen = new HashMap<>();
        for (UserEntity user : catalog.users.values()) {
            if (user.email() == null) {
                continue;
            }
            String other = seen.putIfAbsent(user.email(), user.handle());
            if (other != null) {
                problems.add("document " + user.document() + " (User " + user.handle() + "): email '" + user.email()
                        + "' is also the email of '" + other + "' in this batch");
                continue;
            }
            String holder = resolve.known.emails().get(user.email());
            if (holder != null && !holder.equals(user.handle())) {
                problems.add("document " + user.document() + " (User " + user.handle() + "): email '" + user.email()
                        + "' is already the email of '" + holder + "' in appgraph");
            }
        }
    }

    private void writeGroups(TransactionContext tx, BackstageCatalog catalog, Map<String, String> parents,
            Resolver resolve, ImportReport report) {
        List<Map<String, Object>> groups = new ArrayList<>();
        List<Map<String, Object>> squads = new ArrayList<>();
        for (GroupEntity group : catalog.groups.values()) {
            Map<String, Object> set = new HashMap<>();
            set.put("description", group.description());
            if (group.team()) {
                if (group.slackChannel() != null) {
                    set.put("slackChannel",
                            group.slackChannel().startsWith("#") ? group.slackChannel() : "#" + group.slackChannel());
                }
                squads.add(Map.of("name", group.name(), "set", set));
            }
            else {
                set.put("type", group.type());
                groups.add(Map.of("name", group.name(), "set", set));
            }
        }
        upsert(tx, "Group", "groups", groups, report);
        upsert(tx, "Squad", "squads", squads, report);
        List<Map<String, Object>> groupParents = new ArrayList<>();
        List<Map<String, Object>> squadParents = new ArrayList<>();
        // Every child resolved as a group or a team when its parent was claimed.
        parents.forEach((child, parent) -> (resolve.group(child) ? groupParents : squadParents)
            .add(Map.of("child", child, "parent", parent)));
        long moved = this.cypher.run(tx, SET_PARENTS.formatted("Group"), Map.of("rows", groupParents))
            .get(0)
            .get("moved")
            .asLong()
                + this.cypher.run(tx, SET_PARENTS.formatted("Squad"), Map.of("rows", squadParents))
                    .get(0)
                    .get("moved")
                    .asLong();
        report.count("parents", Change.UPDATED, moved);
        List<String> cycles = this.cypher.run(tx, CYCLES, Map.of("names", List.copyOf(parents.keySet())))
            .stream()
            .map(r -> r.get("name").asString())
            .toList();
        if (!cycles.isEmpty()) {
            throw new ImportRefusedException("Invalid Backstage catalog: nothing was imported",
                    cycles.stream()
                        .map(name -> "Group " + name + " would be inside itself: its parents lead back to it")
                        .toList());
        }
    }

    private void writePeople(TransactionContext tx, BackstageCatalog catalog, Resolver resolve, ImportReport report) {
        List<Map<String, Object>> people = new ArrayList<>();
        for (UserEntity user : catalog.users.values()) {
            Map<String, Object> row = new HashMap<>();
            row.put("handle", user.handle());
            row.put("name", user.displayName());
            row.put("email", user.email());
            people.add(row);
        }
        count(report, "people", this.cypher.run(tx, UPSERT_PEOPLE, Map.of("rows", people)).get(0));
        // A user's squads are what it says (memberOf) and the teams whose members name
        // it.
        Map<String, Set<String>> squadsOf = new LinkedHashMap<>();
        catalog.users.values().forEach(user -> squadsOf.put(user.handle(), new LinkedHashSet<>()));
        for (UserEntity user : catalog.users.values()) {
            for (EntityRef group : user.memberOf()) {
                if (resolve.squad(group.name())) {
                    squadsOf.get(user.handle()).add(group.name());
                }
                else {
                    resolve.warn(user.document(), "User " + user.handle(),
                            "memberOf '" + group + "' skipped: appgraph keeps people in teams (squads), and this is "
                                    + (resolve.group(group.name()) ? "a group of another type" : "no team it knows"));
                }
            }
        }
        List<Map<String, Object>> added = new ArrayList<>();
        List<Map<String, Object>> buddies = new ArrayList<>();
        for (GroupEntity group : catalog.groups.values()) {
            for (String member : group.members()) {
                if (!group.team()) {
                    resolve.warn(group.document(), "Group " + group.name(),
                            "member '" + member
                                    + "' skipped: appgraph keeps people in teams (squads), and this group is a "
                                    + group.type());
                }
                else if (squadsOf.containsKey(member)) {
                    squadsOf.get(member).add(group.name());
                }
                else if (resolve.person(member) != null) {
                    added.add(Map.of("handle", member, "squad", group.name()));
                }
                else {
                    resolve.warn(group.document(), "Group " + group.name(),
                            "member 'user:" + member + "' skipped: no such user in the batch or in appgraph");
                }
            }
            if (group.buddy() != null) {
                if (!group.team()) {
                    resolve.warn(group.document(), "Group " + group.name(), "ops buddy skipped: only teams have one");
                }
                else if (Boolean.TRUE.equals(resolve.person(group.buddy()))) {
                    buddies.add(Map.of("squad", group.name(), "buddy", group.buddy()));
                }
                else {
                    resolve.warn(group.document(), "Group " + group.name(), "ops buddy '" + group.buddy()
                            + "' skipped: "
                            + (resolve.person(group.buddy()) == null ? "nobody has that handle" : "they have left"));
                }
            }
        }
        List<Map<String, Object>> replaced = new ArrayList<>();
        squadsOf.forEach((handle, squads) -> replaced.add(Map.of("handle", handle, "squads", List.copyOf(squads))));
        Record memberships = this.cypher.run(tx, REPLACE_MEMBERSHIPS, Map.of("rows", replaced)).get(0);
        report.count("memberships", Change.CREATED, memberships.get("added").asLong(0)
                + this.cypher.run(tx, ADD_MEMBERSHIPS, Map.of("rows", added)).get(0).get("added").asLong());
        report.count("memberships", Change.REMOVED, memberships.get("removed").asLong(0));
        this.cypher.run(tx, SET_BUDDIES, Map.of("rows", buddies));
    }

    private void writeApps(TransactionContext tx, BackstageCatalog catalog, Resolver resolve, ImportReport report) {
        List<Map<String, Object>> apps = new ArrayList<>();
        for (ComponentEntity component : catalog.components.values()) {
            Map<String, Object> set = new HashMap<>();
            set.put("description", component.description());
            set.put("lifecycle", component.lifecycle());
            set.put("kind", (component.kind() == AppKind.COMPONENT) ? null : component.kind().name());
            set.put("type", component.type());
            set.put("system", component.system());
            set.put("linkLabels", component.links().stream().map(l -> l.get("label")).toList());
            set.put("linkUrls", component.links().stream().map(l -> l.get("url")).toList());
            if (component.tier() != null) {
                set.put("tier", component.tier());
            }
            if (component.runbookUrl() != null) {
                set.put("runbookUrl", component.runbookUrl());
            }
            apps.add(Map.of("name", component.name(), "set", set));
        }
        upsert(tx, "App", "apps", apps, report);
        Map<String, String[]> current = new HashMap<>();
        this.cypher.run(tx, APP_OWNERSHIP, Map.of("names", List.copyOf(catalog.components.keySet())))
            .forEach(r -> current.put(r.get("name").asString(),
                    new String[] { r.get("squad").asString(null), r.get("owner").asString(null) }));
        for (ComponentEntity component : catalog.components.values()) {
            String what = component.what();
            String squad = null;
            String developer = component.developerOwner();
            EntityRef owner = component.owner();
            if (owner != null && "user".equals(owner.kind())) {
                developer = (developer != null) ? developer : owner.name();
            }
            else if (owner != null && "group".equals(owner.kind()) && resolve.squad(owner.name())) {
                squad = owner.name();
            }
            else if (owner != null) {
                resolve.warn(component.document(), what,
                        "owner '" + owner + "' skipped: "
                                + (resolve.group(owner.name())
                                        ? "it is a group of another type, and squads (teams) own apps"
                                        : "no such team in the batch or in appgraph"));
            }
            String[] now = current.get(component.name());
            if (squad != null && !squad.equals(now[0])) {
                this.squads.setSquad(tx, component.name(), squad);
                report.count("owners", Change.UPDATED);
            }
            if (developer != null) {
                Boolean active = resolve.person(developer);
                if (active == null || !active) {
                    resolve.warn(component.document(), what, "developer owner '" + developer + "' skipped: "
                            + ((active == null) ? "nobody has that handle" : "they have left"));
                }
                else if (!developer.equals(now[1])) {
                    this.owners.setOwner(tx, component.name(), developer);
                    report.count("owners", Change.UPDATED);
                }
            }
        }
    }

    private void writeApis(TransactionContext tx, BackstageCatalog catalog, Resolver resolve, ImportReport report) {
        List<Map<String, Object>> apis = new ArrayList<>();
        for (ApiEntity api : catalog.apis.values()) {
            Map<String, Object> set = new HashMap<>();
            set.put("description", api.description());
            set.put("type", api.type());
            set.put("lifecycle", api.lifecycle());
            set.put("owner", api.owner());
            set.put("system", api.system());
            set.put("definition", api.definition());
            apis.add(Map.of("name", api.name(), "set", set));
        }
        upsert(tx, "Api", "apis", apis, report);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ComponentEntity component : catalog.components.values()) {
            rows.add(Map.of("app", component.name(), "provides", resolve.apis(component, component.providesApis()),
                    "consumes", resolve.apis(component, component.consumesApis())));
        }
        this.cypher.run(tx, SET_APIS, Map.of("rows", rows));
    }

    private void writeCalls(TransactionContext tx, BackstageCatalog catalog, Resolver resolve, ImportReport report) {
        List<DiscoveredEdge> calls = new ArrayList<>();
        for (ComponentEntity component : catalog.components.values()) {
            for (EntityRef callee : component.dependsOn()) {
                if (resolve.app(component, callee, "dependsOn")) {
                    calls.add(DiscoveredEdge.of(component.name(), callee.name()));
                }
            }
            for (EntityRef caller : component.dependencyOf()) {
                if (resolve.app(component, caller, "dependencyOf")) {
                    calls.add(DiscoveredEdge.of(caller.name(), component.name()));
                }
            }
        }
        List<String> batch = List.copyOf(catalog.components.keySet());
        this.cypher.run(tx, API_CALLS, Map.of("apps", batch))
            .forEach(r -> calls.add(DiscoveredEdge.of(r.get("from").asString(), r.get("to").asString())));
        calls.removeIf(call -> call.from().equals(call.to()));
        // The edges' own report: DiscoveredEdges also counts the apps it names, which
        // this
        // import has counted already.
        ImportReport edgeReport = new ImportReport(DependencySource.BACKSTAGE, report.dryRun(), 0);
        this.edges.replaceFrom(tx, DependencySource.BACKSTAGE, batch, calls, edgeReport);
        for (Change change : Change.values()) {
            report.count("edges", change, edgeReport.counted("edges", change));
        }
    }

    private void upsert(TransactionContext tx, String label, String kind, List<Map<String, Object>> rows,
            ImportReport report) {
        count(report, kind, this.cypher.run(tx, UPSERT.formatted(label), Map.of("rows", rows)).get(0));
    }

    private static void count(ImportReport report, String kind, Record counts) {
        report.count(kind, Change.CREATED, counts.get("created").asLong());
        report.count(kind, Change.UPDATED, counts.get("updated").asLong());
        report.count(kind, Change.UNCHANGED, counts.get("unchanged").asLong());
    }

    private static Map<String, Object> grouping(GroupingEntity entity) {
        Map<String, Object> set = new HashMap<>();
        set.put("description", entity.description());
        set.put("owner", entity.owner());
        set.put("domain", entity.domain());
        return Map.of("name", entity.name(), "set", set);
    }

    /** What the graph already held of what the batch names. */
    private record Known(Set<String> squads, Set<String> groups, Map<String, Boolean> people, Set<String> apps,
            Set<String> apis, Map<String, String> emails) {
    }

    /** Resolves references against the batch, then the graph. */
    private static final class Resolver {

        private final BackstageCatalog catalog;

        private final Known known;

        private final ImportReport report;

        Resolver(BackstageCatalog catalog, Known known, ImportReport report) {
            this.catalog = catalog;
            this.known = known;
            this.report = report;
        }

        boolean squad(String name) {
            GroupEntity declared = this.catalog.groups.get(name);
            return (declared != null) ? declared.team() : this.known.squads().contains(name);
        }

        boolean group(String name) {
            GroupEntity declared = this.catalog.groups.get(name);
            return (declared != null) ? !declared.team() : this.known.groups().contains(name);
        }

        /** True for an active person, false for one who has left, null for nobody. */
        Boolean person(String handle) {
            Boolean active = this.known.people().get(handle);
            return (active == null && this.catalog.users.containsKey(handle)) ? Boolean.TRUE : active;
        }

        boolean app(ComponentEntity from, EntityRef ref, String field) {
            String what = from.what();
            if (!"component".equals(ref.kind()) && !"resource".equals(ref.kind())) {
                warn(from.document(), what,
                        field + " '" + ref + "' skipped: appgraph's calls are between components and resources");
                return false;
            }
            if (!this.catalog.components.containsKey(ref.name()) && !this.known.apps().contains(ref.name())) {
                warn(from.document(), what, field + " '" + ref + "' skipped: no such app in the batch or in appgraph");
                return false;
            }
            return true;
        }

        List<String> apis(ComponentEntity from, List<String> names) {
            List<String> known = new ArrayList<>();
            for (String name : names) {
                if (this.catalog.apis.containsKey(name) || this.known.apis().contains(name)) {
                    known.add(name);
                }
                else {
                    warn(from.document(), from.what(),
                            "API '" + name + "' skipped: no such API in the batch or in appgraph");
                }
            }
            return known;
        }

        void warn(int document, String what, String warning) {
            this.report.warn(document, what + ": " + warning);
        }

    }

}
