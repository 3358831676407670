package io.appgraph.org;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Groups, squads and people: their upserts and the Squad and Person queries. */
class OrganisationIT extends IntegrationTest {

    private Fixtures estate;

    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
    }

    // ------------------------------------------------------------------ groups

    @Test
    void upsertGroupBuildsATreeOfGroups() {
        upsertGroup(Map.of("name", "engineering", "type", "department"));
        upsertGroup(Map.of("name", "money", "type", "tribe", "parent", "engineering"));
        upsertGroup(Map.of("name", "payments-chapter", "type", "chapter", "parent", "money"));

        var tribe = this.graphQl.documentName("GroupTree").variable("name", "money").execute();
        tribe.path("group.name").entity(String.class).isEqualTo("money");
        tribe.path("group.type").entity(String.class).isEqualTo("tribe");
        tribe.path("group.parent.name").entity(String.class).isEqualTo("engineering");
        tribe.path("group.children[*].name").entityList(String.class).containsExactly("payments-chapter");
        assertThat(count("MATCH (g:Group {name: 'engineering'})-[:PART_OF]->() RETURN count(g)")).isZero();
    }

    @Test
    void upsertGroupThatOmitsTypeAndParentKeepsThem() {
        this.estate.group("engineering", "department", null).group("money", "tribe", "engineering");

        upsertGroup(Map.of("name", "money"));

        var tribe = this.graphQl.documentName("GroupTree").variable("name", "money").execute();
        tribe.path("group.type").entity(String.class).isEqualTo("tribe");
        tribe.path("group.parent.name").entity(String.class).isEqualTo("engineering");
    }

    @Test
    void aNewParentReplacesTheOldOne() {
        this.estate.group("engineering", "department", null)
            .group("operations", "department", null)
            .group("money", "tribe", "engineering");

        upsertGroup(Map.of("name", "money", "parent", "operations"));

        this.graphQl.documentName("GroupTree")
            .variable("name", "money")
            .execute()
            .path("group.parent.name")
            .entity(String.class)
            .isEqualTo("operations");
        assertThat(count("MATCH (:Group {name: 'money'})-[r:PART_OF]->() RETURN count(r)")).isEqualTo(1);
        assertThat(count("MATCH (:Group)-[r:PART_OF]->(:Group {name: 'engineering'}) RETURN count(r)")).isZero();
    }

    @Test
    void aParentThatWouldCloseACycleIsRejected() {
        this.estate.group("engineering", "department", null)
            .group("money", "tribe", "engineering")
            .group("payments-chapter", "chapter", "money");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = errors("UpsertGroupErrors", "upsertGroup",
                Map.of("name", "engineering", "type", "division", "parent", "payments-chapter"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "parent");
            assertThat(error.message()).contains("payments-chapter").contains("engineering").contains("cycle");
        });
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aGroupCannotBeItsOwnParent() {
        this.estate.group("engineering", "department", null);
        List<String> before = this.estate.snapshot();

        List<UserError> errors = errors("UpsertGroupErrors", "upsertGroup",
                Map.of("name", "engineering", "parent", "engineering"));

        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactly(tuple("INVALID", List.of("input", "parent")));
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void anUnknownParentGroupIsNotFound() {
        List<UserError> errors = errors("UpsertGroupErrors", "upsertGroup",
                Map.of("name", "money", "type", "tribe", "parent", "no-such-group"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("NOT_FOUND");
            assertThat(error.field()).containsExactly("input", "parent");
            assertThat(error.message()).contains("no-such-group");
        });
        assertThat(count("MATCH (g:Group) RETURN count(g)")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Engineering", "the engineers", "-engineering", "engineering-", "eng_team",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void aGroupNameThatIsNotADnsLabelIsRejected(String name) {
        this.graphQl.documentName("UpsertGroup")
            .variable("input", Map.of("name", name, "type", "department"))
            .execute()
            .path("upsertGroup.group")
            .valueIsNull()
            .path("upsertGroup.errors[*].code")
            .entityList(String.class)
            .containsExactly("INVALID")
            .path("upsertGroup.errors[0].message")
            .entity(String.class)
            .satisfies(message -> assertThat(message).contains("'" + name + "'").contains("DNS label"));
        assertThat(count("MATCH (g:Group) RETURN count(g)")).isZero();
    }

    @Test
    void aRootGroupHasNoParent() {
        this.estate.group("engineering", "department", null).group("money", "tribe", "engineering");

        var root = this.graphQl.documentName("GroupTree").variable("name", "engineering").execute();
        root.path("group.parent").valueIsNull();
        root.path("group.children[*].name").entityList(String.class).containsExactly("money");
    }

    // ------------------------------------------------------------------ squads

    @Test
    void upsertSquadCreatesASquadThatTheSquadQueryShows() {
        this.estate.group("money", "tribe", null).person("olga.ops");

        this.graphQl.documentName("UpsertSquad")
            .variable("input",
                    Map.of("name", "payments", "description", "Card payments end to end", "slackChannel",
                            "team-payments", "parent", "money", "buddy", "olga.ops"))
            .execute()
            .path("upsertSquad.squad.name")
            .entity(String.class)
            .isEqualTo("payments")
            .path("upsertSquad.errors")
            .entityList(Object.class)
            .hasSize(0);

        var squad = this.graphQl.documentName("SquadDetails").variable("name", "payments").execute();
        squad.path("squad.description").entity(String.class).isEqualTo("Card payments end to end");
        squad.path("squad.slackChannel").entity(String.class).isEqualTo("#team-payments");
        squad.path("squad.group.name").entity(String.class).isEqualTo("money");
        squad.path("squad.buddy.handle").entity(String.class).isEqualTo("olga.ops");
        this.graphQl.documentName("Squad")
            .variable("name", "payments")
            .execute()
            .path("squad.name")
            .entity(String.class)
            .isEqualTo("payments")
            .path("squad.buddy.handle")
            .entity(String.class)
            .isEqualTo("olga.ops")
            .path("squad.members")
            .entityList(Object.class)
            .hasSize(0)
            .path("squad.apps")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void upsertSquadThatOmitsFieldsKeepsThemAndANewBuddyReplacesTheOld() {
        this.estate.group("money", "tribe", null).person("olga.ops").person("ivan.ops");
        upsertSquad(Map.of("name", "payments", "description", "Card payments", "slackChannel", "#team-payments",
                "parent", "money", "buddy", "olga.ops"));

        upsertSquad(Map.of("name", "payments", "buddy", "ivan.ops"));

        var squad = this.graphQl.documentName("SquadDetails").variable("name", "payments").execute();
        squad.path("squad.description").entity(String.class).isEqualTo("Card payments");
        squad.path("squad.slackChannel").entity(String.class).isEqualTo("#team-payments");
        squad.path("squad.group.name").entity(String.class).isEqualTo("money");
        squad.path("squad.buddy.handle").entity(String.class).isEqualTo("ivan.ops");
        assertThat(count("MATCH (:Squad {name: 'payments'})-[r:HAS_BUDDY]->() RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void unknownGroupAndBuddyAreNotFoundAndNothingIsWritten() {
        List<UserError> errors = errors("UpsertSquadErrors", "upsertSquad",
                Map.of("name", "payments", "parent", "no-such-group", "buddy", "no.such.person"));

        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactlyInAnyOrder(tuple("NOT_FOUND", List.of("input", "parent")),
                    tuple("NOT_FOUND", List.of("input", "buddy")));
        assertThat(errors).extracting(UserError::message)
            .anySatisfy(message -> assertThat(message).contains("no-such-group"))
            .anySatisfy(message -> assertThat(message).contains("no.such.person"));
        assertThat(count("MATCH (s:Squad) RETURN count(s)")).isZero();
    }

    @Test
    void aBuddyWhoHasLeftIsRejectedAndTheSquadKeepsItsValues() {
        this.estate.group("money", "tribe", null)
            .person("olga.ops")
            .leaver("old.timer")
            .squad("payments", "money", "olga.ops");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = errors("UpsertSquadErrors", "upsertSquad",
                Map.of("name", "payments", "description", "Changed", "buddy", "old.timer"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "buddy");
            assertThat(error.message()).contains("old.timer").contains("has left");
        });
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Team Payments", "#Payments", "##payments", "#" })
    void aSlackChannelThatIsNotAChannelNameIsRejected(String channel) {
        List<UserError> errors = errors("UpsertSquadErrors", "upsertSquad",
                Map.of("name", "payments", "slackChannel", channel));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "slackChannel");
            assertThat(error.message()).contains(channel);
        });
        assertThat(count("MATCH (s:Squad) RETURN count(s)")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Payments", "pay ments", "-payments" })
    void aSquadNameThatIsNotADnsLabelIsRejected(String name) {
        List<UserError> errors = errors("UpsertSquadErrors", "upsertSquad", Map.of("name", name));

        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactly(tuple("INVALID", List.of("input", "name")));
        assertThat(count("MATCH (s:Squad) RETURN count(s)")).isZero();
    }

    @Test
    void theSquadQueryShowsMembersWithWhetherTheyAreActiveAndTheSquadsApps() {
        this.estate.group("money", "tribe", null)
            .person("olga.ops")
            .squad("payments", "money", "olga.ops")
            .squad("search", "money", "olga.ops")
            .person("jane.doe", "payments")
            .person("ann.lee", "payments", "search")
            .leaver("old.timer", "payments")
            .person("bob.search", "search")
            .squadApps("payments", "jane.doe", "payments-api", "ledger")
            .squadApps("search", "ann.lee", "finder");

        var squad = this.graphQl.documentName("Squad").variable("name", "payments").execute();
        squad.path("squad.name").entity(String.class).isEqualTo("payments");
        squad.path("squad.buddy.handle").entity(String.class).isEqualTo("olga.ops");
        assertThat(squad.path("squad.members").entityList(Member.class).get())
            .containsExactly(new Member("ann.lee", true), new Member("jane.doe", true), new Member("old.timer", false));
        squad.path("squad.apps[*].name").entityList(String.class).containsExactly("ledger", "payments-api");
    }

    @Test
    void anUnknownSquadIsNull() {
        this.graphQl.documentName("Squad").variable("name", "no-such-squad").execute().path("squad").valueIsNull();
    }

    @Test
    void aSquadWithoutBuddyOrGroupShowsThemAsNull() {
        this.estate.squad("payments").person("jane.doe", "payments");

        this.graphQl.documentName("Squad")
            .variable("name", "payments")
            .execute()
            .path("squad.buddy")
            .valueIsNull()
            .path("squad.members[*].handle")
            .entityList(String.class)
            .containsExactly("jane.doe");
        this.graphQl.documentName("SquadDetails")
            .variable("name", "payments")
            .execute()
            .path("squad.group")
            .valueIsNull();
    }

    // ------------------------------------------------------------------ people

    @Test
    void upsertPersonCreatesAnActivePersonThatThePersonQueryShows() {
        this.estate.squad("payments").squad("search");

        this.graphQl.documentName("UpsertPerson")
            .variable("input",
                    Map.of("handle", "jane.doe", "name", "Jane Doe", "email", "jane.doe@example.com", "squads",
                            List.of("search", "payments")))
            .execute()
            .path("upsertPerson.person.handle")
            .entity(String.class)
            .isEqualTo("jane.doe")
            .path("upsertPerson.person.active")
            .entity(Boolean.class)
            .isEqualTo(true)
            .path("upsertPerson.errors")
            .entityList(Object.class)
            .hasSize(0);

        var person = this.graphQl.documentName("Person").variable("handle", "jane.doe").execute();
        person.path("person.handle").entity(String.class).isEqualTo("jane.doe");
        person.path("person.name").entity(String.class).isEqualTo("Jane Doe");
        person.path("person.email").entity(String.class).isEqualTo("jane.doe@example.com");
        person.path("person.active").entity(Boolean.class).isEqualTo(true);
        person.path("person.leftAt").valueIsNull();
        person.path("person.squads[*].name").entityList(String.class).containsExactly("payments", "search");
        person.path("person.ownedApps").entityList(Object.class).hasSize(0);
    }

    @Test
    void squadsReplaceMembershipsWhenGivenAndAreKeptWhenOmitted() {
        this.estate.squad("payments").squad("search").squad("billing").person("jane.doe", "payments", "search");

        upsertPerson(Map.of("handle", "jane.doe", "squads", List.of("search", "billing")));
        this.graphQl.documentName("Person")
            .variable("handle", "jane.doe")
            .execute()
            .path("person.squads[*].name")
            .entityList(String.class)
            .containsExactly("billing", "search");

        upsertPerson(Map.of("handle", "jane.doe", "name", "Jane Q. Doe"));
        this.graphQl.documentName("Person")
            .variable("handle", "jane.doe")
            .execute()
            .path("person.name")
            .entity(String.class)
            .isEqualTo("Jane Q. Doe")
            .path("person.email")
            .entity(String.class)
            .isEqualTo("jane.doe@example.com")
            .path("person.squads[*].name")
            .entityList(String.class)
            .containsExactly("billing", "search");

        upsertPerson(Map.of("handle", "jane.doe", "squads", List.of()));
        assertThat(count("MATCH (:Person {handle: 'jane.doe'})-[r:MEMBER_OF]->() RETURN count(r)")).isZero();
    }

    @Test
    void anEmailUsedByAnotherPersonIsAConflict() {
        this.estate.person("jane.doe");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = errors("UpsertPersonErrors", "upsertPerson",
                Map.of("handle", "john.roe", "name", "John Roe", "email", "jane.doe@example.com"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("CONFLICT");
            assertThat(error.field()).containsExactly("input", "email");
            assertThat(error.message()).contains("jane.doe@example.com").contains("'jane.doe'");
        });
        assertThat(count("MATCH (p:Person {handle: 'john.roe'}) RETURN count(p)")).isZero();
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void emailsConflictWhateverTheirCase() {
        this.estate.person("jane.doe").person("john.roe");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = errors("UpsertPersonErrors", "upsertPerson",
                Map.of("handle", "john.roe", "email", "Jane.Doe@EXAMPLE.com"));

        assertThat(errors).extracting(UserError::code).containsExactly("CONFLICT");
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aPersonMayKeepTheirOwnEmail() {
        this.estate.person("jane.doe");

        upsertPerson(Map.of("handle", "jane.doe", "name", "Jane Doe-Smith", "email", "jane.doe@example.com"));

        this.graphQl.documentName("Person")
            .variable("handle", "jane.doe")
            .execute()
            .path("person.name")
            .entity(String.class)
            .isEqualTo("Jane Doe-Smith");
    }

    @Test
    void anUnknownSquadAmongKnownOnesChangesNoMembership() {
        this.estate.squad("payments").squad("search").person("jane.doe", "payments");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = errors("UpsertPersonErrors", "upsertPerson",
                Map.of("handle", "jane.doe", "name", "Jane Changed", "squads", List.of("search", "no-such-squad")));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("NOT_FOUND");
            assertThat(error.field()).containsExactly("input", "squads");
            assertThat(error.message()).contains("no-such-squad");
        });
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aNewPersonInAnUnknownSquadIsNotCreated() {
        List<UserError> errors = errors("UpsertPersonErrors", "upsertPerson",
                Map.of("handle", "jane.doe", "squads", List.of("no-such-squad")));

        assertThat(errors).extracting(UserError::code).containsExactly("NOT_FOUND");
        assertThat(count("MATCH (p:Person) RETURN count(p)")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "jane doe", ".jane", "jane@doe", "",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 65 */ })
    void aHandleOfTheWrongShapeIsRejected(String handle) {
        List<UserError> errors = errors("UpsertPersonErrors", "upsertPerson", Map.of("handle", handle, "name", "X"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "handle");
            assertThat(error.message()).contains("'" + handle + "'");
        });
        assertThat(count("MATCH (p:Person) RETURN count(p)")).isZero();
    }

    @Test
    void aHandleOf64CharactersIsAccepted() {
        upsertPerson(Map.of("handle", "a".repeat(64)));

        assertThat(count("MATCH (p:Person) WHERE size(p.handle) = 64 RETURN count(p)")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "jane", "jane@", "jane@example", "jane doe@example.com" })
    void anEmailOfTheWrongShapeIsRejected(String email) {
        List<UserError> errors = errors("UpsertPersonErrors", "upsertPerson",
                Map.of("handle", "jane.doe", "email", email));

        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactly(tuple("INVALID", List.of("input", "email")));
        assertThat(count("MATCH (p:Person) RETURN count(p)")).isZero();
    }

    @Test
    void aPersonWhoLeftIsInactiveWithTheDayTheyLeft() {
        this.estate.squad("payments").leaver("old.timer", "payments").squadApps("payments", "old.timer", "ledger");

        var person = this.graphQl.documentName("Person").variable("handle", "old.timer").execute();
        person.path("person.active").entity(Boolean.class).isEqualTo(false);
        person.path("person.leftAt")
            .entity(String.class)
            .satisfies(leftAt -> assertThat(OffsetDateTime.parse(leftAt).toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-01-31T17:00:00Z").toInstant()));
        person.path("person.squads[*].name").entityList(String.class).containsExactly("payments");
        person.path("person.ownedApps[*].name").entityList(String.class).containsExactly("ledger");
    }

    @Test
    void anUnknownHandleIsNull() {
        this.estate.person("jane.doe");

        this.graphQl.documentName("Person").variable("handle", "no.such.person").execute().path("person").valueIsNull();
    }

    // ------------------------------------------------------------------ helpers

    private void upsertGroup(Map<String, Object> input) {
        assertThat(errors("UpsertGroupErrors", "upsertGroup", input)).isEmpty();
    }

    private void upsertSquad(Map<String, Object> input) {
        assertThat(errors("UpsertSquadErrors", "upsertSquad", input)).isEmpty();
    }

    private void upsertPerson(Map<String, Object> input) {
        assertThat(errors("UpsertPersonErrors", "upsertPerson", input)).isEmpty();
    }

    /**
     * Runs an upsert document and returns its user errors; the payload holds no entity
     * when there are some.
     */
    private List<UserError> errors(String document, String mutation, Map<String, Object> input) {
        var response = this.graphQl.documentName(document).variable("input", input).execute();
        List<UserError> errors = response.path(mutation + ".errors").entityList(UserError.class).get();
        if (!errors.isEmpty()) {
            String entity = switch (mutation) {
                case "upsertGroup" -> "group";
                case "upsertSquad" -> "squad";
                default -> "person";
            };
            response.path(mutation + "." + entity).valueIsNull();
        }
        return errors;
    }

    record UserError(String code, String message, List<String> field) {
    }

    record Member(String handle, boolean active) {
    }

}
