package io.appgraph.neo4j;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when no external Neo4j is configured, that is {@code spring.neo4j.uri} is
 * absent or blank.
 */
final class EmbeddedNeo4jCondition extends SpringBootCondition {

    static boolean embedded(Environment environment) {
        return !StringUtils.hasText(environment.getProperty("spring.neo4j.uri"));
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return embedded(context.getEnvironment())
                ? ConditionOutcome.match("spring.neo4j.uri is not set: Neo4j runs embedded")
                : ConditionOutcome.noMatch("spring.neo4j.uri is set: using the external Neo4j");
    }

}
