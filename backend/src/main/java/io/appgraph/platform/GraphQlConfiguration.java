package io.appgraph.platform;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.scalars.ExtendedScalars;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.execution.SchemaReport;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scalars, limits and schema inspection of the GraphQL endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GraphQlConfiguration {

    private static final Log log = LogFactory.getLog(GraphQlConfiguration.class);

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(ExtendedScalars.DateTime);
    }

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(GraphQlLimitsProperties limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth());
    }

    @Bean
    CostLimits costLimits(GraphQlLimitsProperties limits, List<FieldCost> costs) {
        return new CostLimits(new QueryCost(costs), limits.maxComplexity(), limits.maxExpensiveFields());
    }

    @Bean
    ExecutionTimeLimit executionTimeLimit(GraphQlLimitsProperties limits) {
        return new ExecutionTimeLimit(limits.timeout());
    }

    @Bean
    SchemaMappingReport schemaMappingReport() {
        return new SchemaMappingReport(new AtomicReference<>());
    }

    @Bean
    GraphQlSourceBuilderCustomizer parsedDocuments() {
        ParsedDocuments documents = new ParsedDocuments(1000);
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents));
    }

    @Bean
    GraphQlSourceBuilderCustomizer schemaInspection(SchemaMappingReport holder) {
        return builder -> builder.inspectSchemaMappings(report -> {
            holder.report().set(report);
            if (!report.unmappedFields().isEmpty() || !report.unmappedRegistrations().isEmpty()) {
                log.warn(report);
            }
        });
    }

    /**
     * What schema inspection found at start-up, kept so a test can insist that every
     * field is mapped.
     */
    record SchemaMappingReport(AtomicReference<SchemaReport> report) {

        List<String> unmappedFields() {
            return this.report.get().unmappedFields().stream().map(Object::toString).toList();
        }
    }

}
