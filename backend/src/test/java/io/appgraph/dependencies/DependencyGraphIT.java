package io.appgraph.dependencies;

import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Declared dependencies (addDependency, removeDependency) and the dependency graph the
 * portal draws.
 */
class DependencyGraphIT extends IntegrationTest {

    private Fixtures estate;

    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
    }

    // ------------------------------------------------------------------ addDependency

    @Test
    void addDependencyDeclaresThatOneAppCallsAnother() {
        this.estate.apps("checkout", "payments-api");

        this.graphQl.documentName("AddDependency")
            .variable("from", "checkout")
            .variable("to", "payments-api")
            .execute()
            .path("addDependency.dependency.from.name")
            .entity(String.class)
            .isEqualTo("checkout")
            .path("addDependency.dependency.to.name")
            .entity(String.class)
            .isEqualTo("payments-api")
            .path("addDependency.errors")
            .entityList(Object.class)
            .hasSize(0);

        assertThat(count("""
                MATCH (:App {name: 'checkout'})-[d:DEPENDS_ON]->(:App {name: 'payments-api'})
                WHERE d.sources = ['DECLARED'] AND d.firstSeen IS NOT NULL RETURN count(d)""")).isEqualTo(1);
        this.graphQl.documentName("AppDetails")
            .variable("name", "payments-api")
            .execute()
            .path("app.dependents[*].name")
            .entityList(String.class)
            .containsExactly("checkout");
    }

    @Test
    void addingTheSameDependencyTwiceKeepsOneDeclaredEdge() {
        this.estate.apps("checkout", "payments-api");

        for (int i = 0; i < 2; i++) {
            this.graphQl.documentName("AddDependencyDetails")
                .variable("from", "checkout")
                .variable("to", "payments-api")
                .execute()
                .path("addDependency.dependency.sources")
                .entityList(String.class)
                .containsExactly("DECLARED")
                .path("addDependency.errors")
                .entityList(Object.class)
                .hasSize(0);
        }

        assertThat(count("MATCH (:App {name: 'checkout'})-[d:DEPENDS_ON]->() RETURN count(d)")).isEqualTo(1);
        assertThat(count("""
                MATCH (:App {name: 'checkout'})-[d:DEPENDS_ON]->(:App {name: 'payments-api'})
                WHERE d.sources = ['DECLARED'] RETURN count(d)""")).isEqualTo(1);
    }

    @Test
    void declaringAnEdgeTheMeshAlreadySawAddsDeclaredToItsSources() {
        this.estate.apps("checkout", "payments-api").dependsOn("checkout", "payments-api", "MESH");

        List<String> sources = this.graphQl.documentName("AddDependencyDetails")
            .variable("from", "checkout")
            .variable("to", "payments-api")
            .execute()
            .path("addDependency.dependency.sources")
            .entityList(String.class)
            .get();

        assertThat(sources).containsExactlyInAnyOrder("MESH", "DECLARED");
        assertThat(count("MATCH (:App {name: 'checkout'})-[d:DEPENDS_ON]->() RETURN count(d)")).isEqualTo(1);
    }

    @Test
    void addingADependencyOnOrFromAnUnknownAppIsNotFound() {
        this.estate.apps("checkout");

        this.graphQl.documentName("AddDependency")
            .variable("from", "checkout")
            .variable("to", "no-such-app")
            .execute()
            .path("addDependency.dependency")
            .valueIsNull()
            .path("addDependency.errors[*].code")
            .entityList(String.class)
            .containsExactly("NOT_FOUND")
            .path("addDependency.errors[0].message")
            .entity(String.class)
            .satisfies(message -> assertThat(message).contains("no-such-app"));

        List<UserError> errors = this.graphQl.documentName("AddDependencyDetails")
            .variable("from", "ghost-a")
            .variable("to", "ghost-b")
            .execute()
            .path("addDependency.errors")
            .entityList(UserError.class)
            .get();
        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactlyInAnyOrder(tuple("NOT_FOUND", List.of("input", "from")),
                    tuple("NOT_FOUND", List.of("input", "to")));
        assertThat(count("MATCH (a:App) RETURN count(a)")).isEqualTo(1);
        assertThat(count("MATCH ()-[d:DEPENDS_ON]->() RETURN count(d)")).isZero();
    }

    @Test
    void anAppCannotDependOnItself() {
        this.estate.apps("checkout");

        this.graphQl.documentName("AddDependency")
            .variable("from", "checkout")
            .variable("to", "checkout")
            .execute()
            .path("addDependency.dependency")
            .valueIsNull()
            .path("addDependency.errors[*].code")
            .entityList(String.class)
            .containsExactly("INVALID")
            .path("addDependency.errors[0].message")
            .entity(String.class)
            .satisfies(message -> assertThat(message).contains("checkout").contains("itself"));
        assertThat(count("MATCH ()-[d:DEPENDS_ON]->() RETURN count(d)")).isZero();
    }

    @Test
    void appNamesThatAreNotDnsLabelsAreInvalid() {
        this.estate.apps("checkout");

        List<UserError> errors = this.graphQl.documentName("AddDependencyDetails")
            .variable("from", "Checkout")
            .variable("to", "payments api")
            .execute()
            .path("addDependency.errors")
            .entityList(UserError.class)
            .get();

        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactlyInAnyOrder(tuple("INVALID", List.of("input", "from")),
                    tuple("INVALID", List.of("input", "to")));
        assertThat(count("MATCH ()-[d:DEPENDS_ON]->() RETURN count(d)")).isZero();
    }

    // ------------------------------------------------------------------ removeDependency

    @Test
    void removingTheOnlyDeclaredSourceDeletesTheEdge() {
        this.estate.apps("checkout", "payments-api").dependsOn("checkout", "payments-api", "DECLARED");

        this.graphQl.documentName("RemoveDependency")
            .variable("from", "checkout")
            .variable("to", "payments-api")
            .execute()
            .path("removeDependency.errors")
            .entityList(Object.class)
            .hasSize(0);

        assertThat(count("MATCH ()-[d:DEPENDS_ON]->() RETURN count(d)")).isZero();
        assertThat(count("MATCH (a:App) RETURN count(a)")).isEqualTo(2);
    }

    @Test
    void removingTheDeclaredSourceReturnsNoDependencyWhenNothingElseReportsIt() {
        this.estate.apps("checkout", "payments-api").dependsOn("checkout", "payments-api", "DECLARED");

        this.graphQl.documentName("RemoveDependencyDetails")
            .variable("from", "checkout")
            .variable("to", "payments-api")
            .execute()
            .path("removeDependency.dependency")
            .valueIsNull()
            .path("removeDependency.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void removingADependencyTheMeshAlsoSeesLeavesTheMeshEdge() {
        this.estate.apps("checkout", "payments-api").dependsOn("checkout", "payments-api", "DECLARED", "MESH");

        var response = this.graphQl.documentName("RemoveDependencyDetails")
            .variable("from", "checkout")
            .variable("to", "payments-api")
            .execute();

        response.path("removeDependency.errors").entityList(Object.class).hasSize(0);
        response.path("removeDependency.dependency.from.name").entity(String.class).isEqualTo("checkout");
        response.path("removeDependency.dependency.to.name").entity(String.class).isEqualTo("payments-api");
        response.path("removeDependency.dependency.sources").entityList(String.class).containsExactly("MESH");
        assertThat(count("""
                MATCH (:App {name: 'checkout'})-[d:DEPENDS_ON]->(:App {name: 'payments-api'})
                WHERE d.sources = ['MESH'] RETURN count(d)""")).isEqualTo(1);
    }

    @Test
    void removingWhenNothingIsDeclaredIsNotFoundAndLeavesOtherSources() {
        this.estate.apps("checkout", "payments-api", "ledger").dependsOn("checkout", "payments-api", "MESH");
        List<String> before = this.estate.snapshot();

        for (String callee : List.of("payments-api", "ledger")) {
            this.graphQl.documentName("RemoveDependency")
                .variable("from", "checkout")
                .variable("to", callee)
                .execute()
                .path("removeDependency.errors[*].code")
                .entityList(String.class)
                .containsExactly("NOT_FOUND")
                .path("removeDependency.errors[0].message")
                .entity(String.class)
                .satisfies(message -> assertThat(message).contains("checkout").contains(callee));
        }

        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void removingWithUnknownAppsOrItselfSaysWhy() {
        this.estate.apps("checkout");

        List<UserError> unknown = this.graphQl.documentName("RemoveDependencyDetails")
            .variable("from", "checkout")
            .variable("to", "no-such-app")
            .execute()
            .path("removeDependency.errors")
            .entityList(UserError.class)
            .get();
        assertThat(unknown).extracting(UserError::code, UserError::field)
            .containsExactly(tuple("NOT_FOUND", List.of("input", "to")));
        assertThat(unknown.get(0).message()).contains("no-such-app");

        this.graphQl.documentName("RemoveDependency")
            .variable("from", "checkout")
            .variable("to", "checkout")
            .execute()
            .path("removeDependency.errors[*].code")
            .entityList(String.class)
            .containsExactly("INVALID");
    }

    // ------------------------------------------------------------------ dependencyGraph

    @Test
    void theWholeEstateHasEveryAppAndEdgeWithItsDirectCallerCount() {
        anEstate();

        var graph = this.graphQl.documentName("DependencyGraph").execute();

        assertThat(graph.path("dependencyGraph.nodes").entityList(Node.class).get()).containsExactly(
                new Node("checkout", "payments", 1, false), new Node("db", null, 2, true),
                new Node("fraud", null, 1, false), new Node("ledger", "payments", 1, false),
                new Node("mobile", null, 0, false), new Node("payments-api", "payments", 1, false),
                new Node("web", "storefront", 1, false));
        assertThat(edges(graph.path("dependencyGraph.edges").entityList(Edge.class).get())).containsExactlyInAnyOrder(
                tuple("mobile", "web", List.of("DECLARED")), tuple("web", "checkout", List.of("MESH")),
                tuple("checkout", "payments-api", List.of("DECLARED", "MESH")),
                tuple("payments-api", "ledger", List.of("DECLARED")), tuple("ledger", "db", List.of("NETWORK_POLICY")),
                tuple("fraud", "db", List.of("DECLARED")), tuple("db", "fraud", List.of("MESH")));
    }

    @Test
    void aSquadsGraphHasItsAppsTheirDirectNeighboursAndOnlyTheEdgesTouchingItsApps() {
        anEstate();

        var graph = this.graphQl.documentName("DependencyGraph").variable("squad", "payments").execute();

        assertThat(graph.path("dependencyGraph.nodes").entityList(Node.class).get()).containsExactly(
                new Node("checkout", "payments", 1, false), new Node("db", null, 2, true),
                new Node("ledger", "payments", 1, false), new Node("payments-api", "payments", 1, false),
                new Node("web", "storefront", 1, false));
        assertThat(edges(graph.path("dependencyGraph.edges").entityList(Edge.class).get())).containsExactlyInAnyOrder(
                tuple("web", "checkout", List.of("MESH")),
                tuple("checkout", "payments-api", List.of("DECLARED", "MESH")),
                tuple("payments-api", "ledger", List.of("DECLARED")), tuple("ledger", "db", List.of("NETWORK_POLICY")));
    }

    @Test
    void aSquadWithoutAppsHasAnEmptyGraph() {
        anEstate();
        this.estate.squad("idle");

        this.graphQl.documentName("DependencyGraph")
            .variable("squad", "idle")
            .execute()
            .path("dependencyGraph.nodes")
            .entityList(Object.class)
            .hasSize(0)
            .path("dependencyGraph.edges")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void anUnknownSquadIsNotFound() {
        anEstate();

        this.graphQl.documentName("DependencyGraph")
            .variable("squad", "no-such-squad")
            .execute()
            .errors()
            .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
                assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND");
                assertThat(error.getMessage()).contains("no-such-squad");
            }));
    }

    @Test
    void anEmptyEstateHasAnEmptyGraph() {
        this.graphQl.documentName("DependencyGraph")
            .execute()
            .path("dependencyGraph.nodes")
            .entityList(Object.class)
            .hasSize(0)
            .path("dependencyGraph.edges")
            .entityList(Object.class)
            .hasSize(0);
    }

    /**
     * mobile -> web (storefront) -> checkout -> payments-api -> ledger (payments) -> db
     * <-> fraud; an alert fires on db, one on web is resolved.
     */
    private void anEstate() {
        this.estate.squad("payments")
            .squad("storefront")
            .person("jane.doe")
            .app("checkout", "payments", "jane.doe")
            .app("payments-api", "payments", "jane.doe")
            .app("ledger", "payments", "jane.doe")
            .app("web", "storefront", "jane.doe")
            .apps("mobile", "db", "fraud")
            .dependsOn("mobile", "web")
            .dependsOn("web", "checkout", "MESH")
            .dependsOn("checkout", "payments-api", "DECLARED", "MESH")
            .dependsOn("payments-api", "ledger")
            .dependsOn("ledger", "db", "NETWORK_POLICY")
            .dependsOn("fraud", "db")
            .dependsOn("db", "fraud", "MESH")
            .run("""
                    MATCH (db:App {name: 'db'}), (web:App {name: 'web'})
                    CREATE (:Alert {fingerprint: 'a1', name: 'DiskFull', status: 'FIRING'})-[:ON]->(db)
                    CREATE (:Alert {fingerprint: 'a2', name: 'HighLatency', status: 'RESOLVED'})-[:ON]->(web)
                    """, Map.of());
    }

    private static List<Tuple> edges(List<Edge> edges) {
        return edges.stream().map(e -> tuple(e.from(), e.to(), e.sources().stream().sorted().toList())).toList();
    }

    record UserError(String code, String message, List<String> field) {
    }

    record Node(String name, String squad, int dependentCount, boolean alerting) {
    }

    record Edge(String from, String to, List<String> sources) {
    }

}
