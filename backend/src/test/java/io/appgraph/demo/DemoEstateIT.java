package io.appgraph.demo;

import java.util.List;

import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo estate, written to the real database, answers the README's questions through
 * the API.
 */
class DemoEstateIT extends IntegrationTest {

    @Test
    void theReadmeQuestionHasARealisticAnswer() {
        DemoEstateWriter.write(this.driver, DemoEstate.generate(400, 42));

        var radius = this.graphQl.documentName("BlastRadius")
            .variable("app", "payments-api")
            .variable("maxDepth", 10)
            .execute();
        int count = radius.path("blastRadius.count").entity(Integer.class).get();
        List<Boolean> ownersActive = radius.path("blastRadius.impacted[*].app.owner.active")
            .entityList(Boolean.class)
            .get();

        assertThat(count).isGreaterThanOrEqualTo(5);
        assertThat(ownersActive).hasSize(count).contains(true);
        radius.path("blastRadius.impacted[0].distance").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void theAuthServiceTakesNearlyTheWholeEstateDownAndStaleOwnershipShows() {
        DemoEstateWriter.write(this.driver, DemoEstate.generate(400, 42));

        this.graphQl.documentName("BlastRadius")
            .variable("app", "auth-service")
            .execute()
            .path("blastRadius.count")
            .entity(Integer.class)
            .satisfies(count -> assertThat(count).isGreaterThan(360));
        assertThat(count("MATCH (:App)-[:HAS_OWNER]->(p:Person {active: false}) RETURN count(p)")).isPositive();
        this.graphQl.documentName("AppPage")
            .variable("name", "payments-api")
            .execute()
            .path("app.links[*].label")
            .entityList(String.class)
            .containsExactly("pipeline", "source", "logs", "metrics", "tracing", "admin")
            .path("app.ownershipChain[*].role")
            .entityList(String.class)
            .containsExactly("OWNER", "SQUAD", "BUDDY", "GROUP", "GROUP");
    }

    @Test
    void writingTheSameEstateTwiceCreatesNothingNew() {
        DemoEstate estate = DemoEstate.generate(60, 3);
        DemoEstateWriter.write(this.driver, estate);
        long nodes = count("MATCH (n) WHERE NOT any(label IN labels(n) WHERE label STARTS WITH '__') RETURN count(n)");
        long relationships = count("MATCH ()-[r]->() RETURN count(r)");

        DemoEstateWriter.write(this.driver, estate);

        assertThat(count("MATCH (n) WHERE NOT any(label IN labels(n) WHERE label STARTS WITH '__') RETURN count(n)"))
            .isEqualTo(nodes);
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(relationships);
    }

    @Test
    void writingTheSameReleasesTwiceCreatesNothingNew() {
        DemoEstate estate = DemoEstate.generate(60, 3);
        DemoReleases releases = DemoReleases.generate(estate, 3, DemoEstate.REFERENCE_TIME, 100);
        DemoEstateWriter.write(this.driver, estate);
        DemoEstateWriter.Written first = DemoEstateWriter.write(this.driver, releases);

        DemoEstateWriter.Written second = DemoEstateWriter.write(this.driver, releases);

        assertThat(first.nodesCreated()).isEqualTo(releases.size());
        assertThat(first.relationshipsCreated()).isEqualTo(2 * releases.size());
        assertThat(second).isEqualTo(new DemoEstateWriter.Written(0, 0));
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isEqualTo(releases.size());
        assertThat(count("MATCH (:Release)-[o:OF]->(:App) RETURN count(o)")).isEqualTo(releases.size());
    }

}
