package io.appgraph.org;

import io.appgraph.platform.GlobalId;
import io.appgraph.platform.planner.TypeFields;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Squads, groups and people, and an app's squad, for the read planner. */
@Configuration(proxyBeanMethods = false)
class OrgFields {

    @Bean
    TypeFields appSquadField() {
        return TypeFields.of("App").one("squad", "Squad", "(%1$s)-[:OWNED_BY]->(%2$s:Squad)");
    }

    @Bean
    TypeFields squadFields() {
        return TypeFields.of("Squad")
            .source(Squad.projection("%1$s"), Squad::from)
            .expression("id", "%1$s.name", name -> GlobalId.of("Squad", name.asString()))
            .property("name")
            .property("description")
            .property("slackChannel")
            .one("group", "Group", "(%1$s)-[:PART_OF]->(%2$s:Group)")
            .one("buddy", "Person", "(%1$s)-[:HAS_BUDDY]->(%2$s:Person)")
            .many("members", "Person", "(%2$s:Person)-[:MEMBER_OF]->(%1$s)", "%1$s.handle")
            .many("apps", "App", "(%2$s:App)-[:OWNED_BY]->(%1$s)", "%1$s.name");
    }

    @Bean
    TypeFields groupFields() {
        return TypeFields.of("Group")
            .source(Group.projection("%1$s"), Group::from)
            .expression("id", "%1$s.name", name -> GlobalId.of("Group", name.asString()))
            .property("name")
            .property("type")
            .one("parent", "Group", "(%1$s)-[:PART_OF]->(%2$s:Group)")
            .many("children", "Group", "(%2$s:Group)-[:PART_OF]->(%1$s)", "%1$s.name")
            .many("squads", "Squad", "(%2$s:Squad)-[:PART_OF]->(%1$s)", "%1$s.name");
    }

    @Bean
    TypeFields personFields() {
        return TypeFields.of("Person")
            .source(Person.projection("%1$s"), Person::from)
            .expression("id", "%1$s.handle", handle -> GlobalId.of("Person", handle.asString()))
            .property("handle")
            .property("name")
            .property("email")
            .expression("active", "coalesce(%1$s.active, true)")
            .property("leftAt")
            .many("squads", "Squad", "(%1$s)-[:MEMBER_OF]->(%2$s:Squad)", "%1$s.name")
            .many("ownedApps", "App", "(%2$s:App)-[:HAS_OWNER]->(%1$s)", "%1$s.name");
    }

}
