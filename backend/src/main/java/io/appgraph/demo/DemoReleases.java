package io.appgraph.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A year of releases across a {@link DemoEstate}, ending at "now", shaped like a busy
 * company's: weekdays busy and weekends quiet, velocity rising and the failure rate
 * falling month by month, one release-train day far above the rest, and a handful of
 * releases in the last hour (one on an app {@code payments-api} calls, two still in
 * progress), so "what changed before this broke" has an answer out of the box.
 * <p>
 * Generated on demand, a day at a time: every pass over it yields the same releases in
 * the same order (oldest first), and a million releases never sit in memory at once.
 */
public final class DemoReleases implements Iterable<DemoReleases.Release> {

    /** Status of a release whose pipeline is still running; it has no finish time. */
    public static final String IN_PROGRESS = "IN_PROGRESS";

    /** Status of a release that went out. */
    public static final String SUCCEEDED = "SUCCEEDED";

    /** Status of a release whose pipeline failed before it went out. */
    public static final String FAILED = "FAILED";

    /** Status of a release that went out and was rolled back. */
    public static final String ROLLED_BACK = "ROLLED_BACK";

    /** Where most releases go. */
    public static final String PRODUCTION = "prod";

    /** Where the others go. */
    public static final String STAGING = "staging";

    /** The most releases a year the demo estate gets, whatever its size. */
    public static final int MAX_RELEASES = 1_000_000;

    /** The most releases per app and year one may ask for. */
    public static final int MAX_PER_APP = 1_000;

    private final DemoReleaseGenerator.Plan plan;

    private DemoReleases(DemoReleaseGenerator.Plan plan) {
        this.plan = plan;
    }

    /**
     * Plans a year of releases ending at {@code now}: {@code perApp} times the estate's
     * apps (at most {@link #MAX_RELEASES}), plus the handful of the last hour.
     * @param estate whose apps are released, by their owners or squad members
     * @param seed the same seed, estate, {@code now} and rate give the same releases
     * @param now the end of the year; truncated to whole seconds
     * @param perApp releases per app and year, on average, from 0 (none at all) to
     * {@link #MAX_PER_APP}
     * @return the releases, generated as they are read
     * @throws IllegalArgumentException when {@code perApp} is out of range
     */
    public static DemoReleases generate(DemoEstate estate, long seed, Instant now, int perApp) {
        Objects.requireNonNull(estate, "estate");
        if (perApp < 0 || perApp > MAX_PER_APP) {
            throw new IllegalArgumentException(
                    "Releases per app are between 0 and %d, not %d".formatted(MAX_PER_APP, perApp));
        }
        return new DemoReleases(DemoReleaseGenerator.plan(estate, seed, now.truncatedTo(ChronoUnit.SECONDS), perApp));
    }

    /** How many releases a pass yields. */
    public int size() {
        return this.plan.size();
    }

    /** The releases, oldest first; each call generates them afresh, equal to the last. */
    @Override
    public Iterator<Release> iterator() {
        return this.plan.releases();
    }

    /** The releases as a sequential stream, oldest first. */
    public Stream<Release> stream() {
        return StreamSupport
            .stream(Spliterators.spliterator(iterator(), size(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * One run of an app's release pipeline, as a pipeline would have reported it.
     *
     * @param externalId the pipeline run, {@code <app>-<n>} with {@code n} counting the
     * app's releases from 1
     * @param app the released app's name
     * @param version semantic version, such as {@code 1.42.0}
     * @param commit the released commit, 40 hex digits
     * @param pipelineUrl where the run is shown
     * @param environment {@link #PRODUCTION} or {@link #STAGING}
     * @param status {@link #IN_PROGRESS}, {@link #SUCCEEDED}, {@link #FAILED} or
     * {@link #ROLLED_BACK}
     * @param startedAt when the pipeline started
     * @param finishedAt when it finished; {@code null} while in progress
     * @param committedAt when the released commit was made, hours to days before the
     * start
     * @param triggeredBy handle of who started it: the app's owner or a member of its
     * squad
     */
    public record Release(String externalId, String app, String version, String commit, String pipelineUrl,
            String environment, String status, Instant startedAt, Instant finishedAt, Instant committedAt,
            String triggeredBy) {

        public Release {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(triggeredBy, "triggeredBy");
        }
    }

}
