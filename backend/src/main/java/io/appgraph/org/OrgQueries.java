package io.appgraph.org;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.appgraph.catalog.App;
import io.appgraph.platform.Cypher;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/** Reads squads, groups and people, singly or in batches keyed by name or handle. */
@Component
public final class OrgQueries {

    private static final String SQUADS = """
            UNWIND $names AS name
            MATCH (squad:Squad {name: name})
            RETURN %s AS row
            """.formatted(Squad.projection("squad"));

    private static final String ALL_SQUADS = """
            MATCH (squad:Squad)
            RETURN %s AS row ORDER BY squad.name
            """.formatted(Squad.projection("squad"));

    private static final String GROUPS = """
            UNWIND $names AS name
            MATCH (grp:Group {name: name})
            RETURN %s AS row
            """.formatted(Group.projection("grp"));

    private static final String PEOPLE = """
            UNWIND $handles AS handle
            MATCH (person:Person {handle: handle})
            RETURN %s AS row
            """.formatted(Person.projection("person"));

    private static final String MEMBERS = """
            UNWIND $names AS key
            MATCH (person:Person)-[:MEMBER_OF]->(:Squad {name: key})
            WITH key, person ORDER BY person.handle
            RETURN key, collect(%s) AS rows
            """.formatted(Person.projection("person"));

    private static final String SQUAD_APPS = """
            UNWIND $names AS key
            MATCH (app:App)-[:OWNED_BY]->(:Squad {name: key})
            WITH key, app ORDER BY app.name
            RETURN key, collect(%s) AS rows
            """.formatted(App.projection("app"));

    private static final String CHILD_GROUPS = """
            UNWIND $names AS key
            MATCH (grp:Group)-[:PART_OF]->(:Group {name: key})
            WITH key, grp ORDER BY grp.name
            RETURN key, collect(%s) AS rows
            """.formatted(Group.projection("grp"));

    private static final String GROUP_SQUADS = """
            UNWIND $names AS key
            MATCH (squad:Squad)-[:PART_OF]->(:Group {name: key})
            WITH key, squad ORDER BY squad.name
            RETURN key, collect(%s) AS rows
            """.formatted(Squad.projection("squad"));

    private static final String PERSON_SQUADS = """
            UNWIND $handles AS key
            MATCH (:Person {handle: key})-[:MEMBER_OF]->(squad:Squad)
            WITH key, squad ORDER BY squad.name
            RETURN key, collect(%s) AS rows
            """.formatted(Squad.projection("squad"));

    private static final String OWNED_APPS = """
            UNWIND $handles AS key
            MATCH (app:App)-[:HAS_OWNER]->(:Person {handle: key})
            WITH key, app ORDER BY app.name
            RETURN key, collect(%s) AS rows
            """.formatted(App.projection("app"));

    private final Cypher cypher;

    OrgQueries(Cypher cypher) {
        this.cypher = cypher;
    }

    public Map<String, Squad> squads(Collection<String> names) {
        return byKey(SQUADS, "names", names, Squad::from, Squad::name);
    }

    List<Squad> allSquads() {
        return this.cypher.list(ALL_SQUADS, Map.of(), r -> Squad.from(r.get("row")));
    }

    public Map<String, Group> groups(Collection<String> names) {
        return byKey(GROUPS, "names", names, Group::from, Group::name);
    }

    /** People by handle; unknown handles are absent from the map. */
    public Map<String, Person> people(Collection<String> handles) {
        return byKey(PEOPLE, "handles", handles, Person::from, Person::handle);
    }

    Map<String, List<Person>> members(Collection<String> squadNames) {
        return this.cypher.listsByKey(MEMBERS, "names", squadNames, Person::from);
    }

    Map<String, List<App>> squadApps(Collection<String> squadNames) {
        return this.cypher.listsByKey(SQUAD_APPS, "names", squadNames, App::from);
    }

    Map<String, List<Group>> childGroups(Collection<String> groupNames) {
        return this.cypher.listsByKey(CHILD_GROUPS, "names", groupNames, Group::from);
    }

    Map<String, List<Squad>> groupSquads(Collection<String> groupNames) {
        return this.cypher.listsByKey(GROUP_SQUADS, "names", groupNames, Squad::from);
    }

    Map<String, List<Squad>> personSquads(Collection<String> handles) {
        return this.cypher.listsByKey(PERSON_SQUADS, "handles", handles, Squad::from);
    }

    Map<String, List<App>> ownedApps(Collection<String> handles) {
        return this.cypher.listsByKey(OWNED_APPS, "handles", handles, App::from);
    }

    private <T> Map<String, T> byKey(String query, String parameter, Collection<String> keys, Function<Value, T> mapper,
            Function<T, String> key) {
        Map<String, T> result = new HashMap<>();
        this.cypher.list(query, Map.of(parameter, List.copyOf(keys)), (Record r) -> mapper.apply(r.get("row")))
            .forEach(item -> result.put(key.apply(item), item));
        return result;
    }

}
