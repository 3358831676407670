package io.appgraph.platform.planner;

import java.util.List;

import graphql.execution.DataFetcherExceptionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ClassNameTypeResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wires planned rows into graphql-java: field resolution, interface type resolution, and
 * completion of whole planned answers in one walk.
 */
@Configuration(proxyBeanMethods = false)
class PlannerConfiguration {

    // A customizer runs after Boot has added the instrumentation beans, so this one comes
    // last.
    @Bean
    GraphQlSourceBuilderCustomizer plannedRows(ObjectProvider<DataFetcherExceptionResolver> exceptionResolvers,
            MeterRegistry meters) {
        return builder -> builder.instrumentation(List.of(new PlannedFieldResolution()))
            .defaultTypeResolver(PlannedFieldResolution.typeResolver(new ClassNameTypeResolver()))
            .configureGraphQl(graphQl -> graphQl
                .queryExecutionStrategy(new DirectCompletion(springExceptionHandling(exceptionResolvers), meters)));
    }

    /**
     * The exception handling Spring for GraphQL gives the default strategy, built from
     * the same resolvers in the same order as Boot passes them, which a strategy of our
     * own must be given explicitly.
     */
    private static DataFetcherExceptionHandler springExceptionHandling(
            ObjectProvider<DataFetcherExceptionResolver> exceptionResolvers) {
        SingletonSupplier<DataFetcherExceptionHandler> handler = SingletonSupplier
            .of(() -> DataFetcherExceptionResolver.createExceptionHandler(exceptionResolvers.orderedStream().toList()));
        return parameters -> handler.obtain().handleException(parameters);
    }

}
