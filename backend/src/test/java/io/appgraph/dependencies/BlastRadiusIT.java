package io.appgraph.dependencies;

import java.util.List;
import java.util.stream.IntStream;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What breaks if an app breaks: every app that calls it directly or through others, once,
 * at its shortest distance. Fixture chains read right to left:
 * {@code chain("a", "b", "c")} is a <- b <- c, b calls a and c calls b.
 */
class BlastRadiusIT extends IntegrationTest {

    private Fixtures estate;

    @BeforeEach
    void estate() {
        // Every app gets a squad and an owner, as the contract's BlastRadius operation
        // reads both.
        this.estate = new Fixtures(this.driver).squad("core").person("jane.doe");
    }

    @Test
    void aChainGivesEachCallerItsDistance() {
        apps("a", "b", "c", "d");
        this.estate.chain("a", "b", "c", "d");

        var radius = blastRadius("a", null);

        radius.path("blastRadius.count").entity(Integer.class).isEqualTo(3);
        radius.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(false);
        assertThat(impacted(radius)).containsExactly(tuple("b", 1), tuple("c", 2), tuple("d", 3));
    }

    @Test
    void anAppInTheMiddleOfAChainImpactsOnlyItsCallers() {
        apps("a", "b", "c", "d");
        this.estate.chain("a", "b", "c", "d");

        assertThat(impacted(blastRadius("c", null))).containsExactly(tuple("d", 1));
        blastRadius("d", null).path("blastRadius.count")
            .entity(Integer.class)
            .isEqualTo(0)
            .path("blastRadius.truncated")
            .entity(Boolean.class)
            .isEqualTo(false)
            .path("blastRadius.impacted")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void aDiamondListsEachAppOnceAtItsShortestDistance() {
        // a <- b <- d <- e, a <- c <- d, and e also calls a directly
        apps("a", "b", "c", "d", "e");
        this.estate.chain("a", "b", "d", "e").chain("a", "c", "d").dependsOn("e", "a");

        var radius = blastRadius("a", null);

        assertThat(impacted(radius)).containsExactly(tuple("b", 1), tuple("c", 1), tuple("e", 1), tuple("d", 2));
        radius.path("blastRadius.count").entity(Integer.class).isEqualTo(4);
    }

    @Test
    void aCycleThroughTheTargetEndsAndNeverListsTheTarget() {
        // a <- b <- c <- a
        apps("a", "b", "c");
        this.estate.chain("a", "b", "c", "a");

        var radius = blastRadius("a", null);

        assertThat(impacted(radius)).containsExactly(tuple("b", 1), tuple("c", 2));
        radius.path("blastRadius.count").entity(Integer.class).isEqualTo(2);
        radius.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void aCycleAmongTheCallersEndsWithEachAppOnce() {
        // a <- b <- c <- d <- b, and e calls d
        apps("a", "b", "c", "d", "e");
        this.estate.chain("a", "b", "c", "d", "b").dependsOn("e", "d");

        var radius = blastRadius("a", 20);

        assertThat(impacted(radius)).containsExactly(tuple("b", 1), tuple("c", 2), tuple("d", 3), tuple("e", 4));
        radius.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void theTargetReachedAgainThroughACycleIsNotBeyondTheLimit() {
        // a <- b <- c <- a: at maxDepth 2 the only thing three hops away is a itself
        apps("a", "b", "c");
        this.estate.chain("a", "b", "c", "a");

        var radius = blastRadius("a", 2);

        assertThat(impacted(radius)).containsExactly(tuple("b", 1), tuple("c", 2));
        radius.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void maxDepthCutsTheRadiusAndSaysSo() {
        apps("a", "b", "c", "d");
        this.estate.chain("a", "b", "c", "d");

        var two = blastRadius("a", 2);
        assertThat(impacted(two)).containsExactly(tuple("b", 1), tuple("c", 2));
        two.path("blastRadius.count").entity(Integer.class).isEqualTo(2);
        two.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(true);

        var one = blastRadius("a", 1);
        assertThat(impacted(one)).containsExactly(tuple("b", 1));
        one.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void aRadiusThatEndsExactlyAtMaxDepthIsNotTruncated() {
        apps("a", "b", "c", "d");
        this.estate.chain("a", "b", "c", "d");

        var radius = blastRadius("a", 3);

        radius.path("blastRadius.count").entity(Integer.class).isEqualTo(3);
        radius.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void longerPathsToAppsAlreadyWithinMaxDepthDoNotTruncate() {
        // b and c both call a; c also calls b: c is at distance 1, whatever the path
        // through b
        apps("a", "b", "c");
        this.estate.chain("a", "b", "c").dependsOn("c", "a");

        var radius = blastRadius("a", 1);

        assertThat(impacted(radius)).containsExactly(tuple("b", 1), tuple("c", 1));
        radius.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void maxDepthIsTenByDefault() {
        String[] chain = IntStream.rangeClosed(0, 12).mapToObj(i -> "app-%02d".formatted(i)).toArray(String[]::new);
        apps(chain);
        this.estate.chain(chain);

        var radius = blastRadius("app-00", null);

        radius.path("blastRadius.count").entity(Integer.class).isEqualTo(10);
        radius.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(true);
        assertThat(impacted(radius)).last().isEqualTo(tuple("app-10", 10));
        this.graphQl.documentName("BlastRadiusDetails")
            .variable("app", "app-00")
            .execute()
            .path("blastRadius.app.name")
            .entity(String.class)
            .isEqualTo("app-00")
            .path("blastRadius.maxDepth")
            .entity(Integer.class)
            .isEqualTo(10);
    }

    @Test
    void maxDepthTwentyReachesTheWholeLongChain() {
        String[] chain = IntStream.rangeClosed(0, 12).mapToObj(i -> "app-%02d".formatted(i)).toArray(String[]::new);
        apps(chain);
        this.estate.chain(chain);

        var radius = blastRadius("app-00", 20);

        radius.path("blastRadius.count").entity(Integer.class).isEqualTo(12);
        radius.path("blastRadius.truncated").entity(Boolean.class).isEqualTo(false);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 21 })
    void maxDepthOutside1To20IsABadRequest(int maxDepth) {
        apps("a");

        blastRadius("a", maxDepth).errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(error.getExtensions()).containsEntry("code", "INVALID");
            assertThat(error.getMessage()).contains("maxDepth").contains("20").contains(String.valueOf(maxDepth));
        }));
    }

    @Test
    void anUnknownAppIsNotFound() {
        apps("a");

        blastRadius("no-such-app", null).errors()
            .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
                assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND");
                assertThat(error.getMessage()).contains("no-such-app");
            }));
    }

    @Test
    void impactedAppsCarryTheirSquadAndOwnerAndSayWhenTheOwnerHasLeft() {
        this.estate.squad("storefront")
            .squad("payments")
            .leaver("old.timer")
            .app("payments-api", "payments", "jane.doe")
            .app("checkout", "payments", "old.timer")
            .app("web", "storefront", "jane.doe")
            .chain("payments-api", "checkout", "web");

        var radius = blastRadius("payments-api", null);

        assertThat(radius.path("blastRadius.impacted").entityList(Impacted.class).get()).containsExactly(
                new Impacted(1, new ImpactedApp("checkout", new Named("payments"), new Owner("old.timer", false))),
                new Impacted(2, new ImpactedApp("web", new Named("storefront"), new Owner("jane.doe", true))));
    }

    @Test
    void impactedAppsWithoutSquadOrOwnerShowThemAsNull() {
        this.estate.apps("ledger", "orphan").dependsOn("orphan", "ledger");

        var radius = blastRadius("ledger", null);

        radius.path("blastRadius.impacted[0].app.name").entity(String.class).isEqualTo("orphan");
        radius.path("blastRadius.impacted[0].app.squad").valueIsNull();
        radius.path("blastRadius.impacted[0].app.owner").valueIsNull();
    }

    private void apps(String... names) {
        this.estate.squadApps("core", "jane.doe", names);
    }

    private GraphQlTester.Response blastRadius(String app, Integer maxDepth) {
        var request = this.graphQl.documentName("BlastRadius").variable("app", app);
        // Left out rather than null when not given, so the schema's default applies as
        // for a real client.
        return ((maxDepth != null) ? request.variable("maxDepth", maxDepth) : request).execute();
    }

    /** The impacted apps as (name, distance), in the order the API lists them. */
    private static List<Tuple> impacted(GraphQlTester.Response radius) {
        List<String> names = radius.path("blastRadius.impacted[*].app.name").entityList(String.class).get();
        List<Integer> distances = radius.path("blastRadius.impacted[*].distance").entityList(Integer.class).get();
        assertThat(names).hasSameSizeAs(distances).doesNotHaveDuplicates();
        return IntStream.range(0, names.size()).mapToObj(i -> tuple(names.get(i), distances.get(i))).toList();
    }

    record Impacted(int distance, ImpactedApp app) {
    }

    record ImpactedApp(String name, Named squad, Owner owner) {
    }

    record Named(String name) {
    }

    record Owner(String handle, boolean active) {
    }

}
