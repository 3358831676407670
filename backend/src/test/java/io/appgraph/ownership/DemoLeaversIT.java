package io.appgraph.ownership;

import java.util.List;

import io.appgraph.IntegrationTest;
import io.appgraph.demo.DemoEstate;
import io.appgraph.demo.DemoEstateWriter;
import io.appgraph.demo.DemoReleases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo estate as a first start loads it: its leavers' apps are OPEN alerts after the
 * first sweep, each with active people suggested.
 */
class DemoLeaversIT extends IntegrationTest {

    @Autowired
    OwnershipSweep sweep;

    @Test
    void theDemoEstatesLeaversAreOpenAlertsAfterTheFirstSweep() {
        DemoEstate estate = DemoEstate.generate(400, 42);
        DemoEstateWriter.write(this.driver, estate);
        DemoEstateWriter.write(this.driver, DemoReleases.generate(estate, 42, DemoEstate.REFERENCE_TIME, 5));
        long ownedByLeavers = count("MATCH (:App)-[:HAS_OWNER]->(p:Person {active: false}) RETURN count(*)");

        OwnershipSweep.Outcome first = this.sweep.sweep();

        assertThat(ownedByLeavers).isGreaterThanOrEqualTo(10);
        assertThat(first.ownerLeft()).isEqualTo((int) ownedByLeavers);
        List<String> open = this.graphQl.document("{ ownershipAlerts(status: OPEN, first: 500) { reason } }")
            .execute()
            .path("ownershipAlerts[*].reason")
            .entityList(String.class)
            .get();
        assertThat(open).filteredOn("OWNER_LEFT"::equals).hasSize((int) ownedByLeavers);
        List<Boolean> suggestedActive = this.graphQl
            .document("{ ownershipAlerts(status: OPEN, first: 500) { suggestedOwners { active } } }")
            .execute()
            .path("ownershipAlerts[*].suggestedOwners[*].active")
            .entityList(Boolean.class)
            .get();
        assertThat(suggestedActive).isNotEmpty().containsOnly(true);
        assertThat(this.sweep.sweep().changedAnything()).as("the next sweep finds nothing new").isFalse();
    }

}
