package io.appgraph.ownership;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Who is accountable for an app now (the ownership chain) and who was before (the
 * history).
 */
class OwnershipIT extends IntegrationTest {

    private Fixtures estate;

    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
    }

    // ------------------------------------------------------------------ ownershipChain

    @Test
    void theChainGoesOwnerSquadBuddyThenEachGroupUpToTheRoot() {
        fullOrganisation();
        this.estate.app("payments-api", "payments", "jane.doe");

        List<Link> chain = chain("payments-api");

        assertThat(chain).containsExactly(new Link("OWNER", "jane.doe", "Jane Doe", "jane.doe@example.com", true),
                new Link("SQUAD", "payments", null, "#payments", null),
                new Link("BUDDY", "olga.ops", "Olga Ops", "olga.ops@example.com", true),
                new Link("GROUP", "payments-chapter", "chapter", null, null),
                new Link("GROUP", "money", "tribe", null, null),
                new Link("GROUP", "engineering", "department", null, null));
    }

    @Test
    void theAppPageShowsTheChainByRoleAndName() {
        fullOrganisation();
        this.estate.app("payments-api", "payments", "jane.doe");

        var page = this.graphQl.documentName("AppPage").variable("name", "payments-api").execute();

        page.path("app.ownershipChain[*].role")
            .entityList(String.class)
            .containsExactly("OWNER", "SQUAD", "BUDDY", "GROUP", "GROUP", "GROUP");
        page.path("app.ownershipChain[*].name")
            .entityList(String.class)
            .containsExactly("jane.doe", "payments", "olga.ops", "payments-chapter", "money", "engineering");
    }

    @Test
    void withoutAnOwnerTheChainStartsAtTheSquad() {
        fullOrganisation();
        this.estate.app("payments-api", "payments", null);

        assertThat(chain("payments-api")).extracting(Link::role, Link::name)
            .containsExactly(tuple("SQUAD", "payments"), tuple("BUDDY", "olga.ops"), tuple("GROUP", "payments-chapter"),
                    tuple("GROUP", "money"), tuple("GROUP", "engineering"));
    }

    @Test
    void aSquadWithoutBuddySkipsTheBuddy() {
        this.estate.group("engineering", "department", null)
            .squad("payments", "engineering", null)
            .person("jane.doe")
            .app("payments-api", "payments", "jane.doe");

        assertThat(chain("payments-api")).extracting(Link::role, Link::name)
            .containsExactly(tuple("OWNER", "jane.doe"), tuple("SQUAD", "payments"), tuple("GROUP", "engineering"));
    }

    @Test
    void aSquadOutsideAnyGroupEndsTheChain() {
        this.estate.person("olga.ops")
            .squad("payments", null, "olga.ops")
            .person("jane.doe")
            .app("payments-api", "payments", "jane.doe");

        assertThat(chain("payments-api")).extracting(Link::role, Link::name)
            .containsExactly(tuple("OWNER", "jane.doe"), tuple("SQUAD", "payments"), tuple("BUDDY", "olga.ops"));
    }

    @Test
    void withoutASquadTheChainIsTheOwnerAlone() {
        this.estate.person("jane.doe").app("payments-api", null, "jane.doe");

        assertThat(chain("payments-api")).extracting(Link::role, Link::name)
            .containsExactly(tuple("OWNER", "jane.doe"));
    }

    @Test
    void anAppNobodyOwnsHasAnEmptyChain() {
        this.estate.apps("orphan");

        assertThat(chain("orphan")).isEmpty();
    }

    @Test
    void peopleWhoHaveLeftAreShownInactive() {
        this.estate.leaver("old.ops")
            .leaver("old.timer")
            .squad("payments", null, "old.ops")
            .app("payments-api", "payments", "old.timer");

        assertThat(chain("payments-api")).extracting(Link::role, Link::name, Link::active)
            .containsExactly(tuple("OWNER", "old.timer", false), tuple("SQUAD", "payments", null),
                    tuple("BUDDY", "old.ops", false));
    }

    // ------------------------------------------------------------------ ownershipHistory

    @Test
    void changingOwnerAndSquadKeepsThePreviousOnesWithTheirEnd() {
        this.estate.person("olga.ops")
            .squad("payments", null, "olga.ops")
            .squad("billing", null, "olga.ops")
            .person("jane.doe")
            .person("john.roe");
        upsertApp(Map.of("name", "payments-api", "squad", "payments", "owner", "jane.doe"));

        upsertApp(Map.of("name", "payments-api", "squad", "billing", "owner", "john.roe"));

        List<Period> history = history("payments-api");
        assertThat(history).extracting(Period::role, Period::name, p -> p.until() == null)
            .containsExactlyInAnyOrder(tuple("OWNER", "john.roe", true), tuple("SQUAD", "billing", true),
                    tuple("OWNER", "jane.doe", false), tuple("SQUAD", "payments", false));
        assertThat(history.subList(0, 2)).as("current first").allSatisfy(p -> assertThat(p.until()).isNull());
        assertThat(history).allSatisfy(p -> assertThat(p.since()).isNotNull());
        assertThat(history.subList(2, 4)).allSatisfy(
                p -> assertThat(OffsetDateTime.parse(p.until())).isAfterOrEqualTo(OffsetDateTime.parse(p.since())));
        Period previousOwner = history.stream().filter(p -> p.name().equals("jane.doe")).findFirst().orElseThrow();
        Period currentOwner = history.stream().filter(p -> p.name().equals("john.roe")).findFirst().orElseThrow();
        assertThat(OffsetDateTime.parse(currentOwner.since()))
            .isAfterOrEqualTo(OffsetDateTime.parse(previousOwner.until()));
        this.graphQl.documentName("AppPage")
            .variable("name", "payments-api")
            .execute()
            .path("app.owner.handle")
            .entity(String.class)
            .isEqualTo("john.roe")
            .path("app.squad.name")
            .entity(String.class)
            .isEqualTo("billing");
        assertThat(count("MATCH (:App {name: 'payments-api'})-[r:HAS_OWNER]->() RETURN count(r)")).isEqualTo(1);
        assertThat(count("MATCH (:App {name: 'payments-api'})-[r:OWNED_BY]->() RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void previousOwnersAreListedNewestFirst() {
        this.estate.squad("payments").person("jane.doe").person("john.roe").person("ann.lee");
        upsertApp(Map.of("name", "payments-api", "squad", "payments", "owner", "jane.doe"));
        upsertApp(Map.of("name", "payments-api", "owner", "john.roe"));
        upsertApp(Map.of("name", "payments-api", "owner", "ann.lee"));

        List<Period> owners = history("payments-api").stream().filter(p -> p.role().equals("OWNER")).toList();

        assertThat(owners).extracting(Period::name).containsExactly("ann.lee", "john.roe", "jane.doe");
        assertThat(owners.get(0).until()).isNull();
        assertThat(OffsetDateTime.parse(owners.get(1).until()))
            .isAfterOrEqualTo(OffsetDateTime.parse(owners.get(2).until()));
        assertThat(history("payments-api")).filteredOn(p -> p.role().equals("SQUAD"))
            .extracting(Period::name, Period::until)
            .containsExactly(tuple("payments", null));
    }

    @Test
    void anUpsertThatKeepsOwnerAndSquadAddsNoHistory() {
        this.estate.squad("payments").person("jane.doe");
        upsertApp(Map.of("name", "payments-api", "squad", "payments", "owner", "jane.doe"));

        upsertApp(Map.of("name", "payments-api", "squad", "payments", "owner", "jane.doe", "tier", "TIER_1"));

        assertThat(history("payments-api")).extracting(Period::role, Period::name, Period::until)
            .containsExactlyInAnyOrder(tuple("OWNER", "jane.doe", null), tuple("SQUAD", "payments", null));
    }

    @Test
    void anAppThatNeverHadOwnersHasNoHistory() {
        this.estate.apps("orphan");

        assertThat(history("orphan")).isEmpty();
    }

    @Test
    void aRejectedOwnerChangeAddsNoHistory() {
        this.estate.squad("payments").person("jane.doe").leaver("old.timer");
        upsertApp(Map.of("name", "payments-api", "squad", "payments", "owner", "jane.doe"));

        this.graphQl.documentName("UpsertApp")
            .variable("input", Map.of("name", "payments-api", "owner", "old.timer"))
            .execute()
            .path("upsertApp.errors[*].code")
            .entityList(String.class)
            .containsExactly("INVALID");

        assertThat(history("payments-api")).extracting(Period::name, Period::until)
            .containsExactlyInAnyOrder(tuple("jane.doe", null), tuple("payments", null));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * engineering (department) <- money (tribe) <- payments-chapter (chapter) <-
     * payments, buddy olga.ops.
     */
    private void fullOrganisation() {
        this.estate.group("engineering", "department", null)
            .group("money", "tribe", "engineering")
            .group("payments-chapter", "chapter", "money")
            .person("olga.ops")
            .squad("payments", "payments-chapter", "olga.ops")
            .person("jane.doe", "payments");
    }

    private void upsertApp(Map<String, Object> input) {
        this.graphQl.documentName("UpsertApp")
            .variable("input", new HashMap<>(input))
            .execute()
            .path("upsertApp.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("upsertApp.app.name")
            .entity(String.class)
            .isEqualTo((String) input.get("name"));
    }

    private List<Link> chain(String app) {
        return this.graphQl.documentName("AppOwnership")
            .variable("name", app)
            .execute()
            .path("app.ownershipChain")
            .entityList(Link.class)
            .get();
    }

    private List<Period> history(String app) {
        return this.graphQl.documentName("AppOwnership")
            .variable("name", app)
            .execute()
            .path("app.ownershipHistory")
            .entityList(Period.class)
            .get();
    }

    record Link(String role, String name, String title, String contact, Boolean active) {
    }

    /** since and until as the API sends them, ISO-8601 text. */
    record Period(String role, String name, String since, String until) {
    }

}
