package io.appgraph.node;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.appgraph.Fixtures;
import io.appgraph.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The Relay node query: any id the API hands out fetches the same entity again. */
class NodeIT extends IntegrationTest {

    private Fixtures estate;

    @BeforeEach
    void estate() {
        // An app, a squad and a group deliberately share a name: ids must still tell them
        // apart.
        this.estate = new Fixtures(this.driver).group("payments", "tribe", null)
            .person("jane.doe")
            .squad("payments", "payments", "jane.doe")
            .app("payments", "payments", "jane.doe");
    }

    @Test
    void theIdOfEachKindOfEntityFetchesThatEntity() {
        Ids ids = ids();

        node(ids.app()).path("node.__typename")
            .entity(String.class)
            .isEqualTo("App")
            .path("node.id")
            .entity(String.class)
            .isEqualTo(ids.app())
            .path("node.name")
            .entity(String.class)
            .isEqualTo("payments")
            .path("node.tier")
            .entity(String.class)
            .isEqualTo("TIER_2");
        node(ids.squad()).path("node.__typename")
            .entity(String.class)
            .isEqualTo("Squad")
            .path("node.id")
            .entity(String.class)
            .isEqualTo(ids.squad())
            .path("node.name")
            .entity(String.class)
            .isEqualTo("payments")
            .path("node.slackChannel")
            .entity(String.class)
            .isEqualTo("#payments");
        node(ids.group()).path("node.__typename")
            .entity(String.class)
            .isEqualTo("Group")
            .path("node.id")
            .entity(String.class)
            .isEqualTo(ids.group())
            .path("node.name")
            .entity(String.class)
            .isEqualTo("payments")
            .path("node.type")
            .entity(String.class)
            .isEqualTo("tribe");
        node(ids.person()).path("node.__typename")
            .entity(String.class)
            .isEqualTo("Person")
            .path("node.id")
            .entity(String.class)
            .isEqualTo(ids.person())
            .path("node.handle")
            .entity(String.class)
            .isEqualTo("jane.doe")
            .path("node.fullName")
            .entity(String.class)
            .isEqualTo("Jane Doe");
    }

    @Test
    void entitiesOfDifferentKindsWithTheSameNameHaveDifferentIds() {
        Ids ids = ids();

        assertThat(List.of(ids.app(), ids.squad(), ids.group(), ids.person())).doesNotHaveDuplicates()
            .allSatisfy(id -> assertThat(id).isNotBlank());
    }

    @Test
    void anIdStaysTheSameAcrossRequests() {
        assertThat(ids()).isEqualTo(ids());
    }

    @Test
    void theIdOfADeletedEntityFetchesNothing() {
        String id = ids().app();
        cypher("MATCH (a:App {name: 'payments'}) DETACH DELETE a");

        node(id).path("node").valueIsNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "!!!", "", "QXBw", "App:payments" })
    void anIdThisApiDidNotIssueFetchesNothing(String id) {
        node(id).path("node").valueIsNull();
    }

    @Test
    void aWellFormedIdOfAnUnknownTypeOrKeyFetchesNothing() {
        node(encode("Release:payments")).path("node").valueIsNull();
        node(encode("App:no-such-app")).path("node").valueIsNull();
        node(encode("Person:no.such.person")).path("node").valueIsNull();
    }

    private Ids ids() {
        var response = this.graphQl.documentName("EntityIds")
            .variable("app", "payments")
            .variable("squad", "payments")
            .variable("group", "payments")
            .variable("handle", "jane.doe")
            .execute();
        return new Ids(response.path("app.id").entity(String.class).get(),
                response.path("squad.id").entity(String.class).get(),
                response.path("group.id").entity(String.class).get(),
                response.path("person.id").entity(String.class).get());
    }

    private GraphQlTester.Response node(String id) {
        return this.graphQl.documentName("Node").variable("id", id).execute();
    }

    /**
     * Builds an id the way one might guess the format: only to prove that guessed ids of
     * things that do not exist fetch nothing, not to pin the format down.
     */
    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    record Ids(String app, String squad, String group, String person) {
    }

}
