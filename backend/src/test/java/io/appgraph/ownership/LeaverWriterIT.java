package io.appgraph.ownership;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.appgraph.IntegrationTest;
import io.appgraph.ownership.LeaverWriter.Leaver;
import io.appgraph.ownership.LeaverWriter.LeaverOutcome;
import io.appgraph.platform.Cypher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The core every leaver source goes through, against the embedded Neo4j. */
class LeaverWriterIT extends IntegrationTest {

    @Autowired
    LeaverWriter leavers;

    @Autowired
    Cypher cypher;

    @BeforeEach
    void estate() {
        cypher("""
                CREATE (ann:Person {handle: 'ann', email: 'ann@example.com', active: true}),
                       (bob:Person {handle: 'bob', active: true}),
                       (:App {name: 'checkout'})-[:HAS_OWNER]->(ann),
                       (:App {name: 'basket'})-[:HAS_OWNER]->(ann),
                       (:App {name: 'search'})-[:HAS_OWNER]->(bob)
                """);
    }

    @Test
    void aLeaverFoundByEmailIsInactiveAndEachOwnedAppIsAlertedOnce() {
        OffsetDateTime leftAt = OffsetDateTime.of(2026, 11, 2, 17, 0, 0, 0, ZoneOffset.UTC);
        LeaverOutcome first = record(new Leaver(null, "ANN@example.com", leftAt));
        LeaverOutcome replay = record(new Leaver("ann", null, leftAt.plusDays(1)));

        assertThat(first.handle()).isEqualTo("ann");
        assertThat(first.newlyLeft()).isTrue();
        assertThat(first.alertedApps()).containsExactly("basket", "checkout");
        assertThat(replay.newlyLeft()).isFalse();
        assertThat(replay.alertedApps()).isEmpty();
        assertThat(count(
                "MATCH (:OwnershipAlert {status: 'OPEN', reason: 'OWNER_LEFT'})-[:FORMER_OWNER]->(:Person {handle: 'ann'}) RETURN count(*)"))
            .isEqualTo(2);
        assertThat(count(
                "MATCH (p:Person {handle: 'ann', active: false}) WHERE p.leftAt = datetime('2026-11-02T17:00Z') RETURN count(*)"))
            .isEqualTo(1);
        assertThat(count("MATCH (a:OwnershipAlert)-[:FOR]->(:App {name: 'search'}) RETURN count(a)")).isZero();
    }

    @Test
    void anUnknownPersonChangesNothing() {
        LeaverOutcome outcome = record(new Leaver("nobody", "nobody@example.com", null));

        assertThat(outcome.known()).isFalse();
        assertThat(count("MATCH (p:Person {active: false}) RETURN count(p)")).isZero();
    }

    @Test
    void aFutureLeavingDateIsKeptAndChangesNothingYet() {
        LeaverOutcome outcome = record(new Leaver("bob", null, OffsetDateTime.now(ZoneOffset.UTC).plusDays(3)));

        assertThat(outcome.scheduled()).isTrue();
        assertThat(
                count("MATCH (p:Person {handle: 'bob', active: true}) WHERE p.leavingAt IS NOT NULL RETURN count(p)"))
            .isEqualTo(1);
        assertThat(count("MATCH (a:OwnershipAlert) RETURN count(a)")).isZero();
    }

    @Test
    void concurrentEventsForOnePersonRaiseOneAlertPerApp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LeaverOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<LeaverOutcome> task = () -> record(new Leaver("ann", null, null));
                outcomes.add(pool.submit(task));
            }
            int alerted = 0;
            for (Future<LeaverOutcome> outcome : outcomes) {
                alerted += outcome.get().alertedApps().size();
            }
            assertThat(alerted).isEqualTo(2);
        }
        finally {
            pool.shutdown();
        }
        assertThat(count("MATCH (a:OwnershipAlert {status: 'OPEN'}) RETURN count(a)")).isEqualTo(2);
    }

    @Test
    void reactivationMakesThePersonActiveAndKeepsTheAlertsOpen() {
        record(new Leaver("ann", null, null));

        boolean first = this.cypher.write(tx -> this.leavers.reactivate(tx, "ann"));
        boolean again = this.cypher.write(tx -> this.leavers.reactivate(tx, "ann"));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(count("MATCH (p:Person {handle: 'ann', active: true}) WHERE p.leftAt IS NULL RETURN count(p)"))
            .isEqualTo(1);
        assertThat(count("MATCH (a:OwnershipAlert {status: 'OPEN'}) RETURN count(a)")).isEqualTo(2);
    }

    private LeaverOutcome record(Leaver leaver) {
        return this.cypher.write(tx -> this.leavers.record(tx, leaver));
    }

}
