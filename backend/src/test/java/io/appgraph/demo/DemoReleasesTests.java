package io.appgraph.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.appgraph.demo.DemoEstate.App;
import io.appgraph.demo.DemoEstate.Dependency;
import io.appgraph.demo.DemoEstate.Person;
import io.appgraph.demo.DemoReleases.Release;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoReleasesTests {

    // A Wednesday afternoon; the year before it spans a year end and a leap day.
    private static final Instant NOW = Instant.parse("2028-03-15T14:27:31Z");

    private static final DemoEstate ESTATE = DemoEstate.generate(400, 42, NOW);

    // Generated once: every test below only reads it.
    private static final List<Release> RELEASES = DemoReleases.generate(ESTATE, 42, NOW, 100).stream().toList();

    @Test
    void aYearOfAboutFortyThousandReleasesEndingNow() {
        assertThat(RELEASES).hasSize(DemoReleases.generate(ESTATE, 42, NOW, 100).size()).hasSizeBetween(39_500, 40_500);
        assertThat(RELEASES).allSatisfy(release -> {
            assertThat(release.startedAt()).isAfter(NOW.minus(Duration.ofDays(365))).isBefore(NOW);
            if (release.finishedAt() != null) {
                assertThat(release.finishedAt()).isBeforeOrEqualTo(NOW);
            }
        });
        assertThat(RELEASES).extracting(Release::startedAt).isSorted();
    }

    @Test
    void weekdaysAreBusyAndWeekendsQuiet() {
        Map<LocalDate, Long> perDay = perDay(RELEASES);
        double weekdays = average(perDay, false);
        double weekends = average(perDay, true);
        assertThat(weekdays).isBetween(130.0, 170.0);
        assertThat(weekends).isLessThan(weekdays / 10);
    }

    @Test
    void theBusiestDayIsAWeekdayOfAbout455() {
        Map<LocalDate, Long> perDay = perDay(RELEASES);
        Map.Entry<LocalDate, Long> busiest = perDay.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        List<Long> others = perDay.values().stream().sorted().toList();
        assertThat(busiest.getValue()).isBetween(440L, 470L);
        assertThat(busiest.getKey().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        // A release-train day, well above the ordinary busy days.
        assertThat(others.get(others.size() - 2)).isLessThan(busiest.getValue() * 7 / 10);
    }

    @Test
    void twoToFourPercentFailOrRollBackAndFewerEveryMonth() {
        long failed = RELEASES.stream().filter(DemoReleasesTests::failed).count();
        assertThat((double) failed / RELEASES.size()).isBetween(0.02, 0.04);
        assertThat(RELEASES).filteredOn(release -> release.status().equals(DemoReleases.FAILED)).isNotEmpty();
        assertThat(RELEASES).filteredOn(release -> release.status().equals(DemoReleases.ROLLED_BACK)).isNotEmpty();

        // Whole calendar months only: the first and the current one are partial.
        Map<YearMonth, List<Release>> months = RELEASES.stream()
            .collect(Collectors.groupingBy(release -> YearMonth.from(release.startedAt().atOffset(ZoneOffset.UTC)),
                    TreeMap::new, Collectors.toList()));
        List<Double> rates = months.entrySet()
            .stream()
            .filter(month -> !month.getKey().equals(YearMonth.from(NOW.atOffset(ZoneOffset.UTC)))
                    && !month.getKey().equals(YearMonth.from(NOW.minus(Duration.ofDays(365)).atOffset(ZoneOffset.UTC))))
            .map(month -> (double) month.getValue().stream().filter(DemoReleasesTests::failed).count()
                    / month.getValue().size())
            .toList();
        assertThat(rates).hasSize(11);
        for (int i = 1; i < rates.size(); i++) {
            assertThat(rates.get(i)).as("failure rate of month %d of %s", i, rates).isLessThan(rates.get(i - 1));
        }
        assertThat(rates.get(0)).isGreaterThan(0.035);
        assertThat(rates.get(rates.size() - 1)).isLessThan(0.025);
    }

    @Test
    void releasesTakeAFewMinutesAndCommitsComeHoursToDaysBefore() {
        List<Release> finished = RELEASES.stream().filter(release -> release.finishedAt() != null).toList();
        List<Long> durations = finished.stream()
            .map(release -> Duration.between(release.startedAt(), release.finishedAt()).toSeconds())
            .sorted()
            .toList();
        assertThat(durations.get(0)).isGreaterThanOrEqualTo(45);
        assertThat(durations.get(durations.size() - 1)).isLessThanOrEqualTo(30 * 60);
        assertThat(durations.get(durations.size() / 2)).isBetween(150L, 360L);

        List<Duration> leadTimes = RELEASES.stream()
            .map(release -> Duration.between(release.committedAt(), release.startedAt()))
            .sorted()
            .toList();
        assertThat(leadTimes.get(0)).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(leadTimes.get(leadTimes.size() - 1)).isLessThanOrEqualTo(Duration.ofDays(21));
        assertThat(leadTimes.get(leadTimes.size() / 2)).isBetween(Duration.ofHours(12), Duration.ofHours(36));
        assertThat(leadTimes.get(leadTimes.size() * 9 / 10)).isGreaterThan(Duration.ofDays(2));
    }

    @Test
    void aHandfulInTheLastHourOneOnWhatPaymentsApiCallsAndTwoStillRunning() {
        List<Release> lastHour = RELEASES.stream()
            .filter(release -> release.startedAt().isAfter(NOW.minus(Duration.ofHours(1))))
            .toList();
        Set<String> paymentsCallees = ESTATE.dependencies()
            .stream()
            .filter(dependency -> dependency.caller().equals("payments-api"))
            .map(Dependency::callee)
            .collect(Collectors.toSet());

        assertThat(lastHour).hasSizeBetween(4, 10);
        assertThat(paymentsCallees).isNotEmpty();
        assertThat(lastHour).anySatisfy(release -> {
            assertThat(paymentsCallees).contains(release.app());
            assertThat(release.status()).isEqualTo(DemoReleases.SUCCEEDED);
            assertThat(release.environment()).isEqualTo(DemoReleases.PRODUCTION);
            assertThat(release.startedAt()).isAfter(NOW.minus(Duration.ofMinutes(30)));
        });
        assertThat(RELEASES).filteredOn(release -> release.status().equals(DemoReleases.IN_PROGRESS))
            .hasSize(2)
            .allSatisfy(release -> {
                assertThat(release.finishedAt()).isNull();
                assertThat(release.startedAt()).isAfter(NOW.minus(Duration.ofMinutes(10)));
            });
        assertThat(RELEASES).filteredOn(release -> !release.status().equals(DemoReleases.IN_PROGRESS))
            .allSatisfy(release -> assertThat(release.finishedAt()).isAfter(release.startedAt()));
    }

    @Test
    void eachReleaseLooksLikeWhatAPipelineReports() {
        assertThat(RELEASES).extracting(Release::externalId).doesNotHaveDuplicates();
        assertThat(RELEASES).allSatisfy(release -> {
            assertThat(release.commit()).matches("[0-9a-f]{40}");
            assertThat(release.version()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(release.externalId()).matches(release.app() + "-[1-9]\\d*");
            assertThat(release.pipelineUrl()).isEqualTo("https://ci.acme.example/%s/pipelines/%s"
                .formatted(release.app(), release.externalId().substring(release.app().length() + 1)));
            assertThat(release.environment()).isIn(DemoReleases.PRODUCTION, DemoReleases.STAGING);
        });
        long staging = RELEASES.stream().filter(release -> release.environment().equals(DemoReleases.STAGING)).count();
        assertThat(staging).isBetween(RELEASES.size() / 20L, RELEASES.size() / 5L);
        // Each app's runs are numbered 1, 2, 3... in the order they started.
        Map<String, List<Release>> byApp = RELEASES.stream()
            .collect(Collectors.groupingBy(Release::app, HashMap::new, Collectors.toList()));
        byApp.forEach((app, releases) -> {
            for (int i = 0; i < releases.size(); i++) {
                assertThat(releases.get(i).externalId()).isEqualTo(app + "-" + (i + 1));
            }
        });
        assertThat(byApp.keySet()).hasSizeGreaterThan(ESTATE.apps().size() * 9 / 10);
    }

    @Test
    void releasedByTheOwnerOrTheSquadWhileTheyWereHereAndOnlyOnceTheAppExisted() {
        Map<String, App> apps = byKey(ESTATE.apps(), App::name);
        Map<String, Person> people = byKey(ESTATE.people(), Person::handle);
        Map<String, String> buddies = ESTATE.squads()
            .stream()
            .collect(Collectors.toMap(DemoEstate.Squad::name, DemoEstate.Squad::buddy));
        assertThat(RELEASES).allSatisfy(release -> {
            App app = apps.get(release.app());
            Person person = people.get(release.triggeredBy());
            assertThat(release.startedAt()).isAfter(app.createdAt());
            assertThat(person).isNotNull();
            assertThat(person.leftAt() == null || person.leftAt().isAfter(release.startedAt())).isTrue();
            assertThat(release.triggeredBy().equals(app.owner()) || person.squads().contains(app.squad())
                    || release.triggeredBy().equals(buddies.get(app.squad())))
                .isTrue();
        });
        long byOwner = RELEASES.stream()
            .filter(release -> release.triggeredBy().equals(apps.get(release.app()).owner()))
            .count();
        assertThat(byOwner).isBetween(RELEASES.size() / 3L, RELEASES.size() * 4L / 5);
    }

    @Test
    void theSameSeedGivesTheSameReleasesOnEveryPass() {
        DemoReleases again = DemoReleases.generate(DemoEstate.generate(400, 42, NOW), 42, NOW, 100);
        assertThat(again.stream().toList()).isEqualTo(RELEASES);
        assertThat(again.stream().toList()).isEqualTo(RELEASES);
        List<Release> otherSeed = DemoReleases.generate(ESTATE, 43, NOW, 100).stream().toList();
        assertThat(otherSeed).isNotEqualTo(RELEASES);
    }

    @Test
    void theNumberScalesWithTheEstateAndTheRate() {
        DemoEstate small = DemoEstate.generate(60, 3, NOW);
        assertThat(DemoReleases.generate(small, 3, NOW, 100).stream().count()).isEqualTo(6_000 + 7);
        assertThat(DemoReleases.generate(small, 3, NOW, 10).size()).isEqualTo(600 + 7);
        assertThat(DemoReleases.generate(small, 3, NOW, 0).stream()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> DemoReleases.generate(small, 3, NOW, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> DemoReleases.generate(small, 3, NOW, 1_001));
    }

    @Test
    void paymentsApiAlwaysCallsSomething() {
        for (int seed = 0; seed < 40; seed++) {
            DemoEstate estate = DemoEstate.generate(20 + seed * 10, seed, NOW);
            assertThat(estate.dependencies()).as("seed %d", seed)
                .anySatisfy(dependency -> assertThat(dependency.caller()).isEqualTo("payments-api"));
        }
    }

    private static boolean failed(Release release) {
        return release.status().equals(DemoReleases.FAILED) || release.status().equals(DemoReleases.ROLLED_BACK);
    }

    private static Map<LocalDate, Long> perDay(List<Release> releases) {
        // Whole days only: the first is partial, and the last holds the planted hour.
        LocalDate first = LocalDate.ofInstant(NOW.minus(Duration.ofDays(365)), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        Map<LocalDate, Long> perDay = new TreeMap<>();
        for (LocalDate day = first.plusDays(1); day.isBefore(last); day = day.plusDays(1)) {
            perDay.put(day, 0L);
        }
        releases.stream()
            .map(release -> LocalDate.ofInstant(release.startedAt(), ZoneOffset.UTC))
            .filter(perDay::containsKey)
            .forEach(day -> perDay.merge(day, 1L, Long::sum));
        return perDay;
    }

    private static double average(Map<LocalDate, Long> perDay, boolean weekend) {
        List<Long> counts = new ArrayList<>();
        perDay.forEach((day, count) -> {
            boolean isWeekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (isWeekend == weekend) {
                counts.add(count);
            }
        });
        return counts.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity()));
    }

}
