package io.appgraph.platform.planner;

import java.util.List;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ClassNameTypeResolver;

/**
 * Wires planned rows into graphql-java: field resolution and interface type resolution.
 */
@Configuration(proxyBeanMethods = false)
class PlannerConfiguration {

    // A customizer runs after Boot has added the instrumentation beans, so this one comes
    // last.
    @Bean
    GraphQlSourceBuilderCustomizer plannedRows() {
        return builder -> builder.instrumentation(List.of(new PlannedFieldResolution()))
            .defaultTypeResolver(PlannedFieldResolution.typeResolver(new ClassNameTypeResolver()));
    }

}
