package io.appgraph.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app directory sorted by name, squad, tier or owner, each way: the order of the
 * apps, and cursor pages that walk it without skipping or repeating an app.
 */
class AppDirectoryOrderIT extends IntegrationTest {

    // name, squad, owner, tier: every sort key is missing on some app, and shared by
    // others.
    @BeforeEach
    void estate() {
        new Fixtures(this.driver).squad("alpha")
            .squad("beta")
            .person("ann")
            .person("bob")
            .app("a-app", "beta", "bob", "TIER_2", "first")
            .app("b-app", "alpha", "ann", "TIER_1", "second")
            .app("c-app", null, null, null, "third")
            .app("d-app", "alpha", "bob", "TIER_3", "fourth")
            .app("e-app", "beta", "ann", "TIER_1", "fifth")
            .app("f-app", "alpha", null, "TIER_2", "sixth")
            .app("g-app", null, "ann", null, "seventh");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "NAME, ASC, a b c d e f g", "NAME, DESC, g f e d c b a", "SQUAD, ASC, b d f a e c g",
            "SQUAD, DESC, a e b d f c g", "TIER, ASC, b e a f d c g", "TIER, DESC, d a f b e c g",
            "OWNER, ASC, b e g a d c f", "OWNER, DESC, a d b e g c f" })
    void pagesWalkEachOrderWithTiesByNameAndMissingValuesLast(String field, String direction, String expected) {
        List<String> order = Arrays.stream(expected.split(" ")).map(letter -> letter + "-app").toList();
        Map<String, Object> orderBy = Map.of("field", field, "direction", direction);

        assertThat(page(100, null, null, orderBy).path("apps.edges[*].node.name").entityList(String.class).get())
            .isEqualTo(order);
        for (int size : new int[] { 1, 2, 3 }) {
            assertThat(walk(size, null, orderBy)).as("pages of %d", size).isEqualTo(order);
        }
    }

    @Test
    void anOrderAppliesWithinTheFilterAndTheDirectionDefaultsToAscending() {
        assertThat(walk(2, Map.of("squad", "alpha"), Map.of("field", "TIER", "direction", "DESC")))
            .containsExactly("d-app", "f-app", "b-app");
        assertThat(walk(2, Map.of("tier", "TIER_1"), Map.of("field", "OWNER"))).containsExactly("b-app", "e-app");
        assertThat(walk(2, Map.of("owner", "ann"), Map.of("field", "SQUAD"))).containsExactly("b-app", "e-app",
                "g-app");
    }

    @Test
    void searchResultsStayRankedWhateverTheOrder() {
        Map<String, Object> search = Map.of("search", "f");
        List<String> ranked = walk(1, search, null);

        assertThat(ranked).containsExactlyInAnyOrder("a-app", "d-app", "e-app", "f-app");
        assertThat(walk(1, search, Map.of("field", "SQUAD", "direction", "DESC"))).isEqualTo(ranked);
        assertThat(walk(1, search, Map.of("field", "NAME", "direction", "DESC"))).isEqualTo(ranked);
    }

    @Test
    void aCursorOfAnotherOrderIsABadRequest() {
        String byName = page(2, null, null, null).path("apps.pageInfo.endCursor").entity(String.class).get();
        String bySquad = page(2, null, null, Map.of("field", "SQUAD")).path("apps.pageInfo.endCursor")
            .entity(String.class)
            .get();

        expectInvalidCursor(page(2, byName, null, Map.of("field", "SQUAD")));
        expectInvalidCursor(page(2, bySquad, null, Map.of("field", "SQUAD", "direction", "DESC")));
        expectInvalidCursor(page(2, bySquad, null, null));
        expectInvalidCursor(page(2, byName, null, Map.of("field", "NAME", "direction", "DESC")));
    }

    @Test
    void aForgedCursorOfTheRightOrderIsABadRequest() {
        // "app-by-squad-asc:alpha" base64url: the right kind but no name after the key.
        expectInvalidCursor(page(2, "YXBwLWJ5LXNxdWFkLWFzYzphbHBoYQ", null, Map.of("field", "SQUAD")));
    }

    private List<String> walk(int size, Map<String, Object> filter, Map<String, Object> orderBy) {
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 20; pages++) {
            GraphQlTester.Response page = page(size, after, filter, orderBy);
            List<String> names = page.path("apps.edges[*].node.name").entityList(String.class).get();
            assertThat(names).hasSizeLessThanOrEqualTo(size);
            seen.addAll(names);
            if (!page.path("apps.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                return seen;
            }
            after = page.path("apps.pageInfo.endCursor").entity(String.class).get();
        }
        throw new AssertionError("no last page after 20 pages: " + seen);
    }

    private GraphQlTester.Response page(int first, String after, Map<String, Object> filter,
            Map<String, Object> orderBy) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", first);
        variables.put("after", after);
        variables.put("filter", filter);
        variables.put("orderBy", orderBy);
        GraphQlTester.Request<?> request = this.graphQl.documentName("AppsInOrder");
        variables.forEach(request::variable);
        return request.execute();
    }

    private static void expectInvalidCursor(GraphQlTester.Response response) {
        response.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(error.getExtensions()).containsEntry("code", "INVALID");
            assertThat(error.getMessage()).contains("after");
        }));
    }

}
