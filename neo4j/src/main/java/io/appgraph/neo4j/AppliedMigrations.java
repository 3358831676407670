package io.appgraph.neo4j;

import java.util.List;

/**
 * Marker bean: exists once the schema migrations have run. Beans that touch the graph at
 * start-up depend on it so they never see a database without its constraints.
 *
 * @param appliedNow the versions applied during this start-up
 */
public record AppliedMigrations(List<Integer> appliedNow) {
}
