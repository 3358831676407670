package io.appgraph.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.appgraph.demo.DemoAlerts.Alert;
import io.appgraph.demo.DemoEstate.App;
import io.appgraph.demo.DemoEstate.Dependency;
import io.appgraph.demo.DemoEstate.Person;
import io.appgraph.demo.DemoReleases.Release;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAlertsTests {

    private static final Instant NOW = Instant.parse("2028-03-15T14:27:31Z");

    private static final DemoEstate ESTATE = DemoEstate.generate(400, 42, NOW);

    private static final DemoReleases RELEASES = DemoReleases.generate(ESTATE, 42, NOW, 100);

    private static final List<Alert> ALERTS = DemoAlerts.generate(ESTATE, RELEASES, 42, NOW);

    @Test
    void theSameArgumentsGiveTheSameAlerts() {
        assertThat(DemoAlerts.generate(ESTATE, RELEASES, 42, NOW)).isEqualTo(ALERTS);
        assertThat(DemoAlerts.generate(ESTATE, RELEASES, 43, NOW)).isNotEqualTo(ALERTS);
    }

    @Test
    void aHandfulFireNowOnDifferentAppsAndOneNamesNoAppOfTheCatalog() {
        List<Alert> firing = firing();
        assertThat(firing).hasSizeBetween(5, 7).allSatisfy(alert -> {
            assertThat(alert.startsAt()).isBefore(NOW).isAfter(NOW.minus(Duration.ofDays(2)));
            assertThat(alert.endsAt()).isNull();
        });
        assertThat(firing).extracting(Alert::appLabel).doesNotHaveDuplicates();
        Set<String> apps = ESTATE.apps().stream().map(App::name).collect(Collectors.toSet());
        assertThat(firing).filteredOn(alert -> alert.app() == null).singleElement().satisfies(alert -> {
            assertThat(alert.appLabel()).isEqualTo(DemoAlerts.UNMATCHED_APP);
            assertThat(apps).doesNotContain(alert.appLabel());
        });
        assertThat(firing).filteredOn(alert -> alert.app() != null)
            .allSatisfy(alert -> assertThat(apps).contains(alert.app(), alert.appLabel()));
    }

    @Test
    void oneIsOnAHubAndTakenOnByAnActiveMemberOfItsSquad() {
        Alert hub = firing().stream()
            .filter(alert -> DemoVocabulary.NOTIFICATION_SERVICE.equals(alert.app()))
            .findFirst()
            .orElseThrow();
        long callers = ESTATE.dependencies().stream().filter(d -> d.callee().equals(hub.app())).count();
        assertThat(callers).isGreaterThan(20);
        App app = app(hub.app());
        Person by = ESTATE.people()
            .stream()
            .filter(person -> person.handle().equals(hub.acknowledgedBy()))
            .findFirst()
            .orElseThrow();
        assertThat(by.active()).isTrue();
        assertThat(by.squads()).contains(app.squad());
        assertThat(hub.acknowledgedAt()).isAfter(hub.startsAt()).isBefore(NOW);
        assertThat(firing()).filteredOn(alert -> alert.acknowledgedBy() == null).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void oneIsOnAnAppWhoseOwnerHasLeft() {
        Set<String> leavers = ESTATE.people()
            .stream()
            .filter(person -> !person.active())
            .map(Person::handle)
            .collect(Collectors.toSet());
        assertThat(firing()).filteredOn(alert -> alert.app() != null)
            .anySatisfy(alert -> assertThat(leavers).contains(app(alert.app()).owner()));
    }

    @Test
    void paymentsApiAndTheAppReleasedLastFireMinutesAfterAReleaseOnThemOrOnWhatTheyCall() {
        List<Release> lastHour = RELEASES.stream()
            .filter(release -> release.startedAt().isAfter(NOW.minus(Duration.ofHours(1))))
            .toList();
        long suspected = firing().stream()
            .filter(alert -> alert.app() != null)
            .filter(alert -> lastHour.stream()
                .anyMatch(release -> (release.app().equals(alert.app()) || calls(alert.app(), release.app()))
                        && release.startedAt().isBefore(alert.startsAt())
                        && release.startedAt().isAfter(alert.startsAt().minus(Duration.ofMinutes(30)))))
            .count();
        assertThat(suspected).isGreaterThanOrEqualTo(2);
        assertThat(firing()).extracting(Alert::app).contains(DemoVocabulary.FLAGSHIP);
    }

    @Test
    void fortyResolvedOverTheLastSixMonthsWithVariedDurations() {
        List<Alert> resolved = ALERTS.stream().filter(alert -> alert.status().equals(DemoAlerts.RESOLVED)).toList();
        assertThat(resolved).hasSize(DemoAlerts.RESOLVED_COUNT).allSatisfy(alert -> {
            assertThat(alert.startsAt()).isAfter(NOW.minus(Duration.ofDays(183)));
            assertThat(alert.endsAt()).isAfter(alert.startsAt()).isBefore(NOW);
            assertThat(alert.app()).isNotNull();
        });
        Set<Long> minutes = resolved.stream()
            .map(alert -> Duration.between(alert.startsAt(), alert.endsAt()).toMinutes())
            .collect(Collectors.toSet());
        assertThat(minutes).hasSizeGreaterThan(25);
        Set<YearMonth> months = resolved.stream()
            .map(alert -> YearMonth.from(alert.startsAt().atZone(ZoneOffset.UTC)))
            .collect(Collectors.toSet());
        assertThat(months).as("spread over the months").hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void labelsAreThoseAlertmanagerSendsAndEpisodesAreUnique() {
        assertThat(ALERTS).allSatisfy(alert -> {
            assertThat(alert.labels().keySet()).contains("alertname", "app", "severity", "namespace", "pod");
            assertThat(alert.labels()).containsEntry("alertname", alert.name())
                .containsEntry("severity", alert.severity());
            assertThat(alert.fingerprint()).matches("[0-9a-f]{16}");
            assertThat(alert.pod()).startsWith(alert.appLabel() + "-");
            assertThat(alert.summary()).contains(alert.appLabel());
            assertThat(alert.generatorUrl()).startsWith("https://prometheus.acme.example/graph?g0.expr=");
        });
        assertThat(ALERTS).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(ALERTS).extracting(Alert::id).first().asString().matches("[0-9a-f]{16}@\\d{4}-.*Z");
    }

    private static List<Alert> firing() {
        return ALERTS.stream().filter(alert -> alert.status().equals(DemoAlerts.FIRING)).toList();
    }

    private static App app(String name) {
        return ESTATE.apps().stream().filter(app -> app.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean calls(String caller, String callee) {
        return ESTATE.dependencies()
            .stream()
            .anyMatch((Dependency d) -> d.caller().equals(caller) && d.callee().equals(callee));
    }

}
