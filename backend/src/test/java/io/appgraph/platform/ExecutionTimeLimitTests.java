package io.appgraph.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time limit stops a request at its next field once the deadline has passed. The
 * clock is the test's: the slow field moves it on 50 ms, so no test waits or depends on
 * the machine's speed.
 */
class ExecutionTimeLimitTests {

    private final AtomicInteger fastCalls = new AtomicInteger();

    private final AtomicLong nanoTime = new AtomicLong();

    private final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { slow: String, fast: String }"),
            RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("slow", env -> {
                this.nanoTime.addAndGet(Duration.ofMillis(50).toNanos());
                return "slow";
            }).dataFetcher("fast", env -> {
                this.fastCalls.incrementAndGet();
                return "fast";
            })).build());

    @Test
    void stopsARequestThatRanPastItsLimitWithOneErrorAndNoPartialData() {
        ExecutionResult result = run(Duration.ofMillis(10), "{ slow fast }");

        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getMessage()).isEqualTo("The request ran longer than the 0 s limit and was stopped");
            assertThat(error.getErrorType()).isEqualTo(ServerErrorType.TIMEOUT);
        });
        assertThat(result.<Object>getData()).isNull();
        assertThat(this.fastCalls).hasValue(0);
    }

    @Test
    void letsARequestWithinItsLimitFinish() {
        ExecutionResult result = run(Duration.ofSeconds(10), "{ slow fast }");

        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<java.util.Map<String, Object>>getData()).containsEntry("fast", "fast");
    }

    private ExecutionResult run(Duration limit, String query) {
        return GraphQL.newGraphQL(this.schema)
            .instrumentation(new ExecutionTimeLimit(limit, this.nanoTime::get))
            .build()
            .execute(query);
    }

}
