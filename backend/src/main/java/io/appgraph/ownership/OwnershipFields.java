package io.appgraph.ownership;

import io.appgraph.platform.planner.TypeFields;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An app's developer owner, ownership chain and history, for the read planner. */
@Configuration(proxyBeanMethods = false)
class OwnershipFields {

    // Owner, squad, buddy, then the groups from the squad's up to the root: the longest
    // path
    // upwards, bounded like every traversal (upsertGroup refuses cycles).
    private static final String CHAIN = """
            COLLECT { MATCH (%1$s)-[:HAS_OWNER]->(%2$s:Person)
              RETURN {role: 'OWNER', name: %2$s.handle, title: %2$s.name, contact: %2$s.email, active: coalesce(%2$s.active, true)} }
            + COLLECT { MATCH (%1$s)-[:OWNED_BY]->(%3$s:Squad)
              RETURN {role: 'SQUAD', name: %3$s.name, title: null, contact: %3$s.slackChannel, active: null} }
            + COLLECT { MATCH (%1$s)-[:OWNED_BY]->(:Squad)-[:HAS_BUDDY]->(%4$s:Person)
              RETURN {role: 'BUDDY', name: %4$s.handle, title: %4$s.name, contact: %4$s.email, active: coalesce(%4$s.active, true)} }
            + coalesce(head(COLLECT {
                MATCH %5$s = (%1$s)-[:OWNED_BY]->(:Squad)-[:PART_OF]->(:Group)-[:PART_OF*0..19]->(:Group)
                WITH %5$s ORDER BY length(%5$s) DESC LIMIT 1
                RETURN [%6$s IN nodes(%5$s)[2..] | {role: 'GROUP', name: %6$s.name, title: %6$s.type, contact: null, active: null}]
              }), [])""";

    private static final String HISTORY = """
            COLLECT {
              MATCH (%1$s)-[%2$s:HAS_OWNER|PREVIOUSLY_HAD_OWNER|OWNED_BY|PREVIOUSLY_OWNED_BY]->(%3$s)
              WITH %2$s, %3$s, CASE WHEN type(%2$s) IN ['HAS_OWNER', 'PREVIOUSLY_HAD_OWNER'] THEN 'OWNER' ELSE 'SQUAD' END AS %4$s,
                   coalesce(%3$s.handle, %3$s.name) AS %5$s
              ORDER BY %2$s.until IS NULL DESC, %2$s.until DESC, %2$s.since DESC, %4$s, %5$s LIMIT 100
              RETURN {role: %4$s, name: %5$s, since: %2$s.since, until: %2$s.until}
            }""";

    @Bean
    TypeFields appOwnershipFields() {
        return TypeFields.of("App")
            .one("owner", "Person", "(%1$s)-[:HAS_OWNER]->(%2$s:Person)")
            .expression("ownershipChain", CHAIN)
            .expression("ownershipHistory", HISTORY);
    }

}
