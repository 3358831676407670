package io.appgraph.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A made-up but realistic engineering estate: departments, squads, people, apps and the
 * calls between them, shaped like a real company's (platform hubs almost everything
 * calls, heavy-tailed popularity, a few cycles, people who left but still own apps).
 * Built in memory only; see {@link DemoEstateWriter} to put it into Neo4j.
 *
 * @param groups the organisation first, then its departments
 * @param squads every squad with its department and ops buddy
 * @param people everyone, with the squads they are a member of
 * @param apps every app, platform hubs first
 * @param dependencies caller-to-callee calls, without self-calls or duplicates
 */
public record DemoEstate(List<Group> groups, List<Squad> squads, List<Person> people, List<App> apps,
        List<Dependency> dependencies) {

    /**
     * The moment {@link #generate(int, long)} dates everything from, fixed so the same
     * arguments always give an equal estate.
     */
    public static final Instant REFERENCE_TIME = Instant.parse("2025-06-02T09:00:00Z");

    /** Group type of the single root group. */
    public static final String ORGANISATION = "organisation";

    /** Group type of the groups squads belong to. */
    public static final String DEPARTMENT = "department";

    /** The labels every app's bookmarks carry, in this order. */
    public static final List<String> LINK_LABELS = List.of("pipeline", "source", "logs", "metrics", "tracing", "admin");

    /** Where a dependency can be observed, in the order a dependency lists them. */
    public static final List<String> SOURCES = List.of("DECLARED", "NETWORK_POLICY", "MESH");

    /** The tiers apps are classified in, most critical first. */
    public static final List<String> TIERS = List.of("TIER_1", "TIER_2", "TIER_3", "TIER_4");

    public DemoEstate {
        groups = List.copyOf(groups);
        squads = List.copyOf(squads);
        people = List.copyOf(people);
        apps = List.copyOf(apps);
        dependencies = List.copyOf(dependencies);
    }

    /**
     * Generates an estate of {@code apps} apps dated relative to {@link #REFERENCE_TIME}.
     * @param apps how many apps, from 20 to 100,000; squads, people and dependencies
     * scale with it
     * @param seed the same seed (and app count) gives an equal estate
     * @return the estate
     * @throws IllegalArgumentException when {@code apps} is out of range
     */
    public static DemoEstate generate(int apps, long seed) {
        return generate(apps, seed, REFERENCE_TIME);
    }

    /**
     * Generates an estate of {@code apps} apps whose timestamps (creation, leaving, last
     * seen) lie before {@code now}, so a freshly loaded estate looks current.
     * @param apps how many apps, from 20 to 100,000; squads, people and dependencies
     * scale with it
     * @param seed the same seed, app count and {@code now} give an equal estate
     * @param now the moment "recently" refers to; truncated to whole seconds
     * @return the estate
     * @throws IllegalArgumentException when {@code apps} is out of range
     */
    public static DemoEstate generate(int apps, long seed, Instant now) {
        return new DemoEstateGenerator(apps, seed, now.truncatedTo(ChronoUnit.SECONDS)).generate();
    }

    /**
     * A group of squads or of other groups.
     *
     * @param name unique DNS label
     * @param type {@link #ORGANISATION} or {@link #DEPARTMENT}
     * @param parent the group this one is part of, or {@code null} for the organisation
     */
    public record Group(String name, String type, String parent) {

        public Group {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A team that owns apps.
     *
     * @param name unique DNS label
     * @param department the department group it is part of
     * @param description one line about what it does
     * @param slackChannel such as {@code #team-checkout}
     * @param buddy handle of the active ops engineer who helps this squad
     */
    public record Squad(String name, String department, String description, String slackChannel, String buddy) {

        public Squad {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(department, "department");
            Objects.requireNonNull(buddy, "buddy");
        }
    }

    /**
     * Someone who works, or worked, in engineering.
     *
     * @param handle unique, such as {@code jane.doe} or {@code jane.doe2}
     * @param name full name for display
     * @param email {@code <handle>@acme.example}
     * @param active {@code false} once they have left
     * @param leftAt when they left, or {@code null} while active
     * @param squads the squads they are a member of, one or two
     */
    public record Person(String handle, String name, String email, boolean active, Instant leftAt,
            List<String> squads) {

        public Person {
            Objects.requireNonNull(handle, "handle");
            squads = List.copyOf(squads);
        }
    }

    /**
     * A bookmark on an app page.
     *
     * @param label one of {@link #LINK_LABELS}
     * @param url absolute https URL
     */
    public record Link(String label, String url) {
    }

    /**
     * A deployable service, job or front end.
     *
     * @param name unique DNS label
     * @param description one line about what it does
     * @param tier one of {@link #TIERS}
     * @param squad the owning squad
     * @param owner handle of the developer who owns it; may be someone who has left
     * @param runbookUrl where on-call starts reading
     * @param links one bookmark per label of {@link #LINK_LABELS}, in that order
     * @param createdAt when the app was registered
     * @param ownedSince since when the squad owns it
     * @param ownerSince since when the developer owns it
     */
    public record App(String name, String description, String tier, String squad, String owner, String runbookUrl,
            List<Link> links, Instant createdAt, Instant ownedSince, Instant ownerSince) {

        public App {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(squad, "squad");
            Objects.requireNonNull(owner, "owner");
            links = List.copyOf(links);
        }
    }

    /**
     * One app calling another.
     *
     * @param caller the app that makes the calls
     * @param callee the app being called
     * @param sources where the call was observed, a non-empty subset of {@link #SOURCES}
     * in the order {@code DECLARED}, {@code NETWORK_POLICY}, {@code MESH}
     * @param firstSeen when the call was first observed
     * @param lastSeen when the call was last observed
     */
    public record Dependency(String caller, String callee, List<String> sources, Instant firstSeen, Instant lastSeen) {

        public Dependency {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(callee, "callee");
            sources = List.copyOf(sources);
        }
    }
}
