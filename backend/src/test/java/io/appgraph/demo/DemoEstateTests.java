package io.appgraph.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.appgraph.demo.DemoEstate.App;
import io.appgraph.demo.DemoEstate.Dependency;
import io.appgraph.demo.DemoEstate.Group;
import io.appgraph.demo.DemoEstate.Link;
import io.appgraph.demo.DemoEstate.Person;
import io.appgraph.demo.DemoEstate.Squad;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoEstateTests {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    // Generated once: every test below only reads it.
    private static final DemoEstate ESTATE = DemoEstate.generate(400, 42);

    @Test
    void sameSeedGivesAnEqualEstate() {
        assertThat(DemoEstate.generate(400, 42)).isEqualTo(ESTATE);
    }

    @Test
    void anotherSeedGivesAnotherEstate() {
        DemoEstate other = DemoEstate.generate(400, 43);
        assertThat(other).isNotEqualTo(ESTATE);
        assertThat(names(other.apps(), App::name)).isNotEqualTo(names(ESTATE.apps(), App::name));
    }

    @Test
    void namesAreUniqueDnsLabels() {
        List<String> names = Stream
            .of(names(ESTATE.apps(), App::name), names(ESTATE.squads(), Squad::name),
                    names(ESTATE.groups(), Group::name))
            .flatMap(List::stream)
            .toList();
        assertThat(names).allSatisfy(name -> assertThat(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63));
        assertThat(names(ESTATE.apps(), App::name)).doesNotHaveDuplicates();
        assertThat(names(ESTATE.squads(), Squad::name)).doesNotHaveDuplicates();
        assertThat(names(ESTATE.groups(), Group::name)).doesNotHaveDuplicates();
        assertThat(names(ESTATE.people(), Person::handle)).doesNotHaveDuplicates();
        assertThat(names(ESTATE.people(), Person::email)).doesNotHaveDuplicates()
            .allSatisfy(email -> assertThat(email).endsWith("@acme.example"));
    }

    @Test
    void appNamesAreComposedFromWordsNotNumbers() {
        long numbered = ESTATE.apps().stream().filter(app -> app.name().matches(".*\\d.*")).count();
        assertThat(numbered).isZero();
        assertThat(names(ESTATE.apps(), App::name)).contains("auth-service", "config-service", "user-service",
                "api-gateway", "feature-flags", "audit-log", "notification-service");
    }

    @Test
    void organisationHasOneRootAndSixDepartments() {
        assertThat(ESTATE.groups()).filteredOn(group -> group.type().equals(DemoEstate.ORGANISATION))
            .singleElement()
            .satisfies(root -> assertThat(root.name()).isEqualTo("engineering"))
            .satisfies(root -> assertThat(root.parent()).isNull());
        assertThat(ESTATE.groups()).filteredOn(group -> group.type().equals(DemoEstate.DEPARTMENT))
            .hasSize(6)
            .allSatisfy(department -> assertThat(department.parent()).isEqualTo("engineering"));
        Set<String> departments = ESTATE.groups()
            .stream()
            .filter(group -> group.type().equals(DemoEstate.DEPARTMENT))
            .map(Group::name)
            .collect(Collectors.toSet());
        assertThat(ESTATE.squads()).allSatisfy(squad -> assertThat(departments).contains(squad.department()));
        assertThat(ESTATE.squads().stream().map(Squad::department).distinct()).hasSize(6);
    }

    @Test
    void defaultSizeMatchesTheDemo() {
        assertThat(ESTATE.apps()).hasSize(400);
        assertThat(ESTATE.squads()).hasSizeBetween(35, 45);
        assertThat(ESTATE.people()).hasSizeBetween(200, 300);
        assertThat(ESTATE.dependencies()).hasSizeBetween(1200, 2800);
    }

    @Test
    void dependenciesLinkExistingAppsWithoutSelfCallsOrDuplicates() {
        Set<String> apps = new HashSet<>(names(ESTATE.apps(), App::name));
        assertThat(ESTATE.dependencies()).allSatisfy(dependency -> {
            assertThat(apps).contains(dependency.caller(), dependency.callee());
            assertThat(dependency.caller()).isNotEqualTo(dependency.callee());
            assertThat(dependency.sources()).isNotEmpty().doesNotHaveDuplicates().isSubsetOf(DemoEstate.SOURCES);
            assertThat(dependency.lastSeen()).isAfterOrEqualTo(dependency.firstSeen());
            assertThat(dependency.lastSeen()).isBeforeOrEqualTo(DemoEstate.REFERENCE_TIME);
        });
        assertThat(ESTATE.dependencies().stream().map(DemoEstateTests::key)).doesNotHaveDuplicates();
    }

    @Test
    void mostDependenciesAreDeclaredAndManyAreSeenInTheMesh() {
        int total = ESTATE.dependencies().size();
        long declared = ESTATE.dependencies().stream().filter(d -> d.sources().contains("DECLARED")).count();
        long mesh = ESTATE.dependencies().stream().filter(d -> d.sources().contains("MESH")).count();
        long networkPolicy = ESTATE.dependencies().stream().filter(d -> d.sources().contains("NETWORK_POLICY")).count();
        assertThat(declared).isGreaterThan(total * 7L / 10);
        assertThat(mesh).isGreaterThan(total * 4L / 10);
        assertThat(networkPolicy).isPositive();
    }

    @Test
    void referencesBetweenSquadsPeopleAndAppsResolve() {
        Set<String> squads = new HashSet<>(names(ESTATE.squads(), Squad::name));
        Set<String> handles = new HashSet<>(names(ESTATE.people(), Person::handle));
        assertThat(ESTATE.apps()).allSatisfy(app -> {
            assertThat(squads).contains(app.squad());
            assertThat(handles).contains(app.owner());
            assertThat(DemoEstate.TIERS).contains(app.tier());
            assertThat(app.description()).isNotBlank().endsWith(".");
            assertThat(app.runbookUrl()).startsWith("https://");
            assertThat(app.ownedSince()).isAfterOrEqualTo(app.createdAt());
            assertThat(app.ownerSince()).isAfterOrEqualTo(app.createdAt());
        });
        assertThat(ESTATE.people()).allSatisfy(person -> {
            assertThat(person.squads()).hasSizeBetween(1, 2).doesNotHaveDuplicates();
            assertThat(squads).containsAll(person.squads());
            assertThat(person.handle()).matches("[a-z]+\\.[a-z]+\\d*");
        });
        Map<String, Long> members = ESTATE.people()
            .stream()
            .flatMap(person -> person.squads().stream())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(ESTATE.squads()).allSatisfy(squad -> {
            assertThat(members.get(squad.name())).isGreaterThanOrEqualTo(2);
            assertThat(squad.slackChannel()).isEqualTo("#team-" + squad.name());
            assertThat(squad.description()).isNotBlank();
        });
    }

    @Test
    void appOwnersAreUsuallyMembersOfTheOwningSquad() {
        Map<String, Person> people = byKey(ESTATE.people(), Person::handle);
        long inSquad = ESTATE.apps()
            .stream()
            .filter(app -> people.get(app.owner()).squads().contains(app.squad()))
            .count();
        assertThat(inSquad).isGreaterThan(ESTATE.apps().size() * 3L / 4);
    }

    @Test
    void somePeopleHaveLeftAndSomeOfThemStillOwnApps() {
        List<Person> leavers = ESTATE.people().stream().filter(person -> !person.active()).toList();
        assertThat(leavers).isNotEmpty()
            .allSatisfy(person -> assertThat(person.leftAt()).isBefore(DemoEstate.REFERENCE_TIME));
        assertThat(leavers.size()).isLessThan(ESTATE.people().size() / 10);
        assertThat(ESTATE.people()).filteredOn(Person::active)
            .allSatisfy(person -> assertThat(person.leftAt()).isNull());
        Map<String, Person> people = byKey(ESTATE.people(), Person::handle);
        assertThat(ESTATE.apps()).anySatisfy(app -> assertThat(people.get(app.owner()).active()).isFalse());
        assertThat(ESTATE.apps()).filteredOn(app -> !people.get(app.owner()).active())
            .allSatisfy(app -> assertThat(app.ownerSince()).isBefore(people.get(app.owner()).leftAt()));
    }

    @Test
    void everySquadHasAnActiveBuddyFromTheOpsSquad() {
        Map<String, Person> people = byKey(ESTATE.people(), Person::handle);
        assertThat(ESTATE.squads()).allSatisfy(squad -> {
            Person buddy = people.get(squad.buddy());
            assertThat(buddy).isNotNull();
            assertThat(buddy.active()).isTrue();
            assertThat(buddy.squads()).contains("sre");
        });
        assertThat(ESTATE.squads()).filteredOn(squad -> squad.name().equals("sre"))
            .singleElement()
            .satisfies(squad -> assertThat(squad.department()).isEqualTo("platform"));
    }

    @Test
    void everyAppHasSixBookmarksWithTheExactLabels() {
        assertThat(ESTATE.apps()).allSatisfy(app -> {
            assertThat(app.links()).extracting(Link::label)
                .containsExactly("pipeline", "source", "logs", "metrics", "tracing", "admin");
            assertThat(app.links()).extracting(Link::url)
                .allSatisfy(
                        url -> assertThat(url).startsWith("https://").contains(".acme.example").contains(app.name()));
        });
    }

    @Test
    void tiersFollowTheUsualSpreadAndHubsAreTierOne() {
        Map<String, Long> tiers = ESTATE.apps()
            .stream()
            .collect(Collectors.groupingBy(App::tier, Collectors.counting()));
        assertThat(tiers.get("TIER_1")).isBetween(20L, 70L);
        assertThat(tiers.get("TIER_2")).isBetween(60L, 140L);
        assertThat(tiers.get("TIER_3")).isBetween(120L, 200L);
        assertThat(tiers.get("TIER_4")).isBetween(60L, 140L);
        Map<String, App> apps = byKey(ESTATE.apps(), App::name);
        assertThat(Stream.of("auth-service", "config-service", "user-service", "api-gateway").map(apps::get))
            .allSatisfy(hub -> {
                assertThat(hub.tier()).isEqualTo("TIER_1");
                assertThat(hub.links().get(1).url()).contains("/platform/");
            });
    }

    @Test
    void authServiceIsCalledDirectlyByMostApps() {
        Map<String, Integer> callers = callerCounts(ESTATE);
        assertThat(callers.get("auth-service")).isGreaterThanOrEqualTo(ESTATE.apps().size() * 7 / 10);
        assertThat(callers.get("config-service")).isBetween(ESTATE.apps().size() * 45 / 100,
                ESTATE.apps().size() * 75 / 100);
        assertThat(callers.get("user-service")).isBetween(ESTATE.apps().size() * 20 / 100,
                ESTATE.apps().size() * 45 / 100);
    }

    @Test
    void apiGatewayCallsManyApps() {
        long called = ESTATE.dependencies().stream().filter(d -> d.caller().equals("api-gateway")).count();
        assertThat(called).isGreaterThan(ESTATE.apps().size() / 20);
    }

    @Test
    void theMedianAppHasOneOrTwoDirectCallersWhileAFewHaveMany() {
        int[] counts = sortedCallerCounts(ESTATE);
        int n = counts.length;
        double median = (counts[(n - 1) / 2] + counts[n / 2]) / 2.0;
        assertThat(median).isBetween(1.0, 2.0);
        // Heavy tail: besides the hubs, some ordinary apps are called by ten or more
        // others.
        Map<String, Integer> callers = callerCounts(ESTATE);
        Set<String> hubs = Set.of("auth-service", "config-service", "user-service", "api-gateway", "feature-flags",
                "audit-log", "notification-service");
        assertThat(callers.entrySet()).filteredOn(entry -> !hubs.contains(entry.getKey()) && entry.getValue() >= 10)
            .isNotEmpty();
    }

    @Test
    void everyAppCallsAtLeastOneOtherApp() {
        Set<String> callers = ESTATE.dependencies().stream().map(Dependency::caller).collect(Collectors.toSet());
        assertThat(ESTATE.apps()).filteredOn(app -> !callers.contains(app.name()))
            .hasSizeLessThan(ESTATE.apps().size() / 50);
    }

    @Test
    void someCallsGoBackAndCloseShortCycles() {
        Set<String> edges = ESTATE.dependencies().stream().map(DemoEstateTests::key).collect(Collectors.toSet());
        Map<String, List<String>> callees = new HashMap<>();
        ESTATE.dependencies()
            .forEach(d -> callees.computeIfAbsent(d.caller(), key -> new ArrayList<>()).add(d.callee()));
        Set<String> hubs = Set.of("auth-service", "user-service");
        long twoCycles = ESTATE.dependencies()
            .stream()
            .filter(d -> !hubs.contains(d.caller()) && edges.contains(d.callee() + ">" + d.caller()))
            .count();
        long threeCycles = ESTATE.dependencies()
            .stream()
            .filter(d -> callees.getOrDefault(d.callee(), List.of())
                .stream()
                .anyMatch(c -> !c.equals(d.caller()) && edges.contains(c + ">" + d.caller())))
            .count();
        assertThat(twoCycles).isPositive();
        assertThat(threeCycles).isPositive();
        assertThat(twoCycles / 2 + threeCycles / 3).isLessThan(ESTATE.dependencies().size() / 10);
    }

    @Test
    void rejectsSizesItCannotShape() {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoEstate.generate(19, 1));
        assertThat(DemoEstate.generate(20, 1).apps()).hasSize(20);
    }

    @Test
    void benchmarkSizeMatchesTheTargets() {
        DemoEstate estate = DemoEstate.generate(10_000, 42);
        assertThat(estate.apps()).hasSize(10_000);
        assertThat(estate.squads()).hasSizeBetween(800, 1_200);
        assertThat(estate.dependencies()).hasSizeBetween(40_000, 60_000);
        assertThat(estate.people()).hasSizeBetween(15_000, 25_000);
        assertThat(names(estate.apps(), App::name)).doesNotHaveDuplicates()
            .allSatisfy(name -> assertThat(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63));
        assertThat(names(estate.squads(), Squad::name)).doesNotHaveDuplicates();
        assertThat(names(estate.people(), Person::handle)).doesNotHaveDuplicates();
        assertThat(estate.dependencies().stream().map(DemoEstateTests::key)).doesNotHaveDuplicates();
        assertThat(estate.dependencies()).noneMatch(d -> d.caller().equals(d.callee()));
        assertThat(callerCounts(estate).get("auth-service")).isGreaterThanOrEqualTo(7_000);
        int[] counts = sortedCallerCounts(estate);
        assertThat((counts[4_999] + counts[5_000]) / 2.0).isBetween(1.0, 2.0);
        long numbered = estate.apps().stream().filter(app -> app.name().matches(".*\\d.*")).count();
        assertThat(numbered).isLessThan(100);
    }

    private static String key(Dependency dependency) {
        return dependency.caller() + ">" + dependency.callee();
    }

    private static <T> List<String> names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).toList();
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    private static Map<String, Integer> callerCounts(DemoEstate estate) {
        Map<String, Integer> counts = new HashMap<>();
        estate.apps().forEach(app -> counts.put(app.name(), 0));
        estate.dependencies().forEach(d -> counts.merge(d.callee(), 1, Integer::sum));
        return counts;
    }

    private static int[] sortedCallerCounts(DemoEstate estate) {
        return callerCounts(estate).values().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Test
    void thePaymentsApiIsACriticalAppThatOthersCall() {
        for (DemoEstate estate : List.of(ESTATE, DemoEstate.generate(10_000, 42), DemoEstate.generate(400, 7))) {
            App payments = estate.apps()
                .stream()
                .filter(app -> app.name().equals("payments-api"))
                .findFirst()
                .orElseThrow();
            long callers = estate.dependencies().stream().filter(d -> d.callee().equals("payments-api")).count();

            assertThat(payments.tier()).isEqualTo("TIER_1");
            assertThat(payments.squad()).startsWith("payments");
            assertThat(callers).isGreaterThanOrEqualTo(5);
        }
    }

}
