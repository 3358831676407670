package io.appgraph.dependencies;

import graphql.analysis.FieldComplexityEnvironment;
import io.appgraph.platform.FieldCost;
import io.appgraph.platform.GraphCounts;
import io.appgraph.platform.planner.TypeFields;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An app's callers and callees and the dependency graph's nodes and edges, for the read
 * planner; and what traversals and whole-estate reads cost, from the estate's size.
 */
@Configuration(proxyBeanMethods = false)
class DependencyFields {

    @Bean
    TypeFields appDependencyFields() {
        return TypeFields.of("App")
            .many("dependencies", "App", "(%1$s)-[:DEPENDS_ON]->(%2$s:App)", "%1$s.name")
            .many("dependents", "App", "(%1$s)<-[:DEPENDS_ON]-(%2$s:App)", "%1$s.name")
            .many("dependencyEdges", "Dependency", "(%1$s)-[%2$s:DEPENDS_ON]->(:App)", "endNode(%1$s).name")
            .many("dependentEdges", "Dependency", "(%1$s)<-[%2$s:DEPENDS_ON]-(:App)", "startNode(%1$s).name");
    }

    /** A call with where it was learned from, over the DEPENDS_ON relationship. */
    @Bean
    TypeFields dependencyEdgeFields() {
        return TypeFields.of("Dependency")
            .one("from", "App", "(%2$s:App)-[%1$s]->(:App)")
            .one("to", "App", "(:App)-[%1$s]->(%2$s:App)")
            .expression("sources", "coalesce(%1$s.sources, [])")
            .property("firstSeen")
            .property("lastObserved")
            .property("requestRate");
    }

    /** A node of the dependency graph, over the app node. */
    @Bean
    TypeFields graphNodeFields() {
        return TypeFields.of("GraphNode")
            .property("name")
            .expression("squad", "head(COLLECT { MATCH (%1$s)-[:OWNED_BY]->(%2$s:Squad) RETURN %2$s.name LIMIT 1 })")
            .property("tier")
            .expression("dependentCount", "COUNT { (%1$s)<-[:DEPENDS_ON]-(:App) }")
            .expression("alerting", "EXISTS { (%1$s)<-[:ON]-(:Alert {status: 'FIRING'}) }");
    }

    /** An edge of the dependency graph, over the DEPENDS_ON relationship. */
    @Bean
    TypeFields graphEdgeFields() {
        return TypeFields.of("GraphEdge")
            .expression("from", "startNode(%1$s).name")
            .expression("to", "endNode(%1$s).name")
            .expression("sources", "coalesce(%1$s.sources, [])")
            .property("lastObserved")
            .property("requestRate");
    }

    // A traversal may visit every app and dependency, even when it only counts them.
    @Bean
    FieldCost blastRadiusCost(GraphCounts counts) {
        return FieldCost.expensive("Query", "blastRadius",
                field -> counts.nodes("App") + counts.relationships("DEPENDS_ON"));
    }

    @Bean
    FieldCost impactedCost(GraphCounts counts) {
        return FieldCost.list("BlastRadius", "impacted", field -> counts.nodes("App"));
    }

    // Every category of drift looks at every call in scope.
    @Bean
    FieldCost dependencyDriftCost(GraphCounts counts) {
        return FieldCost.expensive("Query", "dependencyDrift", field -> counts.relationships("DEPENDS_ON"));
    }

    @Bean
    FieldCost dependencyGraphCost() {
        return FieldCost.expensive("Query", "dependencyGraph", field -> 0);
    }

    @Bean
    FieldCost graphNodesCost(GraphCounts counts) {
        return FieldCost.list("DependencyGraph", "nodes", field -> scoped(field, counts.nodes("App"), counts));
    }

    @Bean
    FieldCost graphEdgesCost(GraphCounts counts) {
        return FieldCost.list("DependencyGraph", "edges",
                field -> scoped(field, counts.relationships("DEPENDS_ON"), counts));
    }

    // One squad's graph holds its apps and their neighbours: priced as ten squads' worth.
    private static long scoped(FieldComplexityEnvironment field, long estate, GraphCounts counts) {
        boolean oneSquad = field.getParentEnvironment() != null
                && field.getParentEnvironment().getArguments().get("squad") != null;
        return oneSquad ? Math.min(estate, 10 * estate / Math.max(1, counts.nodes("Squad")) + 10) : estate;
    }

}
