package io.appgraph.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.appgraph.IntegrationTest;
import io.appgraph.cost.CostLedger;
import io.appgraph.demo.DemoEstateLoader.Outcome;
import io.appgraph.neo4j.AppliedMigrations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo loader against the real database: it loads into an empty graph only, marks a
 * finished load, and after an interrupted one removes what that load wrote and loads
 * again, unless the graph also holds someone else's data. {@link DemoLoadInterruptedIT}
 * interrupts a real load by killing its process.
 */
class DemoEstateLoaderIT extends IntegrationTest {

    private static final Instant NOW = Instant.parse("2028-03-15T14:27:31Z");

    private static final DemoProperties PROPERTIES = new DemoProperties(true, 60, 3, 20, 10);

    private static final DemoEstate ESTATE = DemoEstate.generate(60, 3, NOW);

    private static final int ALERTS = DemoAlerts.generate(ESTATE, DemoReleases.generate(ESTATE, 3, NOW, 20), 3, NOW)
        .size();

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    private static final int RELEASES = DemoReleases.generate(ESTATE, 3, NOW, 20).size();

    @Autowired
    private CostLedger costs;

    @Test
    void loadsIntoAnEmptyGraphMarksTheLoadCompleteAndThenLeavesTheGraphAlone() {
        assertThat(loader().load(NOW)).isEqualTo(Outcome.LOADED);

        assertTheWholeEstateOnce();
        assertThat(marker()).isEqualTo(DemoEstateLoader.COMPLETE);
        long nodes = count("MATCH (n) RETURN count(n)");
        long relationships = count("MATCH ()-[r]->() RETURN count(r)");

        assertThat(loader().load(NOW.plusSeconds(3600))).isEqualTo(Outcome.NOT_EMPTY);
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(relationships);
        assertThat(count("MATCH (l:__DemoLoadLock) RETURN count(l)")).as("the lock leaves nothing behind").isZero();
    }

    @Test
    void whatAnInterruptedLoadWroteIsRemovedAndTheEstateLoadedAgain() {
        // What a load killed half-way leaves: its mark, and part of another estate
        // (another seed, so anything left over would show).
        cypher("CREATE (:__DemoLoad {name: 'demo', state: 'LOADING'})");
        DemoEstate other = DemoEstate.generate(80, 9, NOW);
        DemoEstateWriter.write(this.driver, other);
        assertThat(count("MATCH (a:App) RETURN count(a)")).isEqualTo(80);

        assertThat(loader().load(NOW)).isEqualTo(Outcome.LOADED);

        assertTheWholeEstateOnce();
        assertThat(marker()).isEqualTo(DemoEstateLoader.COMPLETE);
    }

    @Test
    void anInterruptedLoadMixedWithSomeoneElsesDataIsLeftAsItIs() {
        cypher("CREATE (:__DemoLoad {name: 'demo', state: 'LOADING'})");
        DemoEstateWriter.write(this.driver, ESTATE);
        cypher("CREATE (:App {name: 'my-own-app'})");
        long nodes = count("MATCH (n) RETURN count(n)");

        assertThat(loader().load(NOW)).isEqualTo(Outcome.LEFT_ALONE);

        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
        assertThat(count("MATCH (a:App {name: 'my-own-app'}) RETURN count(a)")).isOne();
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isZero();
        assertThat(marker()).isEqualTo(DemoEstateLoader.LOADING);
    }

    @Test
    void aGraphWithAnEstateOfItsOwnIsNotTouched() {
        cypher("CREATE (:Squad {name: 'checkout'})<-[:MEMBER_OF]-(:Person {handle: 'jane.doe'})");

        assertThat(loader().load(NOW)).isEqualTo(Outcome.NOT_EMPTY);

        assertThat(count("MATCH (n) WHERE NOT any(label IN labels(n) WHERE label STARTS WITH '__') RETURN count(n)"))
            .isEqualTo(2);
    }

    @Test
    void loadersStartingTogetherTakeTurnsAndLoadOnce() throws Exception {
        int instances = 3;
        var ready = new CountDownLatch(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<Outcome>> starts = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                starts.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return loader().load(NOW);
                }));
            }
            for (Future<Outcome> start : starts) {
                outcomes.add(start.get(120, TimeUnit.SECONDS));
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).containsOnlyOnce(Outcome.LOADED).containsOnly(Outcome.LOADED, Outcome.NOT_EMPTY);
        assertTheWholeEstateOnce();
    }

    @Test
    void theLoadedReleasesReadThroughTheApi() {
        loader().load(NOW);
        // The one released in the last hour on something payments-api calls.
        List<String> callees = ESTATE.dependencies()
            .stream()
            .filter(dependency -> dependency.caller().equals("payments-api"))
            .map(DemoEstate.Dependency::callee)
            .toList();
        String callee = DemoReleases.generate(ESTATE, 3, NOW, 20)
            .stream()
            .filter(release -> release.startedAt().isAfter(NOW.minusSeconds(3600)) && callees.contains(release.app()))
            .map(DemoReleases.Release::app)
            .findFirst()
            .orElseThrow();

        var page = this.graphQl.documentName("DemoReleases").variable("name", callee).execute();

        page.path("app.releases.totalCount")
            .entity(Long.class)
            .isEqualTo(count("MATCH (r:Release)-[:OF]->(:App {name: '%s'}) RETURN count(r)".formatted(callee)));
        page.path("app.releases.edges[0].node.status").entity(String.class).isEqualTo("SUCCEEDED");
        page.path("app.releases.edges[0].node.environment").entity(String.class).isEqualTo("prod");
        page.path("app.releases.edges[0].node.externalId")
            .entity(String.class)
            .satisfies(id -> assertThat(id).startsWith(callee + "-"));
        page.path("app.releases.edges[0].node.commit")
            .entity(String.class)
            .satisfies(commit -> assertThat(commit).matches("[0-9a-f]{40}"));
        page.path("app.releases.edges[0].node.durationSeconds")
            .entity(Integer.class)
            .satisfies(seconds -> assertThat(seconds).isBetween(60, 600));
        page.path("app.releases.edges[0].node.startedAt")
            .entity(String.class)
            .satisfies(startedAt -> assertThat(Instant.parse(startedAt)).isAfter(NOW.minusSeconds(3600)).isBefore(NOW));
    }

    @Test
    void theLoadedAlertsReadThroughTheApi() {
        loader().load(NOW);

        var alerts = this.graphQl.documentName("DemoAlerts")
            .variable("from", NOW.minus(Duration.ofDays(366)).toString())
            .variable("to", NOW.plus(Duration.ofDays(1)).toString())
            .execute();

        List<Map<String, Object>> firing = alerts.path("firing").entityList(MAP).get();
        assertThat(firing).hasSizeBetween(5, 7);
        assertThat(firing).filteredOn(alert -> Boolean.FALSE.equals(alert.get("matched")))
            .singleElement()
            .satisfies(alert -> assertThat(alert.get("app")).isNull());
        assertThat(firing).filteredOn(alert -> alert.get("acknowledgedBy") != null).isNotEmpty();
        assertThat(firing).filteredOn(alert -> ((List<?>) alert.get("suspects")).size() > 0)
            .hasSizeGreaterThanOrEqualTo(2);
        assertThat(firing).extracting(alert -> (Integer) alert.get("blastRadiusSize"))
            .anySatisfy(size -> assertThat(size).isGreaterThan(10));
        alerts.path("firing[?(@.app.name == 'payments-api')].suspects[*].distance")
            .entityList(Integer.class)
            .contains(1);
        alerts.path("resolved[*].durationMinutes")
            .entityList(Integer.class)
            .hasSize(DemoAlerts.RESOLVED_COUNT)
            .satisfies(minutes -> assertThat(Set.copyOf(minutes).size()).isGreaterThan(10));
        alerts.path("timeToRestore[*].restored")
            .entityList(Integer.class)
            .satisfies(restored -> assertThat(restored.stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(DemoAlerts.RESOLVED_COUNT));
        assertThat(count("MATCH (a:Alert) WHERE NOT a:DemoData RETURN count(a)")).isZero();
    }

    private void assertTheWholeEstateOnce() {
        int memberships = ESTATE.people().stream().mapToInt(person -> person.squads().size()).sum();
        assertThat(count("MATCH (a:App) RETURN count(a)")).isEqualTo(ESTATE.apps().size());
        assertThat(count("MATCH (s:Squad) RETURN count(s)")).isEqualTo(ESTATE.squads().size());
        assertThat(count("MATCH (g:Group) RETURN count(g)")).isEqualTo(ESTATE.groups().size());
        assertThat(count("MATCH (p:Person) RETURN count(p)")).isEqualTo(ESTATE.people().size());
        assertThat(count("MATCH (r:Release) RETURN count(r)")).isEqualTo(RELEASES);
        assertThat(count("MATCH ()-[d:DEPENDS_ON]->() RETURN count(d)")).isEqualTo(ESTATE.dependencies().size());
        assertThat(count("MATCH ()-[m:MEMBER_OF]->() RETURN count(m)")).isEqualTo(memberships);
        assertThat(count("MATCH ()-[o:OWNED_BY]->() RETURN count(o)")).isEqualTo(ESTATE.apps().size());
        assertThat(count("MATCH (:Release)-[o:OF]->(:App) RETURN count(o)")).isEqualTo(RELEASES);
        assertThat(count("MATCH (:Release)-[t:TRIGGERED_BY]->(:Person) RETURN count(t)")).isEqualTo(RELEASES);
        assertThat(count("MATCH (a:Alert) RETURN count(a)")).isEqualTo(ALERTS);
        assertThat(count("MATCH (n) WHERE NOT n:DemoData AND NOT n:__Migration AND NOT n:__DemoLoad RETURN count(n)"))
            .isZero();
    }

    private String marker() {
        try (var session = this.driver.session()) {
            return session.executeRead(tx -> tx.run("MATCH (m:__DemoLoad) RETURN m.state").single().get(0).asString());
        }
    }

    private DemoEstateLoader loader() {
        return new DemoEstateLoader(this.driver, new AppliedMigrations(List.of()), PROPERTIES, this.costs);
    }

}
