package io.appgraph.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import io.appgraph.demo.DemoEstate.App;
import io.appgraph.demo.DemoEstate.Dependency;
import io.appgraph.demo.DemoEstate.Person;
import io.appgraph.demo.DemoReleases.Release;

/**
 * Plans and generates {@link DemoReleases}. The plan (how many releases each UTC day
 * gets, how busy each app is) is drawn once from its own {@link Random}; each pass over
 * the releases draws everything else from a fresh {@link Random} with the same seed, in
 * the same order, so every pass is equal.
 */
final class DemoReleaseGenerator {

    // The company of the brief: 40,000 releases a year, 455 on its busiest day.
    static final double BUSIEST_DAY_SHARE = 455.0 / 40_000;

    // Failed or rolled back, falling steadily from the first day of the year to the last.
    static final double FIRST_FAILURE_RATE = 0.04;

    static final double LAST_FAILURE_RATE = 0.02;

    private static final long DAY = 86_400;

    private static final Duration YEAR = Duration.ofDays(365);

    // Regular releases start before the last hour, which holds only the planted handful.
    private static final Duration LAST_HOUR = Duration.ofHours(1);

    // Monday first: a steady working week, a careful Friday, almost nothing at weekends.
    private static final double[] WEEKDAYS = { 1.0, 1.1, 1.1, 1.0, 0.75, 0.05, 0.03 };

    // By UTC hour: a European working day, a little on-call activity around the clock.
    private static final double[] HOURS = { 0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.2, 0.6, 1.0, 1.3, 1.3, 1.2, 0.9, 1.2,
            1.3, 1.3, 1.0, 0.6, 0.3, 0.15, 0.05, 0.03, 0.02, 0.02 };

    // Minutes before now of the handful of finished releases in the last hour, and the
    // one of them that lands on an app payments-api calls.
    private static final int[] LAST_HOUR_MINUTES = { 54, 43, 31, 22, 13 };

    private static final int CALLEE_SLOT = 3;

    private static final int[] IN_PROGRESS_MINUTES = { 4, 1 };

    private static final double ROLLED_BACK_SHARE = 0.35;

    private static final double STAGING_SHARE = 0.12;

    private static final double OWNER_SHARE = 0.5;

    private DemoReleaseGenerator() {
    }

    static Plan plan(DemoEstate estate, long seed, Instant now, int perApp) {
        return new Plan(estate, seed, now, perApp);
    }

    /**
     * Releases per day and per app, decided up front; {@link #releases()} generates the
     * releases themselves.
     */
    static final class Plan {

        private final long seed;

        private final Instant now;

        private final Instant start;

        private final List<App> apps;

        private final double[] appWeights;

        private final int oldestApp;

        private final Map<String, Instant> leftAt = new HashMap<>();

        private final Map<String, List<String>> members = new HashMap<>();

        private final Map<String, String> buddies = new HashMap<>();

        private final int[] paymentsCallees;

        private final long[] dayStarts;

        private final long[] from;

        private final long[] to;

        private final int[] counts;

        private final int size;

        Plan(DemoEstate estate, long seed, Instant now, int perApp) {
            this.seed = seed;
            this.now = now;
            this.start = now.minus(YEAR);
            this.apps = estate.apps();
            for (Person person : estate.people()) {
                this.leftAt.put(person.handle(), person.leftAt());
                person.squads()
                    .forEach(squad -> this.members.computeIfAbsent(squad, key -> new ArrayList<>())
                        .add(person.handle()));
            }
            estate.squads().forEach(squad -> this.buddies.put(squad.name(), squad.buddy()));
            Map<String, Integer> indexes = new HashMap<>();
            int oldest = 0;
            for (int i = 0; i < this.apps.size(); i++) {
                indexes.put(this.apps.get(i).name(), i);
                if (this.apps.get(i).createdAt().isBefore(this.apps.get(oldest).createdAt())) {
                    oldest = i;
                }
            }
            this.oldestApp = oldest;
            this.paymentsCallees = estate.dependencies()
                .stream()
                .filter(dependency -> dependency.caller().equals(DemoVocabulary.FLAGSHIP))
                .map(Dependency::callee)
                .mapToInt(indexes::get)
                .toArray();

            Random random = new Random(mix(seed, 1));
            this.appWeights = appWeights(random);
            Instant end = now.minus(LAST_HOUR);
            long first = LocalDate.ofInstant(this.start, ZoneOffset.UTC).toEpochDay();
            long last = LocalDate.ofInstant(end, ZoneOffset.UTC).toEpochDay();
            int days = (int) (last - first + 1);
            this.dayStarts = new long[days];
            this.from = new long[days];
            this.to = new long[days];
            for (int d = 0; d < days; d++) {
                this.dayStarts[d] = (first + d) * DAY;
                this.from[d] = Math.max(0, this.start.getEpochSecond() - this.dayStarts[d]);
                this.to[d] = Math.min(DAY, end.getEpochSecond() - this.dayStarts[d]);
            }
            int total = (int) Math.min(DemoReleases.MAX_RELEASES, (long) this.apps.size() * perApp);
            this.counts = dailyCounts(total, random);
            this.size = (total == 0) ? 0 : total + LAST_HOUR_MINUTES.length + IN_PROGRESS_MINUTES.length;
        }

        int size() {
            return this.size;
        }

        Iterator<Release> releases() {
            return (this.size == 0) ? Collections.emptyIterator() : new Pass(this);
        }

        // Some apps ship several times a day, others once a month: log-normal busyness.
        private double[] appWeights(Random random) {
            double[] cumulative = new double[this.apps.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                double weight = Math.exp(0.9 * random.nextGaussian());
                if (this.apps.get(i).name().equals(DemoVocabulary.FLAGSHIP)) {
                    weight *= 2;
                }
                sum += weight;
                cumulative[i] = sum;
            }
            return cumulative;
        }

        /**
         * Spreads {@code total} releases over the days by weekday, trend, the year-end
         * freeze and some noise, except for one release-train day in the middle of a week
         * that gets the busiest day's share outright.
         */
        private int[] dailyCounts(int total, Random random) {
            int days = this.dayStarts.length;
            double[] weights = new double[days];
            List<Integer> trainDays = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                LocalDate date = LocalDate.ofEpochDay(this.dayStarts[d] / DAY);
                double noise = 0.8 + 0.4 * random.nextDouble();
                double middle = progress(Instant.ofEpochSecond(this.dayStarts[d] + DAY / 2));
                weights[d] = WEEKDAYS[date.getDayOfWeek().ordinal()] * (0.8 + 0.4 * middle) * noise
                        * (frozen(date) ? 0.2 : 1.0) * hourWeight(this.from[d], this.to[d]) / hourWeight(0, DAY);
                DayOfWeek weekday = date.getDayOfWeek();
                boolean midweek = weekday == DayOfWeek.TUESDAY || weekday == DayOfWeek.WEDNESDAY
                        || weekday == DayOfWeek.THURSDAY;
                if (midweek && !frozen(date) && d >= 30 && d < days - 14) {
                    trainDays.add(d);
                }
            }
            int[] counts = new int[days];
            if (total == 0) {
                return counts;
            }
            int train = trainDays.get(random.nextInt(trainDays.size()));
            counts[train] = (int) Math.min(total, Math.max(1, Math.round(total * BUSIEST_DAY_SHARE)));
            weights[train] = 0;
            distribute(total - counts[train], weights, counts);
            return counts;
        }

        // Largest remainder: the counts add up to exactly what was asked.
        private static void distribute(int total, double[] weights, int[] counts) {
            double sum = Arrays.stream(weights).sum();
            double[] remainders = new double[weights.length];
            int given = 0;
            for (int d = 0; d < weights.length; d++) {
                double share = total * weights[d] / sum;
                int whole = (int) share;
                counts[d] += whole;
                given += whole;
                remainders[d] = share - whole;
            }
            for (; given < total; given++) {
                int largest = 0;
                for (int d = 1; d < remainders.length; d++) {
                    if (remainders[d] > remainders[largest]) {
                        largest = d;
                    }
                }
                counts[largest]++;
                remainders[largest] = -1;
            }
        }

        private static boolean frozen(LocalDate date) {
            return (date.getMonth() == Month.DECEMBER && date.getDayOfMonth() >= 24)
                    || (date.getMonth() == Month.JANUARY && date.getDayOfMonth() == 1);
        }

        /** Where {@code at} lies in the year, from 0 at its start to 1 at now. */
        double progress(Instant at) {
            return Math.min(1, Math.max(0, (double) (at.getEpochSecond() - this.start.getEpochSecond())
                    / (this.now.getEpochSecond() - this.start.getEpochSecond())));
        }

        /**
         * The share of releases that fail or are rolled back at this point of the year.
         */
        static double failureRate(double progress) {
            return FIRST_FAILURE_RATE + (LAST_FAILURE_RATE - FIRST_FAILURE_RATE) * progress;
        }

        // The activity between two seconds of a day, by the hourly profile.
        private static double hourWeight(long from, long to) {
            double sum = 0;
            for (int hour = 0; hour < HOURS.length; hour++) {
                long overlap = Math.min(to, (hour + 1) * 3600L) - Math.max(from, hour * 3600L);
                if (overlap > 0) {
                    sum += HOURS[hour] * overlap / 3600.0;
                }
            }
            return sum;
        }

        // A second of the day between from and to, drawn by the hourly profile.
        private static long secondOfDay(long from, long to, Random random) {
            double draw = random.nextDouble() * hourWeight(from, to);
            for (int hour = 0; hour < HOURS.length; hour++) {
                long lower = Math.max(from, hour * 3600L);
                long overlap = Math.min(to, (hour + 1) * 3600L) - lower;
                if (overlap <= 0) {
                    continue;
                }
                double weight = HOURS[hour] * overlap / 3600.0;
                if (draw < weight) {
                    return Math.min(to - 1, lower + (long) (draw / HOURS[hour] * 3600));
                }
                draw -= weight;
            }
            return to - 1;
        }

        private static long mix(long seed, long salt) {
            return seed * 0x9E3779B97F4A7C15L + salt;
        }

    }

    /** One pass over the planned releases, a day at a time. */
    private static final class Pass implements Iterator<Release> {

        private final Plan plan;

        private final Random random;

        private final int[] released;

        private final int[][] versions;

        private final ArrayDeque<Release> pending = new ArrayDeque<>();

        private int day;

        private boolean lastHourDone;

        // Failures are owed as the rate accrues and paid at a jittered threshold, so
        // each month's rate follows the falling line closely instead of by chance.
        private double failuresOwed;

        private double failureThreshold = 1;

        Pass(Plan plan) {
            this.plan = plan;
            this.random = new Random(Plan.mix(plan.seed, 2));
            this.released = new int[plan.apps.size()];
            this.versions = new int[plan.apps.size()][];
        }

        @Override
        public boolean hasNext() {
            while (this.pending.isEmpty()) {
                if (this.day < this.plan.dayStarts.length) {
                    generateDay(this.day++);
                }
                else if (!this.lastHourDone) {
                    generateLastHour();
                    this.lastHourDone = true;
                }
                else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Release next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return this.pending.removeFirst();
        }

        private void generateDay(int d) {
            long[] seconds = new long[this.plan.counts[d]];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = this.plan.dayStarts[d] + Plan.secondOfDay(this.plan.from[d], this.plan.to[d], this.random);
            }
            Arrays.sort(seconds);
            for (long second : seconds) {
                Instant startedAt = Instant.ofEpochSecond(second);
                this.pending.add(regular(app(startedAt), startedAt));
            }
        }

        private Release regular(int app, Instant startedAt) {
            double progress = this.plan.progress(startedAt);
            String status = DemoReleases.SUCCEEDED;
            this.failuresOwed += Plan.failureRate(progress);
            if (this.failuresOwed >= this.failureThreshold) {
                this.failuresOwed -= 1;
                this.failureThreshold = 0.5 + this.random.nextDouble();
                status = (this.random.nextDouble() < ROLLED_BACK_SHARE) ? DemoReleases.ROLLED_BACK
                        : DemoReleases.FAILED;
            }
            String environment = (this.random.nextDouble() < STAGING_SHARE) ? DemoReleases.STAGING
                    : DemoReleases.PRODUCTION;
            return release(app, startedAt, startedAt.plusSeconds(duration(status)), status, environment,
                    startedAt.minusSeconds(leadTime(progress)));
        }

        // A handful of finished releases in the last hour, one of them on something
        // payments-api calls, and two pipelines still running.
        private void generateLastHour() {
            Instant now = this.plan.now;
            for (int i = 0; i < LAST_HOUR_MINUTES.length; i++) {
                Instant startedAt = now.minusSeconds(LAST_HOUR_MINUTES[i] * 60L + this.random.nextInt(120));
                int app = (i == CALLEE_SLOT && this.plan.paymentsCallees.length > 0)
                        ? this.plan.paymentsCallees[this.random.nextInt(this.plan.paymentsCallees.length)]
                        : app(startedAt);
                this.pending.add(release(app, startedAt, startedAt.plusSeconds(120 + this.random.nextInt(240)),
                        DemoReleases.SUCCEEDED, DemoReleases.PRODUCTION, startedAt.minusSeconds(leadTime(1))));
            }
            for (int minutes : IN_PROGRESS_MINUTES) {
                Instant startedAt = now.minusSeconds(minutes * 60L - this.random.nextInt(30));
                this.pending.add(release(app(startedAt), startedAt, null, DemoReleases.IN_PROGRESS,
                        DemoReleases.PRODUCTION, startedAt.minusSeconds(leadTime(1))));
            }
        }

        private Release release(int app, Instant startedAt, Instant finishedAt, String status, String environment,
                Instant committedAt) {
            App released = this.plan.apps.get(app);
            int number = ++this.released[app];
            String commit = "%016x%016x%08x".formatted(this.random.nextLong(), this.random.nextLong(),
                    this.random.nextInt());
            return new Release(released.name() + "-" + number, released.name(), version(app), commit,
                    "https://ci.%s/%s/pipelines/%d".formatted(DemoVocabulary.COMPANY_DOMAIN, released.name(), number),
                    environment, status, startedAt, finishedAt, committedAt, triggeredBy(released, startedAt));
        }

        // Weighted by busyness, among apps that existed by then.
        private int app(Instant at) {
            double[] cumulative = this.plan.appWeights;
            for (int attempt = 0; attempt < 10; attempt++) {
                int candidate = DemoEstateGenerator.upperBound(cumulative, cumulative.length,
                        this.random.nextDouble() * cumulative[cumulative.length - 1]);
                if (this.plan.apps.get(candidate).createdAt().isBefore(at)) {
                    return candidate;
                }
            }
            return this.plan.oldestApp;
        }

        // Mostly patches, some minor versions, now and then a major one.
        private String version(int app) {
            int[] version = this.versions[app];
            if (version == null) {
                version = new int[] { 1 + this.random.nextInt(3), this.random.nextInt(30), 0 };
                this.versions[app] = version;
            }
            else {
                double draw = this.random.nextDouble();
                if (draw < 0.004) {
                    version[0]++;
                    version[1] = 0;
                    version[2] = 0;
                }
                else if (draw < 0.25) {
                    version[1]++;
                    version[2] = 0;
                }
                else {
                    version[2]++;
                }
            }
            return version[0] + "." + version[1] + "." + version[2];
        }

        // A few minutes: failures stop early, rollbacks deploy and then undo.
        private long duration(String status) {
            double median = switch (status) {
                case DemoReleases.FAILED -> 150;
                case DemoReleases.ROLLED_BACK -> 540;
                default -> 240;
            };
            return Math.max(45, Math.min(1_800, Math.round(median * Math.exp(0.45 * this.random.nextGaussian()))));
        }

        // Hours to days from commit to release, getting shorter through the year.
        private long leadTime(double progress) {
            double medianHours = 30 - 16 * progress;
            double seconds = medianHours * 3600 * Math.exp(this.random.nextGaussian());
            return Math.max(600, Math.min(21 * DAY, Math.round(seconds)));
        }

        // The owner when they were still here, otherwise someone in the squad who was.
        private String triggeredBy(App app, Instant at) {
            if (this.random.nextDouble() < OWNER_SHARE && presentAt(app.owner(), at)) {
                return app.owner();
            }
            List<String> members = this.plan.members.getOrDefault(app.squad(), List.of());
            for (int attempt = 0; attempt < 4 && !members.isEmpty(); attempt++) {
                String member = members.get(this.random.nextInt(members.size()));
                if (presentAt(member, at)) {
                    return member;
                }
            }
            return presentAt(app.owner(), at) ? app.owner() : this.plan.buddies.get(app.squad());
        }

        private boolean presentAt(String handle, Instant at) {
            Instant left = this.plan.leftAt.get(handle);
            return left == null || left.isAfter(at);
        }

    }

}
