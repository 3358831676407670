package io.appgraph.ownership;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import io.appgraph.platform.Cypher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ownership section of the contract (recordLeaver, ownershipAlerts, reassignOwner)
 * and the fields around it, over real HTTP against the embedded Neo4j.
 */
class OwnershipAlertsIT extends IntegrationTest {

    private static final String ALERT_FIELDS = """
            id reason status raisedAt resolvedAt resolvedBy { handle }
            app { name } formerOwner { handle } suggestedOwners { handle }
            suggestions { person { handle } reason lastReleasedAt }
            """;

    @Autowired
    OwnershipSweep sweep;

    @Autowired
    Cypher cypher;

    @Autowired
    LeaverWriter leavers;

    @Autowired
    OwnershipNotices notices;

    private Fixtures estate;

    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
        this.estate.person("olga.ops")
            .squad("payments", null, "olga.ops")
            .person("ann", "payments")
            .person("bob", "payments")
            .person("cat", "payments")
            .leaver("dan", "payments")
            .person("eve")
            .squadApps("payments", "ann", "checkout", "basket")
            .app("search", "payments", "bob");
    }

    // ------------------------------------------------------------------ recordLeaver

    @Test
    void recordLeaverMarksThePersonInactiveAndRaisesOneAlertPerOwnedApp() {
        GraphQlTester.Response first = recordLeaver(Map.of("handle", "ann"));

        first.path("recordLeaver.errors").entityList(Object.class).hasSize(0);
        first.path("recordLeaver.person.handle").entity(String.class).isEqualTo("ann");
        first.path("recordLeaver.person.active").entity(Boolean.class).isEqualTo(false);
        first.path("recordLeaver.alerts[*].app.name").entityList(String.class).containsExactly("basket", "checkout");

        GraphQlTester.Response replay = recordLeaver(Map.of("email", "ANN@example.com"));
        replay.path("recordLeaver.person.handle").entity(String.class).isEqualTo("ann");
        replay.path("recordLeaver.alerts").entityList(Object.class).hasSize(0);
        assertThat(count("MATCH (a:OwnershipAlert {status: 'OPEN', reason: 'OWNER_LEFT'}) RETURN count(a)"))
            .isEqualTo(2);
        assertThat(count("MATCH (m:OutboxMessage {destination: 'slack'}) RETURN count(m)"))
            .as("one notice per new alert, enqueued with it")
            .isEqualTo(2);
    }

    @Test
    void anUnknownOrMissingLeaverIsAUserErrorAndWritesNothing() {
        List<String> before = this.estate.snapshot();

        recordLeaver(Map.of("handle", "nobody")).path("recordLeaver.errors[0].code")
            .entity(String.class)
            .isEqualTo("NOT_FOUND");
        recordLeaver(Map.of("email", "nobody@example.com")).path("recordLeaver.errors[0].message")
            .entity(String.class)
            .isEqualTo("No person has the email 'nobody@example.com'");
        recordLeaver(Map.of()).path("recordLeaver.errors[0].code").entity(String.class).isEqualTo("INVALID");

        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aFutureLeavingDateIsScheduledAndTheSweepAppliesItWhenItIsDue() {
        OffsetDateTime inThreeDays = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0);

        GraphQlTester.Response scheduled = this.graphQl.document("""
                mutation($input: LeaverInput!) {
                  recordLeaver(input: $input) { person { handle active } alerts { id } scheduled errors { code } }
                }""").variable("input", Map.of("handle", "ann", "leftAt", inThreeDays.toString())).execute();
        scheduled.path("recordLeaver.scheduled").entity(Boolean.class).isEqualTo(true);
        scheduled.path("recordLeaver.person.active").entity(Boolean.class).isEqualTo(true);
        scheduled.path("recordLeaver.alerts").entityList(Object.class).hasSize(0);

        assertThat(this.sweep.applyDueLeavers(inThreeDays.minusMinutes(1))).as("not yet due").isZero();
        assertThat(count("MATCH (p:Person {handle: 'ann', active: true}) RETURN count(p)")).isEqualTo(1);

        assertThat(this.sweep.applyDueLeavers(inThreeDays.plusDays(1))).isEqualTo(1);
        assertThat(count("MATCH (p:Person {handle: 'ann', active: false}) WHERE p.leavingAt IS NULL "
                + "AND p.leftAt = datetime('" + inThreeDays + "') RETURN count(p)"))
            .isEqualTo(1);
        assertThat(count("MATCH (a:OwnershipAlert {status: 'OPEN', reason: 'OWNER_LEFT'})-[:FORMER_OWNER]->"
                + "(:Person {handle: 'ann'}) RETURN count(a)"))
            .isEqualTo(2);
        assertThat(this.sweep.applyDueLeavers(inThreeDays.plusDays(2))).as("applied once").isZero();
    }

    @Test
    void concurrentLeaverRequestsForOnePersonRaiseOneAlertPerApp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> raised = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Map<String, Object> who = (i % 2 == 0) ? Map.of("handle", "ann") : Map.of("email", "ann@example.com");
                Callable<Integer> request = () -> recordLeaver(who).path("recordLeaver.alerts")
                    .entityList(Object.class)
                    .get()
                    .size();
                raised.add(pool.submit(request));
            }
            int total = 0;
            for (Future<Integer> alerts : raised) {
                total += alerts.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(2);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(count("MATCH (a:OwnershipAlert) RETURN count(a)")).isEqualTo(2);
        assertThat(count("MATCH (a:OwnershipAlert)-[:FOR]->(app:App) WITH app, count(a) AS n WHERE n > 1 "
                + "RETURN count(app)"))
            .isZero();
        assertThat(count("MATCH (m:OutboxMessage {destination: 'slack'}) RETURN count(m)")).isEqualTo(2);
    }

    // ------------------------------------------------------------------ ownershipAlerts

    @Test
    void openAlertsNameTheAppItsSquadTheFormerOwnerAndSuggestions() {
        recordLeaver(Map.of("handle", "ann"));

        GraphQlTester.Response open = this.graphQl.documentName("OwnershipAlerts").variable("status", "OPEN").execute();

        assertThat(strings(open, "ownershipAlerts[*].app.name")).containsExactlyInAnyOrder("basket", "checkout");
        assertThat(strings(open, "ownershipAlerts[*].reason")).containsOnly("OWNER_LEFT");
        assertThat(strings(open, "ownershipAlerts[*].status")).containsOnly("OPEN");
        assertThat(strings(open, "ownershipAlerts[*].app.squad.name")).containsOnly("payments");
        assertThat(strings(open, "ownershipAlerts[*].formerOwner.handle")).containsOnly("ann");
        open.path("ownershipAlerts[0].resolvedAt").valueIsNull();
        open.path("ownershipAlerts[0].raisedAt").entity(String.class).satisfies(at -> assertThat(at).isNotBlank());
        open.path("ownershipAlerts[0].suggestedOwners[*].handle")
            .entityList(String.class)
            .containsExactly("bob", "cat", "olga.ops");
        this.graphQl.documentName("OwnershipAlerts")
            .variable("status", "RESOLVED")
            .execute()
            .path("ownershipAlerts")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void suggestionsPutRecentReleasersFirstThenTheSquadThenTheBuddyAndNeverLeavers() {
        // bob released checkout yesterday, cat a week ago, dan (who left) an hour ago,
        // and
        // eve (not in the squad) just now: cat and bob lead, dan and eve never show.
        this.estate.run(
                """
                        MATCH (app:App {name: 'checkout'})
                        UNWIND [['r1', 'cat', 7 * 24], ['r2', 'bob', 24], ['r3', 'dan', 1], ['r4', 'eve', 0], ['r5', 'cat', 8 * 24]]
                          AS r
                        MATCH (p:Person {handle: r[1]})
                        CREATE (rel:Release {externalId: r[0], status: 'SUCCEEDED', environment: 'prod',
                                             startedAt: datetime() - duration({hours: r[2]})})-[:OF]->(app)
                        CREATE (rel)-[:TRIGGERED_BY]->(p)
                        """,
                Map.of());
        this.estate.person("abe", "payments");
        recordLeaver(Map.of("handle", "ann"));

        GraphQlTester.Response alerts = this.graphQl.document("""
                { ownershipAlerts(status: OPEN) { app { name } %s } }""".formatted(ALERT_FIELDS)).execute();

        List<Map<String, Object>> checkout = castList(
                alerts.path("ownershipAlerts[?(@.app.name == 'checkout')].suggestions")
                    .entityList(Object.class)
                    .get()
                    .get(0));
        assertThat(checkout.stream().map(s -> String.valueOf(((Map<?, ?>) s.get("person")).get("handle"))).toList())
            .containsExactly("bob", "cat", "abe", "olga.ops");
        assertThat(checkout.stream().map(s -> s.get("reason")).toList()).containsExactly("RECENT_RELEASER",
                "RECENT_RELEASER", "SQUAD_MEMBER", "SQUAD_BUDDY");
        assertThat(checkout.get(0).get("lastReleasedAt")).isNotNull();
        assertThat(checkout.get(2).get("lastReleasedAt")).isNull();

        this.graphQl.document("{ app(name: \"search\") { ownerSuggestions { person { handle } reason } } }")
            .execute()
            .path("app.ownerSuggestions[*].person.handle")
            .entityList(String.class)
            .containsExactly("abe", "cat", "olga.ops");
    }

    @Test
    void suggestionsAreAtMostFive() {
        for (String handle : List.of("p1", "p2", "p3", "p4", "p5", "p6")) {
            this.estate.person(handle, "payments");
        }
        recordLeaver(Map.of("handle", "ann"));

        this.graphQl.documentName("OwnershipAlerts")
            .variable("status", "OPEN")
            .execute()
            .path("ownershipAlerts[0].suggestedOwners[*].handle")
            .entityList(String.class)
            .containsExactly("bob", "cat", "p1", "p2", "p3");
    }

    // ------------------------------------------------------------------ reassignOwner

    @Test
    void reassigningResolvesTheAppsAlertAndTheHistoryShowsTheChange() {
        recordLeaver(Map.of("handle", "ann"));

        GraphQlTester.Response reassigned = this.graphQl.document("""
                mutation($input: ReassignOwnerInput!) {
                  reassignOwner(input: $input) {
                    app { name owner { handle } ownershipAlerts { id } }
                    resolvedAlerts { %s }
                    errors { code message }
                  }
                }""".formatted(ALERT_FIELDS))
            .variable("input", Map.of("app", "checkout", "owner", "bob", "by", "olga.ops"))
            .execute();

        reassigned.path("reassignOwner.errors").entityList(Object.class).hasSize(0);
        reassigned.path("reassignOwner.app.owner.handle").entity(String.class).isEqualTo("bob");
        reassigned.path("reassignOwner.app.ownershipAlerts").entityList(Object.class).hasSize(0);
        reassigned.path("reassignOwner.resolvedAlerts[*].status").entityList(String.class).containsExactly("RESOLVED");
        reassigned.path("reassignOwner.resolvedAlerts[0].resolvedBy.handle").entity(String.class).isEqualTo("olga.ops");
        reassigned.path("reassignOwner.resolvedAlerts[0].resolvedAt")
            .entity(String.class)
            .satisfies(at -> assertThat(at).isNotBlank());
        assertThat(count("MATCH (a:OwnershipAlert {status: 'RESOLVED'}) WHERE a.openKey IS NULL RETURN count(a)"))
            .isEqualTo(1);

        this.graphQl.documentName("OwnershipAlerts")
            .variable("status", "OPEN")
            .execute()
            .path("ownershipAlerts[*].app.name")
            .entityList(String.class)
            .containsExactly("basket");
        GraphQlTester.Response history = this.graphQl
            .document("{ app(name: \"checkout\") { ownershipHistory { role name until } } }")
            .execute();
        history.path("app.ownershipHistory[?(@.role == 'OWNER')].name")
            .entityList(String.class)
            .containsExactly("bob", "ann");
    }

    @Test
    void theContractsReassignOwnerAnswersTheNewOwner() {
        recordLeaver(Map.of("handle", "ann"));

        GraphQlTester.Response reassigned = this.graphQl.documentName("ReassignOwner")
            .variable("input", Map.of("app", "basket", "owner", "cat"))
            .execute();

        reassigned.path("reassignOwner.app.name").entity(String.class).isEqualTo("basket");
        reassigned.path("reassignOwner.app.owner.handle").entity(String.class).isEqualTo("cat");
        reassigned.path("reassignOwner.errors").entityList(Object.class).hasSize(0);
        assertThat(count("MATCH (a:OwnershipAlert {status: 'RESOLVED'})-[:FOR]->(:App {name: 'basket'}) "
                + "WHERE a.resolvedBy IS NULL RETURN count(a)"))
            .isEqualTo(1);
    }

    @Test
    void anInactiveOrUnknownNewOwnerIsAUserErrorAndChangesNothing() {
        recordLeaver(Map.of("handle", "ann"));
        List<String> before = this.estate.snapshot();

        GraphQlTester.Response leaver = this.graphQl.documentName("ReassignOwner")
            .variable("input", Map.of("app", "checkout", "owner", "dan"))
            .execute();
        leaver.path("reassignOwner.app").valueIsNull();
        leaver.path("reassignOwner.errors[0].code").entity(String.class).isEqualTo("INVALID");
        leaver.path("reassignOwner.errors[0].message")
            .entity(String.class)
            .isEqualTo("'dan' has left and cannot own apps");
        this.graphQl.documentName("ReassignOwner")
            .variable("input", Map.of("app", "checkout", "owner", "nobody"))
            .execute()
            .path("reassignOwner.errors[0].code")
            .entity(String.class)
            .isEqualTo("NOT_FOUND");
        this.graphQl.documentName("ReassignOwner")
            .variable("input", Map.of("app", "no-such-app", "owner", "bob"))
            .execute()
            .path("reassignOwner.errors[0].message")
            .entity(String.class)
            .isEqualTo("No app is named 'no-such-app'");

        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ the sweep

    @Test
    void theSweepRaisesNoOwnerAndOwnerLeftAlertsOnceAndResolvesThemWhenAnOwnerIsSet() {
        this.estate.app("orphan", "payments", null).app("stale", "payments", "dan");

        OwnershipSweep.Outcome first = this.sweep.sweep();
        OwnershipSweep.Outcome second = this.sweep.sweep();

        assertThat(first).isEqualTo(new OwnershipSweep.Outcome(0, 1, 1, 0));
        assertThat(second.changedAnything()).as("a second sweep raises nothing").isFalse();
        GraphQlTester.Response open = this.graphQl.document("""
                { ownershipAlerts(status: OPEN) { reason app { name } formerOwner { handle } } }""").execute();
        open.path("ownershipAlerts[?(@.app.name == 'orphan')].reason")
            .entityList(String.class)
            .containsExactly("NO_OWNER");
        open.path("ownershipAlerts[?(@.app.name == 'stale')].formerOwner.handle")
            .entityList(String.class)
            .containsExactly("dan");
        assertThat(count("MATCH (m:OutboxMessage {destination: 'slack'}) RETURN count(m)")).isEqualTo(2);

        // upsertApp gives orphan an owner: that resolves its NO_OWNER alert at once.
        this.graphQl.document("""
                mutation { upsertApp(input: { name: "orphan", owner: "cat" }) { errors { message } } }""")
            .execute()
            .path("upsertApp.errors")
            .entityList(Object.class)
            .hasSize(0);
        assertThat(this.sweep.sweep().changedAnything()).isFalse();
        this.graphQl.documentName("OwnershipAlerts")
            .variable("status", "RESOLVED")
            .execute()
            .path("ownershipAlerts[*].app.name")
            .entityList(String.class)
            .containsExactly("orphan");
    }

    @Test
    void theSweepResolvesAlertsOfAppsGivenAnOwnerBehindTheApisBack() {
        this.estate.app("orphan", "payments", null);
        this.sweep.sweep();
        this.estate.run("""
                MATCH (app:App {name: 'orphan'}), (p:Person {handle: 'cat'}) CREATE (app)-[:HAS_OWNER]->(p)""",
                Map.of());

        assertThat(this.sweep.sweep()).isEqualTo(new OwnershipSweep.Outcome(0, 0, 0, 1));
        assertThat(count("MATCH (a:OwnershipAlert {status: 'RESOLVED'}) WHERE a.openKey IS NULL "
                + "AND a.resolvedAt IS NOT NULL RETURN count(a)"))
            .isEqualTo(1);
    }

    @Test
    void aReactivatedOwnerDoesNotSilentlyTakeTheirAppsBack() {
        recordLeaver(Map.of("handle", "ann"));
        this.estate.run("MATCH (p:Person {handle: 'ann'}) SET p.active = true REMOVE p.leftAt", Map.of());

        assertThat(this.sweep.sweep().changedAnything()).isFalse();
        assertThat(count("MATCH (a:OwnershipAlert {status: 'OPEN'}) RETURN count(a)")).isEqualTo(2);
    }

    @Test
    void theSweepWorksInBatchesUntilNothingIsLeft() {
        this.estate.apps("a1", "a2", "a3", "a4", "a5");
        OwnershipSweep smallBatches = new OwnershipSweep(this.cypher, this.leavers, this.notices,
                new OwnershipProperties(true, Duration.ofMinutes(1), 2), Clock.systemUTC());

        assertThat(smallBatches.sweep().noOwner()).isEqualTo(5);
        assertThat(count("MATCH (a:OwnershipAlert {reason: 'NO_OWNER', status: 'OPEN'}) RETURN count(a)")).isEqualTo(5);
    }

    // ------------------------------------------------------------------ ownershipHealth

    @Test
    void ownershipHealthCountsTheGapsEstateWideAndPerSquad() {
        this.estate.squad("search-squad")
            .leaver("old.ops")
            .squad("legacy", null, "old.ops")
            .app("orphan", "payments", null)
            .app("stale", "payments", "dan")
            .app("outsider", "payments", "eve")
            .squadApps("search-squad", "bob", "s1", "s2", "s3");

        String query = """
                query($squad: String, $max: Int) {
                  ownershipHealth(squad: $squad, maxAppsPerOwner: $max, sample: 2) {
                    squad apps
                    ownerLeft { count names } noOwner { count names } ownerOutsideSquad { count names }
                    squadsWithoutBuddy { count names } squadsWhoseBuddyLeft { count names }
                    overloadedOwnerCount overloadedOwners { person { handle } apps }
                  }
                }""";
        GraphQlTester.Response estate = this.graphQl.document(query).variable("max", 2).execute();
        estate.path("ownershipHealth.apps").entity(Integer.class).isEqualTo(9);
        estate.path("ownershipHealth.ownerLeft.names").entityList(String.class).containsExactly("stale");
        estate.path("ownershipHealth.noOwner.names").entityList(String.class).containsExactly("orphan");
        estate.path("ownershipHealth.ownerOutsideSquad.count").entity(Integer.class).isEqualTo(4);
        estate.path("ownershipHealth.ownerOutsideSquad.names")
            .entityList(String.class)
            .containsExactly("outsider", "s1");
        estate.path("ownershipHealth.squadsWithoutBuddy.names")
            .entityList(String.class)
            .containsExactly("search-squad");
        estate.path("ownershipHealth.squadsWhoseBuddyLeft.names").entityList(String.class).containsExactly("legacy");
        estate.path("ownershipHealth.overloadedOwnerCount").entity(Integer.class).isEqualTo(1);
        estate.path("ownershipHealth.overloadedOwners[0].person.handle").entity(String.class).isEqualTo("bob");
        estate.path("ownershipHealth.overloadedOwners[0].apps").entity(Integer.class).isEqualTo(4);

        GraphQlTester.Response payments = this.graphQl.document(query)
            .variable("squad", "payments")
            .variable("max", 2)
            .execute();
        payments.path("ownershipHealth.squad").entity(String.class).isEqualTo("payments");
        payments.path("ownershipHealth.apps").entity(Integer.class).isEqualTo(6);
        payments.path("ownershipHealth.ownerOutsideSquad.names").entityList(String.class).containsExactly("outsider");
        payments.path("ownershipHealth.squadsWithoutBuddy.count").entity(Integer.class).isEqualTo(0);
        payments.path("ownershipHealth.overloadedOwnerCount").entity(Integer.class).isEqualTo(0);

        this.graphQl.document(query)
            .variable("squad", "nope")
            .execute()
            .errors()
            .expect(error -> "NOT_FOUND".equals(String.valueOf(error.getErrorType())))
            .verify();
    }

    private GraphQlTester.Response recordLeaver(Map<String, Object> input) {
        return this.graphQl.documentName("RecordLeaver").variable("input", input).execute();
    }

    private static List<String> strings(GraphQlTester.Response response, String path) {
        return response.path(path).entityList(String.class).get();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object list) {
        return (List<Map<String, Object>>) list;
    }

}
