package io.appgraph.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** The app directory: upsertApp, app(name) and the paginated, filtered apps list. */
class AppDirectoryIT extends IntegrationTest {

    private Fixtures estate;

    @BeforeEach
    void estate() {
        this.estate = new Fixtures(this.driver);
    }

    // ------------------------------------------------------------------ upsertApp

    @Test
    void upsertCreatesAnAppThatItsPageShowsWhole() {
        this.estate.group("payments-dept", "department", null)
            .person("olga.ops")
            .squad("payments", "payments-dept", "olga.ops")
            .person("jane.doe", "payments")
            .squadApps("payments", "jane.doe", "ledger");

        this.graphQl.documentName("UpsertApp")
            .variable("input",
                    Map.of("name", "payments-api", "description", "Takes card payments", "tier", "TIER_1", "squad",
                            "payments", "owner", "jane.doe", "links",
                            List.of(link("pipeline", "https://ci.example.com/payments-api"),
                                    link("source", "https://git.example.com/payments/payments-api")),
                            "dependsOn", List.of("ledger")))
            .execute()
            .path("upsertApp.app.name")
            .entity(String.class)
            .isEqualTo("payments-api")
            .path("upsertApp.errors")
            .entityList(UserError.class)
            .hasSize(0);

        var page = this.graphQl.documentName("AppPage").variable("name", "payments-api").execute();
        page.path("app.name").entity(String.class).isEqualTo("payments-api");
        page.path("app.description").entity(String.class).isEqualTo("Takes card payments");
        page.path("app.tier").entity(String.class).isEqualTo("TIER_1");
        page.path("app.squad.name").entity(String.class).isEqualTo("payments");
        page.path("app.squad.slackChannel").entity(String.class).isEqualTo("#payments");
        page.path("app.squad.buddy.handle").entity(String.class).isEqualTo("olga.ops");
        page.path("app.owner.handle").entity(String.class).isEqualTo("jane.doe");
        page.path("app.owner.name").entity(String.class).isEqualTo("Jane Doe");
        page.path("app.owner.active").entity(Boolean.class).isEqualTo(true);
        assertThat(page.path("app.links").entityList(Link.class).get()).containsExactly(
                new Link("pipeline", "https://ci.example.com/payments-api"),
                new Link("source", "https://git.example.com/payments/payments-api"));
        page.path("app.dependencies[*].name").entityList(String.class).containsExactly("ledger");
        page.path("app.dependents").entityList(Object.class).hasSize(0);
        page.path("app.ownershipChain[*].role")
            .entityList(String.class)
            .containsExactly("OWNER", "SQUAD", "BUDDY", "GROUP");
        page.path("app.releases.edges").entityList(Object.class).hasSize(0);

        this.graphQl.documentName("AppPage")
            .variable("name", "ledger")
            .execute()
            .path("app.dependents[*].name")
            .entityList(String.class)
            .containsExactly("payments-api");
        assertThat(count("""
                MATCH (:App {name: 'payments-api'})-[d:DEPENDS_ON]->(:App {name: 'ledger'})
                WHERE d.sources = ['DECLARED'] RETURN count(d)""")).isEqualTo(1);
    }

    @Test
    void upsertThatOmitsFieldsKeepsWhatWasStored() {
        this.estate.person("olga.ops")
            .squad("payments", null, "olga.ops")
            .person("jane.doe")
            .squadApps("payments", "jane.doe", "ledger");
        upsert(Map.of("name", "payments-api", "description", "Takes card payments", "tier", "TIER_1", "runbookUrl",
                "https://runbooks.example.com/payments-api", "squad", "payments", "owner", "jane.doe", "links",
                List.of(link("logs", "https://logs.example.com/payments-api")), "dependsOn", List.of("ledger")));

        upsert(Map.of("name", "payments-api", "tier", "TIER_3"));

        var app = this.graphQl.documentName("AppDetails").variable("name", "payments-api").execute();
        app.path("app.tier").entity(String.class).isEqualTo("TIER_3");
        app.path("app.description").entity(String.class).isEqualTo("Takes card payments");
        app.path("app.runbookUrl").entity(String.class).isEqualTo("https://runbooks.example.com/payments-api");
        app.path("app.links[*].label").entityList(String.class).containsExactly("logs");
        app.path("app.dependencies[*].name").entityList(String.class).containsExactly("ledger");
        var page = this.graphQl.documentName("AppPage").variable("name", "payments-api").execute();
        page.path("app.squad.name").entity(String.class).isEqualTo("payments");
        page.path("app.owner.handle").entity(String.class).isEqualTo("jane.doe");
    }

    @Test
    void upsertWithTheSameSquadAndOwnerChangesNoOwnership() {
        this.estate.squad("payments").person("jane.doe");
        upsert(Map.of("name", "payments-api", "squad", "payments", "owner", "jane.doe"));

        upsert(Map.of("name", "payments-api", "squad", "payments", "owner", "jane.doe"));

        assertThat(count("MATCH (:App {name: 'payments-api'})-[r:OWNED_BY]->() RETURN count(r)")).isEqualTo(1);
        assertThat(count("MATCH (:App {name: 'payments-api'})-[r:HAS_OWNER]->() RETURN count(r)")).isEqualTo(1);
        assertThat(count("""
                MATCH (:App {name: 'payments-api'})-[r:PREVIOUSLY_OWNED_BY|PREVIOUSLY_HAD_OWNER]->()
                RETURN count(r)""")).isZero();
    }

    @Test
    void anEmptyDescriptionOrRunbookClearsIt() {
        upsert(Map.of("name", "payments-api", "description", "Takes card payments", "runbookUrl",
                "https://runbooks.example.com/payments-api"));

        upsert(Map.of("name", "payments-api", "description", "", "runbookUrl", ""));

        var app = this.graphQl.documentName("AppDetails").variable("name", "payments-api").execute();
        app.path("app.description").valueIsNull();
        app.path("app.runbookUrl").valueIsNull();
    }

    @Test
    void linksAreReplacedWhenGiven() {
        upsert(Map.of("name", "payments-api", "links",
                List.of(link("pipeline", "https://ci.example.com/p"), link("source", "https://git.example.com/p"))));

        upsert(Map.of("name", "payments-api", "links", List.of(link("metrics", "https://grafana.example.com/d/p"))));
        this.graphQl.documentName("AppDetails")
            .variable("name", "payments-api")
            .execute()
            .path("app.links")
            .entityList(Link.class)
            .containsExactly(new Link("metrics", "https://grafana.example.com/d/p"));

        upsert(Map.of("name", "payments-api", "links", List.of()));
        this.graphQl.documentName("AppDetails")
            .variable("name", "payments-api")
            .execute()
            .path("app.links")
            .entityList(Link.class)
            .hasSize(0);
    }

    @Test
    void dependsOnReplacesDeclaredDependenciesAndLeavesOtherSourcesInPlace() {
        this.estate.apps("checkout", "ledger", "fraud", "tokens", "audit")
            .dependsOn("checkout", "ledger", "DECLARED")
            .dependsOn("checkout", "fraud", "DECLARED", "MESH")
            .dependsOn("checkout", "tokens", "MESH");

        upsert(Map.of("name", "checkout", "dependsOn", List.of("tokens", "audit")));

        assertThat(edges("checkout")).containsExactlyInAnyOrder(tuple("audit", List.of("DECLARED")),
                tuple("fraud", List.of("MESH")), tuple("tokens", List.of("DECLARED", "MESH")));
        this.graphQl.documentName("AppDetails")
            .variable("name", "checkout")
            .execute()
            .path("app.dependencies[*].name")
            .entityList(String.class)
            .containsExactly("audit", "fraud", "tokens");
    }

    @Test
    void anUpsertWithoutDependsOnKeepsDependenciesAndAnEmptyOneWithdrawsTheDeclaredOnes() {
        this.estate.apps("checkout", "ledger", "tokens")
            .dependsOn("checkout", "ledger", "DECLARED")
            .dependsOn("checkout", "tokens", "DECLARED", "NETWORK_POLICY");

        upsert(Map.of("name", "checkout", "description", "Basket and checkout"));
        assertThat(edges("checkout")).containsExactlyInAnyOrder(tuple("ledger", List.of("DECLARED")),
                tuple("tokens", List.of("DECLARED", "NETWORK_POLICY")));

        upsert(Map.of("name", "checkout", "dependsOn", List.of()));
        assertThat(edges("checkout")).containsExactly(tuple("tokens", List.of("NETWORK_POLICY")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Payments-API", "payments api", "-payments", "payments-", "payments_api", "pay.ments", "",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void aNameThatIsNotADnsLabelIsRejected(String name) {
        List<String> before = this.estate.snapshot();

        List<UserError> errors = upsertErrors(Map.of("name", name, "description", "Takes card payments"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "name");
            assertThat(error.message()).contains("'" + name + "'").contains("DNS label");
        });
        assertThat(count("MATCH (a:App) RETURN count(a)")).isZero();
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aNameOf63CharactersIsAccepted() {
        String name = "a".repeat(63);

        upsert(Map.of("name", name));

        assertThat(count("MATCH (a:App) WHERE size(a.name) = 63 RETURN count(a)")).isEqualTo(1);
    }

    @Test
    void unknownReferencesAreReportedEachWithItsFieldAndNothingIsWritten() {
        this.estate.apps("ledger");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = upsertErrors(Map.of("name", "payments-api", "squad", "no-such-squad", "owner",
                "no.such.person", "dependsOn", List.of("ledger", "no-such-app")));

        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactlyInAnyOrder(tuple("NOT_FOUND", List.of("input", "squad")),
                    tuple("NOT_FOUND", List.of("input", "owner")), tuple("NOT_FOUND", List.of("input", "dependsOn")));
        assertThat(errors).extracting(UserError::message)
            .anySatisfy(m -> assertThat(m).contains("no-such-squad"))
            .anySatisfy(m -> assertThat(m).contains("no.such.person"))
            .anySatisfy(m -> assertThat(m).contains("no-such-app"))
            .noneSatisfy(m -> assertThat(m).contains("'ledger'"));
        assertThat(count("MATCH (a:App {name: 'payments-api'}) RETURN count(a)")).isZero();
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void anOwnerWhoHasLeftIsRejected() {
        this.estate.leaver("old.timer");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = upsertErrors(Map.of("name", "payments-api", "owner", "old.timer"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "owner");
            assertThat(error.message()).contains("old.timer").contains("has left");
        });
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void anAppCannotDependOnItself() {
        this.estate.apps("payments-api", "ledger");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = upsertErrors(
                Map.of("name", "payments-api", "dependsOn", List.of("ledger", "payments-api")));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "dependsOn");
            assertThat(error.message()).contains("payments-api").contains("itself");
        });
        assertThat(count("MATCH ()-[d:DEPENDS_ON]->() RETURN count(d)")).isZero();
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not a url", "ftp://files.example.com/x", "javascript:alert(1)", "/relative/path",
            "https://", "mailto:team@example.com" })
    void aLinkThatIsNotAnAbsoluteHttpUrlIsRejected(String url) {
        this.estate.app("payments-api");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = upsertErrors(Map.of("name", "payments-api", "description", "changed", "links",
                List.of(link("pipeline", "https://ci.example.com/ok"), link("source", url))));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "links");
            assertThat(error.message()).contains(url).contains("http");
        });
        assertThat(this.estate.snapshot()).isEqualTo(before);
    }

    @Test
    void aBadRunbookUrlAndABlankLinkLabelAreRejected() {
        List<UserError> errors = upsertErrors(Map.of("name", "payments-api", "runbookUrl", "runbooks/payments", "links",
                List.of(link(" ", "https://ci.example.com/p"))));

        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactlyInAnyOrder(tuple("INVALID", List.of("input", "runbookUrl")),
                    tuple("INVALID", List.of("input", "links")));
        assertThat(count("MATCH (a:App) RETURN count(a)")).isZero();
    }

    @Test
    void aDescriptionLongerThan300CharactersIsRejected() {
        List<UserError> errors = upsertErrors(Map.of("name", "payments-api", "description", "x".repeat(301)));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("INVALID");
            assertThat(error.field()).containsExactly("input", "description");
            assertThat(error.message()).contains("301").contains("300");
        });
        assertThat(count("MATCH (a:App) RETURN count(a)")).isZero();
    }

    @Test
    void aMixOfGoodAndBadChangesWritesNothingAtAll() {
        this.estate.person("olga.ops")
            .squad("payments", null, "olga.ops")
            .squad("billing", null, "olga.ops")
            .person("jane.doe")
            .person("john.roe")
            .app("payments-api", "payments", "jane.doe")
            .squadApps("billing", "john.roe", "ledger", "audit")
            .dependsOn("payments-api", "ledger");
        List<String> before = this.estate.snapshot();

        List<UserError> errors = upsertErrors(Map.of("name", "payments-api", "description", "Changed", "tier", "TIER_4",
                "squad", "billing", "owner", "john.roe", "links", List.of(link("admin", "https://admin.example.com")),
                "dependsOn", List.of("audit", "ghost")));

        assertThat(errors).extracting(UserError::code, UserError::field)
            .containsExactly(tuple("NOT_FOUND", List.of("input", "dependsOn")));
        assertThat(errors.get(0).message()).contains("ghost");
        assertThat(this.estate.snapshot()).isEqualTo(before);
        var app = this.graphQl.documentName("AppPage").variable("name", "payments-api").execute();
        app.path("app.squad.name").entity(String.class).isEqualTo("payments");
        app.path("app.owner.handle").entity(String.class).isEqualTo("jane.doe");
        app.path("app.dependencies[*].name").entityList(String.class).containsExactly("ledger");
    }

    @Test
    void aNewAppWithOneBadReferenceIsNotCreated() {
        this.estate.squad("payments");

        List<UserError> errors = upsertErrors(
                Map.of("name", "payments-api", "squad", "payments", "owner", "nobody", "tier", "TIER_1"));

        assertThat(errors).extracting(UserError::code).containsExactly("NOT_FOUND");
        assertThat(count("MATCH (a:App) RETURN count(a)")).isZero();
        assertThat(count("MATCH ()-[r:OWNED_BY]->() RETURN count(r)")).isZero();
    }

    // ------------------------------------------------------------------ app(name)

    @Test
    void anUnknownAppIsNull() {
        this.estate.squad("payments").person("jane.doe").app("payments-api", "payments", "jane.doe");

        this.graphQl.documentName("AppPage").variable("name", "no-such-app").execute().path("app").valueIsNull();
    }

    @Test
    void anAppWithoutSquadOrOwnerShowsThemAsNull() {
        this.estate.apps("ledger");

        var page = this.graphQl.documentName("AppPage").variable("name", "ledger").execute();
        page.path("app.name").entity(String.class).isEqualTo("ledger");
        page.path("app.squad").valueIsNull();
        page.path("app.owner").valueIsNull();
        page.path("app.ownershipChain").entityList(Object.class).hasSize(0);

        var directory = this.graphQl.documentName("Apps").variable("first", 10).execute();
        directory.path("apps.edges[*].node.name").entityList(String.class).containsExactly("ledger");
        directory.path("apps.edges[0].node.squad").valueIsNull();
        directory.path("apps.edges[0].node.owner").valueIsNull();
    }

    @Test
    void theAppPageOfAnAppWhoseSquadHasNoBuddyShowsNoBuddy() {
        this.estate.squad("payments").person("jane.doe").app("payments-api", "payments", "jane.doe");

        var page = this.graphQl.documentName("AppPage").variable("name", "payments-api").execute();
        page.path("app.squad.name").entity(String.class).isEqualTo("payments");
        page.path("app.squad.buddy").valueIsNull();
        page.path("app.owner.handle").entity(String.class).isEqualTo("jane.doe");
    }

    // ------------------------------------------------------------------ apps

    @Test
    void pagesWalkTheWholeDirectoryInNameOrderWithoutGapsOrDuplicates() {
        List<String> names = IntStream.rangeClosed(1, 25).mapToObj(i -> "app-%02d".formatted(i)).toList();
        List<String> shuffled = new ArrayList<>(names);
        Collections.reverse(shuffled);
        this.estate.squad("core").person("jane.doe").squadApps("core", "jane.doe", shuffled.toArray(String[]::new));

        List<String> seen = new ArrayList<>();
        List<Boolean> hasNext = new ArrayList<>();
        String after = null;
        do {
            var page = this.graphQl.documentName("Apps").variable("first", 10).variable("after", after).execute();
            page.path("apps.totalCount").entity(Integer.class).isEqualTo(25);
            List<String> pageNames = page.path("apps.edges[*].node.name").entityList(String.class).get();
            assertThat(pageNames).hasSizeLessThanOrEqualTo(10);
            seen.addAll(pageNames);
            boolean next = page.path("apps.pageInfo.hasNextPage").entity(Boolean.class).get();
            hasNext.add(next);
            after = next ? page.path("apps.pageInfo.endCursor").entity(String.class).get() : null;
        }
        while (after != null && hasNext.size() < 10);

        assertThat(hasNext).containsExactly(true, true, false);
        assertThat(seen).containsExactlyElementsOf(names);
    }

    @Test
    void theEndCursorOfAPageContinuesAfterItsLastApp() {
        this.estate.squad("core")
            .person("jane.doe")
            .squadApps("core", "jane.doe", "alpha", "bravo", "charlie", "delta", "echo");

        var first = this.graphQl.documentName("Apps").variable("first", 2).execute();
        first.path("apps.edges[*].node.name").entityList(String.class).containsExactly("alpha", "bravo");
        String cursor = first.path("apps.pageInfo.endCursor").entity(String.class).get();

        var second = this.graphQl.documentName("Apps").variable("first", 2).variable("after", cursor).execute();
        second.path("apps.edges[*].node.name").entityList(String.class).containsExactly("charlie", "delta");
        second.path("apps.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor2 = second.path("apps.pageInfo.endCursor").entity(String.class).get();

        var last = this.graphQl.documentName("Apps").variable("first", 2).variable("after", cursor2).execute();
        last.path("apps.edges[*].node.name").entityList(String.class).containsExactly("echo");
        last.path("apps.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        last.path("apps.totalCount").entity(Integer.class).isEqualTo(5);
    }

    @Test
    void anExactlyFullLastPageSaysThereIsNoNextPage() {
        this.estate.squad("core")
            .person("jane.doe")
            .squadApps("core", "jane.doe", "alpha", "bravo", "charlie", "delta");

        var page = this.graphQl.documentName("Apps").variable("first", 2).execute();
        String cursor = page.path("apps.pageInfo.endCursor").entity(String.class).get();

        var last = this.graphQl.documentName("Apps").variable("first", 2).variable("after", cursor).execute();
        last.path("apps.edges[*].node.name").entityList(String.class).containsExactly("charlie", "delta");
        last.path("apps.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void withoutFirstAPageHoldsTwentyApps() {
        this.estate.squad("core")
            .person("jane.doe")
            .squadApps("core", "jane.doe",
                    IntStream.rangeClosed(1, 21).mapToObj(i -> "app-%02d".formatted(i)).toArray(String[]::new));

        var page = this.graphQl.documentName("Apps").execute();
        page.path("apps.edges").entityList(Object.class).hasSize(20);
        page.path("apps.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        page.path("apps.totalCount").entity(Integer.class).isEqualTo(21);
    }

    @Test
    void searchMatchesWordsOfNameAndDescriptionByPrefixCaseInsensitivelyNameMatchesFirst() {
        this.estate.squad("core")
            .person("jane.doe")
            .app("payments-api", "core", "jane.doe", "TIER_1", "Takes card payments")
            .app("ledger", "core", "jane.doe", "TIER_1", "Double-entry book of every PAYMENT")
            .app("search", "core", "jane.doe", "TIER_3", "Finds products")
            .app("checkout", "core", "jane.doe", "TIER_2", null);

        var page = apps(Map.of("search", "PayMent"));
        page.path("apps.edges[*].node.name").entityList(String.class).containsExactly("payments-api", "ledger");
        page.path("apps.totalCount").entity(Integer.class).isEqualTo(2);

        apps(Map.of("search", "  CHECK ")).path("apps.edges[*].node.name")
            .entityList(String.class)
            .containsExactly("checkout");
        apps(Map.of("search", "nothing-matches-this")).path("apps.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void searchFindsAppsByTheirSquadsNameAndEveryWordMustMatch() {
        this.estate.squad("identity")
            .squad("core")
            .person("jane.doe")
            .app("login", "identity", "jane.doe", "TIER_1", "Signs people in")
            .app("tokens", "identity", "jane.doe", "TIER_1", "Issues tokens")
            .app("checkout-payments", "core", "jane.doe", "TIER_1", "Takes the basket's money");

        apps(Map.of("search", "ident")).path("apps.edges[*].node.name")
            .entityList(String.class)
            .hasSize(2)
            .contains("login", "tokens");
        apps(Map.of("search", "pay chec")).path("apps.edges[*].node.name")
            .entityList(String.class)
            .containsExactly("checkout-payments");
        apps(Map.of("search", "pay login")).path("apps.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "log*", "(login", "login~", "name:login", "\\login\"", "login AND OR" })
    void searchSyntaxInTheTextIsJustText(String text) {
        this.estate.squad("identity")
            .person("jane.doe")
            .app("login", "identity", "jane.doe", "TIER_1", "Signs people in");

        apps(Map.of("search", text)).path("apps.edges[*].node.name")
            .entityList(String.class)
            .satisfies(names -> assertThat(names).isSubsetOf("login"));
    }

    @Test
    void searchTextWithoutLettersOrDigitsMatchesNothing() {
        this.estate.apps("login");

        apps(Map.of("search", "(*)")).path("apps.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void searchPagesWalkTheRankedListWithoutGapsOrDuplicates() {
        this.estate.squad("core").person("jane.doe");
        for (int i = 1; i <= 7; i++) {
            this.estate.app("pay-%02d".formatted(i), "core", "jane.doe", "TIER_1", "payments " + "pay ".repeat(i));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 3; page++) {
            var response = this.graphQl.documentName("Apps")
                .variable("first", 3)
                .variable("after", after)
                .variable("filter", Map.of("search", "pay"))
                .execute();
            seen.addAll(response.path("apps.edges[*].node.name").entityList(String.class).get());
            after = response.path("apps.pageInfo.endCursor").entity(String.class).get();
        }
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void filtersBySquadOwnerAndTierAndCombineThem() {
        this.estate.squad("payments")
            .squad("search-squad")
            .person("jane.doe")
            .person("john.roe")
            .app("payments-api", "payments", "jane.doe", "TIER_1", "Takes card payments")
            .app("ledger", "payments", "john.roe", "TIER_2", "Book keeping")
            .app("refunds", "payments", "jane.doe", "TIER_2", "Gives money back")
            .app("search", "search-squad", "jane.doe", "TIER_2", "Finds products")
            .app("orphan", null, null, "TIER_2", "Nobody's");

        var bySquad = apps(Map.of("squad", "payments"));
        bySquad.path("apps.edges[*].node.name")
            .entityList(String.class)
            .containsExactly("ledger", "payments-api", "refunds");
        assertThat(bySquad.path("apps.edges[*].node.squad.name").entityList(String.class).get())
            .containsOnly("payments");
        bySquad.path("apps.totalCount").entity(Integer.class).isEqualTo(3);

        var byOwner = apps(Map.of("owner", "jane.doe"));
        byOwner.path("apps.edges[*].node.name")
            .entityList(String.class)
            .containsExactly("payments-api", "refunds", "search");
        assertThat(byOwner.path("apps.edges[*].node.owner.handle").entityList(String.class).get())
            .containsOnly("jane.doe");

        var byTier = apps(Map.of("tier", "TIER_2"));
        byTier.path("apps.edges[*].node.name")
            .entityList(String.class)
            .containsExactly("ledger", "orphan", "refunds", "search");
        byTier.path("apps.totalCount").entity(Integer.class).isEqualTo(4);

        var combined = apps(Map.of("squad", "payments", "owner", "jane.doe", "tier", "TIER_2"));
        combined.path("apps.edges[*].node.name").entityList(String.class).containsExactly("refunds");
        combined.path("apps.totalCount").entity(Integer.class).isEqualTo(1);

        apps(Map.of("squad", "payments", "search", "money")).path("apps.edges[*].node.name")
            .entityList(String.class)
            .containsExactly("refunds");
        apps(Map.of("squad", "no-such-squad")).path("apps.totalCount").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void totalCountIsTheFilteredCountOnEveryPage() {
        this.estate.squad("core").person("jane.doe");
        for (int i = 1; i <= 12; i++) {
            this.estate.app("pay-%02d".formatted(i), "core", "jane.doe", "TIER_1", "payments part " + i);
        }
        this.estate.squadApps("core", "jane.doe", "other-1", "other-2", "other-3");
        Map<String, Object> filter = Map.of("search", "pay");

        List<String> seen = new ArrayList<>();
        String after = null;
        for (int pageNumber = 0; pageNumber < 3; pageNumber++) {
            var page = this.graphQl.documentName("Apps")
                .variable("first", 5)
                .variable("after", after)
                .variable("filter", filter)
                .execute();
            page.path("apps.totalCount").entity(Integer.class).isEqualTo(12);
            seen.addAll(page.path("apps.edges[*].node.name").entityList(String.class).get());
            after = page.path("apps.pageInfo.endCursor").entity(String.class).get();
        }

        assertThat(seen).hasSize(12).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name).startsWith("pay-"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 101 })
    void firstOutside1To100IsABadRequest(int first) {
        this.estate.apps("payments-api");

        this.graphQl.documentName("Apps")
            .variable("first", first)
            .execute()
            .errors()
            .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                assertThat(error.getExtensions()).containsEntry("code", "INVALID");
                assertThat(error.getMessage()).contains("first").contains("100").contains(String.valueOf(first));
            }));
    }

    @Test
    void firstOf1And100AreAccepted() {
        this.estate.squad("core").person("jane.doe").squadApps("core", "jane.doe", "alpha", "bravo");

        this.graphQl.documentName("Apps")
            .variable("first", 1)
            .execute()
            .path("apps.edges[*].node.name")
            .entityList(String.class)
            .containsExactly("alpha");
        this.graphQl.documentName("Apps")
            .variable("first", 100)
            .execute()
            .path("apps.edges[*].node.name")
            .entityList(String.class)
            .containsExactly("alpha", "bravo");
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage!", "not-a-cursor",
            "cmVsZWFzZTp4" /* release:x, another list's cursor */ })
    void aCursorThatThisListDidNotIssueIsABadRequest(String after) {
        this.estate.apps("payments-api");

        this.graphQl.documentName("Apps")
            .variable("first", 10)
            .variable("after", after)
            .execute()
            .errors()
            .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                assertThat(error.getExtensions()).containsEntry("code", "INVALID");
                assertThat(error.getMessage()).contains("after");
            }));
    }

    // ------------------------------------------------------------------ helpers

    private void upsert(Map<String, Object> input) {
        this.graphQl.documentName("UpsertAppErrors")
            .variable("input", input)
            .execute()
            .path("upsertApp.errors")
            .entityList(UserError.class)
            .hasSize(0)
            .path("upsertApp.app.name")
            .entity(String.class)
            .isEqualTo((String) input.get("name"));
    }

    private List<UserError> upsertErrors(Map<String, Object> input) {
        var response = this.graphQl.documentName("UpsertAppErrors").variable("input", input).execute();
        response.path("upsertApp.app").valueIsNull();
        return response.path("upsertApp.errors").entityList(UserError.class).get();
    }

    private GraphQlTester.Response apps(Map<String, Object> filter) {
        return this.graphQl.documentName("Apps").variable("first", 100).variable("filter", filter).execute();
    }

    /**
     * The app's outgoing dependencies as (callee, sorted sources), read straight from the
     * graph.
     */
    private List<Tuple> edges(String caller) {
        List<Tuple> edges = new ArrayList<>();
        try (var session = this.driver.session()) {
            session.executeRead(tx -> tx.run("""
                    MATCH (:App {name: $caller})-[d:DEPENDS_ON]->(callee:App)
                    RETURN callee.name AS callee, d.sources AS sources ORDER BY callee
                    """, Map.of("caller", caller)).list())
                .forEach(r -> edges.add(tuple(r.get("callee").asString(),
                        r.get("sources").asList(v -> v.asString()).stream().sorted().toList())));
        }
        return edges;
    }

    private static Map<String, Object> link(String label, String url) {
        Map<String, Object> link = new HashMap<>();
        link.put("label", label);
        link.put("url", url);
        return link;
    }

    record UserError(String code, String message, List<String> field) {
    }

}
