package io.appgraph.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

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

    @Test
    void letsASubscriptionOutliveTheLimit() {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
                new SchemaParser()
                    .parse("type Query { fast: String } type Subscription { ticks: Tick } type Tick { n: Int }"),
                RuntimeWiring.newRuntimeWiring()
                    .type("Subscription",
                            type -> type.dataFetcher("ticks",
                                    env -> Flux.just(1, 2, 3)
                                        .doOnNext(n -> this.nanoTime.addAndGet(Duration.ofSeconds(20).toNanos()))
                                        .map(n -> Map.of("n", n))))
                    .build());
        ExecutionResult result = GraphQL.newGraphQL(schema)
            .instrumentation(new ExecutionTimeLimit(Duration.ofSeconds(10), this.nanoTime::get))
            .build()
            .execute("subscription { ticks { n } }");

        assertThat(result.getErrors()).isEmpty();
        List<ExecutionResult> events = Flux.from(result.<Publisher<ExecutionResult>>getData()).collectList().block();
        assertThat(events).extracting(ExecutionResult::getErrors).allSatisfy(errors -> assertThat(errors).isEmpty());
        assertThat(events).extracting(event -> event.<Map<String, Object>>getData().get("ticks"))
            .containsExactly(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3));
    }

    private ExecutionResult run(Duration limit, String query) {
        return GraphQL.newGraphQL(this.schema)
            .instrumentation(new ExecutionTimeLimit(limit, this.nanoTime::get))
            .build()
            .execute(query);
    }

}
