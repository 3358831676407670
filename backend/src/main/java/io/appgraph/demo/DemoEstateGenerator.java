package io.appgraph.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.appgraph.demo.DemoEstate.App;
import io.appgraph.demo.DemoEstate.Dependency;
import io.appgraph.demo.DemoEstate.Group;
import io.appgraph.demo.DemoEstate.Link;
import io.appgraph.demo.DemoEstate.Person;
import io.appgraph.demo.DemoEstate.Squad;
import io.appgraph.demo.DemoVocabulary.Department;
import io.appgraph.demo.DemoVocabulary.FixedSquad;
import io.appgraph.demo.DemoVocabulary.Hub;
import io.appgraph.demo.DemoVocabulary.Kind;
import io.appgraph.demo.DemoVocabulary.Role;

/**
 * Builds one {@link DemoEstate}. Single use: every random draw comes from one
 * {@link Random} in a fixed order, and maps and sets are only used for look-ups, never
 * iterated, so the result depends on nothing but the constructor arguments.
 */
final class DemoEstateGenerator {

    static final int MIN_APPS = 20;

    static final int MAX_APPS = 100_000;

    // One squad per non-platform department plus the fixed platform squads.
    private static final int MIN_SQUADS = DemoVocabulary.PLATFORM_SQUADS.size() + DemoVocabulary.DEPARTMENTS.size() - 1;

    // The spread of "how many other apps does an app call" (1 to 6), hubs aside.
    private static final int[] CALL_COUNT_WEIGHTS = { 24, 26, 20, 14, 9, 7 };

    // Where an app looks for callees: own squad, own department, anywhere.
    private static final double SAME_SQUAD = 0.2;

    private static final double SAME_DEPARTMENT = 0.55;

    // Share of app-to-app calls that go "back" up the call stack, closing a cycle.
    private static final double BACK_EDGES = 0.03;

    private static final double LEAVER_SHARE = 0.03;

    private static final double SECOND_SQUAD_SHARE = 0.12;

    private final int appCount;

    private final Random random;

    private final Instant now;

    private final List<SquadDraft> squads = new ArrayList<>();

    private final Map<String, SquadDraft> squadsByName = new HashMap<>();

    private final Map<String, List<SquadDraft>> squadsByDepartment = new HashMap<>();

    private final List<PersonDraft> people = new ArrayList<>();

    private final List<PersonDraft> opsPool = new ArrayList<>();

    private final List<AppDraft> apps = new ArrayList<>();

    private final Set<String> appNames = new HashSet<>();

    private final List<EdgeDraft> edges = new ArrayList<>();

    private final Set<Long> edgeKeys = new HashSet<>();

    DemoEstateGenerator(int apps, long seed, Instant now) {
        if (apps < MIN_APPS || apps > MAX_APPS) {
            throw new IllegalArgumentException(
                    "A demo estate has between %d and %d apps, not %d".formatted(MIN_APPS, MAX_APPS, apps));
        }
        this.appCount = apps;
        this.random = new Random(seed);
        this.now = now;
    }

    DemoEstate generate() {
        List<Group> groups = groups();
        createSquads();
        distributeApps();
        createPeople();
        assignBuddies();
        createApps();
        createDependencies();
        return new DemoEstate(groups, this.squads.stream().map(SquadDraft::freeze).toList(),
                this.people.stream().map(PersonDraft::freeze).toList(),
                this.apps.stream().map(AppDraft::freeze).toList(), this.edges.stream().map(this::dependency).toList());
    }

    private static List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        groups.add(new Group(DemoVocabulary.ORGANISATION, DemoEstate.ORGANISATION, null));
        for (Department department : DemoVocabulary.DEPARTMENTS) {
            groups.add(new Group(department.name(), DemoEstate.DEPARTMENT, DemoVocabulary.ORGANISATION));
        }
        return groups;
    }

    // ---------------------------------------------------------------- squads

    private void createSquads() {
        int total = Math.max(MIN_SQUADS, Math.round(this.appCount / 10f));
        List<Department> departments = DemoVocabulary.DEPARTMENTS;
        int[] counts = new int[departments.size()];
        int allocated = 0;
        for (int d = 0; d < counts.length; d++) {
            counts[d] = isPlatform(departments.get(d)) ? DemoVocabulary.PLATFORM_SQUADS.size() : 1;
            allocated += counts[d];
        }
        // Largest deficit first, so shares hold at any size while the minimums above
        // still apply.
        for (; allocated < total; allocated++) {
            int neediest = 0;
            for (int d = 1; d < counts.length; d++) {
                if (deficit(departments.get(d), counts[d], total) > deficit(departments.get(neediest), counts[neediest],
                        total)) {
                    neediest = d;
                }
            }
            counts[neediest]++;
        }
        Set<String> taken = new HashSet<>();
        departments.forEach(department -> taken.add(department.name()));
        taken.add(DemoVocabulary.ORGANISATION);
        for (int d = 0; d < counts.length; d++) {
            Department department = departments.get(d);
            int remaining = counts[d];
            if (isPlatform(department)) {
                for (FixedSquad fixed : DemoVocabulary.PLATFORM_SQUADS) {
                    taken.add(fixed.name());
                    addSquad(new SquadDraft(fixed.name(), department, fixed.domain(), fixed.description(),
                            fixed.name().equals(DemoVocabulary.OPS_SQUAD) ? 0.3 : 1.0 + this.random.nextDouble()));
                }
                remaining -= DemoVocabulary.PLATFORM_SQUADS.size();
            }
            List<String> domains = new ArrayList<>(department.domains());
            Collections.shuffle(domains, this.random);
            // The payments squad always exists, so the README's payments-api always does.
            if (domains.remove(DemoVocabulary.FLAGSHIP_DOMAIN)) {
                domains.add(0, DemoVocabulary.FLAGSHIP_DOMAIN);
            }
            for (int i = 0; i < remaining; i++) {
                String domain = domains.get(i % domains.size());
                String name = squadName(domain, i < domains.size(), taken);
                String description = pick(DemoVocabulary.SQUAD_DESCRIPTIONS).formatted(words(domain),
                        "the " + department.name() + " department");
                addSquad(new SquadDraft(name, department, domain, description, 0.5 + 1.5 * this.random.nextDouble()));
            }
        }
    }

    private static double deficit(Department department, int count, int total) {
        return department.squadShare() * total - count;
    }

    private String squadName(String domain, boolean firstOfDomain, Set<String> taken) {
        // The first squad of a domain is often just named after it ("checkout"); later
        // ones get a team noun.
        if (firstOfDomain && this.random.nextBoolean() && taken.add(domain)) {
            return domain;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            String candidate = domain + "-" + pick(DemoVocabulary.TEAM_NOUNS);
            if (taken.add(candidate)) {
                return candidate;
            }
        }
        for (int n = 2;; n++) {
            String candidate = domain + "-team-" + n;
            if (taken.add(candidate)) {
                return candidate;
            }
        }
    }

    private void addSquad(SquadDraft squad) {
        this.squads.add(squad);
        this.squadsByName.put(squad.name, squad);
        this.squadsByDepartment.computeIfAbsent(squad.department.name(), key -> new ArrayList<>()).add(squad);
    }

    /**
     * Decides how many ordinary (non-hub) apps each squad owns: at least one, more for
     * bigger squads.
     */
    private void distributeApps() {
        int ordinary = this.appCount - DemoVocabulary.HUBS.size();
        double[] cumulative = new double[this.squads.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            SquadDraft squad = this.squads.get(i);
            squad.appCount = 1;
            sum += squad.weight;
            cumulative[i] = sum;
        }
        for (int i = this.squads.size(); i < ordinary; i++) {
            this.squads.get(upperBound(cumulative, cumulative.length, this.random.nextDouble() * sum)).appCount++;
        }
    }

    // ---------------------------------------------------------------- people

    private void createPeople() {
        int squadCount = this.squads.size();
        int poolSize = Math.max(4, Math.round(squadCount / 20f));
        // About 250 people for 400 apps and 20,000 for 10,000: the bigger the company,
        // the more people
        // per app (platform, process, hand-overs), levelling off at two.
        long wanted = Math.round(this.appCount * (0.6 + Math.min(this.appCount, 10_000) / 7000.0));
        int count = (int) Math.max(wanted, poolSize + 2L * (squadCount - 1));
        Map<String, Integer> handles = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String first = pick(DemoVocabulary.FIRST_NAMES);
            String last = pick(DemoVocabulary.LAST_NAMES);
            String base = first + "." + last;
            int seen = handles.merge(base, 1, Integer::sum);
            this.people
                .add(new PersonDraft(seen == 1 ? base : base + seen, capitalise(first) + " " + capitalise(last)));
        }

        SquadDraft ops = this.squadsByName.get(DemoVocabulary.OPS_SQUAD);
        List<SquadDraft> others = this.squads.stream().filter(squad -> squad != ops).toList();
        int next = 0;
        for (; next < poolSize; next++) {
            join(this.people.get(next), ops);
            this.people.get(next).ops = true;
            this.opsPool.add(this.people.get(next));
        }
        for (SquadDraft squad : others) {
            join(this.people.get(next++), squad);
            join(this.people.get(next++), squad);
        }
        double[] cumulative = new double[others.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            // Squads that own more apps tend to have more people.
            sum += others.get(i).appCount + 2;
            cumulative[i] = sum;
        }
        for (; next < count; next++) {
            join(this.people.get(next),
                    others.get(upperBound(cumulative, cumulative.length, this.random.nextDouble() * sum)));
        }

        for (PersonDraft person : this.people) {
            if (person.ops) {
                continue;
            }
            if (this.random.nextDouble() < SECOND_SQUAD_SHARE) {
                SquadDraft primary = person.squads.get(0);
                SquadDraft second = pick(this.squadsByDepartment.get(primary.department.name()));
                // A department of one squad (tiny estates) simply has no second squad to
                // offer.
                if (second != primary && second != ops) {
                    join(person, second);
                }
            }
        }
        // An exact share rather than a coin per person, so even a small estate has its
        // leavers.
        List<PersonDraft> leavers = new ArrayList<>(this.people.subList(poolSize, count));
        Collections.shuffle(leavers, this.random);
        for (PersonDraft person : leavers.subList(0, (int) Math.max(1, Math.round(leavers.size() * LEAVER_SHARE)))) {
            person.active = false;
            person.leftAt = daysAgo(3 + this.random.nextInt(400));
        }
    }

    private static void join(PersonDraft person, SquadDraft squad) {
        person.squads.add(squad);
        squad.members.add(person);
    }

    private void assignBuddies() {
        // Everyone in the pool is active: leavers are only drawn outside it.
        List<PersonDraft> pool = new ArrayList<>(this.opsPool);
        Collections.shuffle(pool, this.random);
        for (int i = 0; i < this.squads.size(); i++) {
            this.squads.get(i).buddy = pool.get(i % pool.size());
        }
    }

    // ---------------------------------------------------------------- apps

    private void createApps() {
        Role hubRole = new Role("service", 0, Kind.API);
        for (Hub hub : DemoVocabulary.HUBS) {
            SquadDraft squad = this.squadsByName.get(hub.squad());
            this.appNames.add(hub.name());
            AppDraft app = new AppDraft(this.apps.size(), hub.name(), squad, hubRole);
            app.hub = true;
            app.description = hub.description();
            app.tier = "TIER_1";
            // Hubs are the oldest services: everything else was built on top of them.
            app.createdAt = daysAgo(1800 + this.random.nextInt(800));
            completeApp(app);
        }
        for (SquadDraft squad : this.squads) {
            for (int i = 0; i < squad.appCount; i++) {
                AppDraft app = ordinaryApp(squad);
                app.description = description(app);
                app.tier = tier();
                app.createdAt = daysAgo(14 + this.random.nextInt(2200));
                app.position = app.role.kind() == Kind.FRONT ? 1.0 + 0.1 * this.random.nextDouble()
                        : app.role.kind() == Kind.BFF ? 0.9 + 0.1 * this.random.nextDouble()
                                : 0.9 * this.random.nextDouble();
                app.fitness = switch (app.role.kind()) {
                    case FRONT -> 0.0;
                    case BFF -> 0.6 * popularity();
                    case API -> popularity();
                    // Workers and jobs are called now and then, but never become hubs.
                    case BACKGROUND -> 0.35 * Math.min(6, popularity());
                };
                if (app.name.equals(DemoVocabulary.FLAGSHIP)) {
                    // Money moves through it: critical, and called by a good share of the
                    // estate.
                    app.tier = "TIER_1";
                    app.fitness = 40;
                }
                completeApp(app);
            }
        }
    }

    private AppDraft ordinaryApp(SquadDraft squad) {
        Department department = squad.department;
        if (squad.domain.equals(DemoVocabulary.FLAGSHIP_DOMAIN) && this.appNames.add(DemoVocabulary.FLAGSHIP)) {
            return new AppDraft(this.apps.size(), DemoVocabulary.FLAGSHIP, squad, DemoVocabulary.COMMON_ROLES.get(0));
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            Role role = role(department);
            String subject = null;
            if (this.random.nextDouble() < 0.7) {
                int index = this.random.nextInt(department.subjects().size() + DemoVocabulary.COMMON_SUBJECTS.size());
                subject = index < department.subjects().size() ? department.subjects().get(index)
                        : DemoVocabulary.COMMON_SUBJECTS.get(index - department.subjects().size());
                if (subject.equals(squad.domain)) {
                    subject = null;
                }
            }
            String name = squad.domain + (subject == null ? "" : "-" + subject) + "-" + role.name();
            if (this.appNames.add(name)) {
                AppDraft app = new AppDraft(this.apps.size(), name, squad, role);
                app.subject = subject;
                return app;
            }
        }
        // Only reached when a domain's word combinations run out, far beyond the intended
        // sizes.
        Role role = role(department);
        for (int n = 2;; n++) {
            String name = squad.domain + "-" + role.name() + "-" + n;
            if (this.appNames.add(name)) {
                return new AppDraft(this.apps.size(), name, squad, role);
            }
        }
    }

    private void completeApp(AppDraft app) {
        app.owner = owner(app.squad);
        Instant until = app.owner.active ? this.now : app.owner.leftAt;
        if (!until.isAfter(app.createdAt)) {
            // The owner left before the app would have been created: it must be older
            // than that.
            app.createdAt = until.minus(Duration.ofDays(30 + this.random.nextInt(700)));
        }
        app.ownerSince = this.random.nextBoolean() ? app.createdAt : between(app.createdAt, until);
        app.ownedSince = this.random.nextDouble() < 0.7 ? app.createdAt : between(app.createdAt, this.now);
        String department = app.squad.department.name();
        String base = "https://%s." + DemoVocabulary.COMPANY_DOMAIN;
        app.runbookUrl = base.formatted("wiki") + "/runbooks/" + app.name;
        app.links = List.of(new Link("pipeline", base.formatted("ci") + "/job/" + app.name),
                new Link("source", base.formatted("git") + "/" + department + "/" + app.name),
                new Link("logs", base.formatted("logs") + "/app/" + app.name),
                new Link("metrics", base.formatted("grafana") + "/d/" + app.name),
                new Link("tracing", base.formatted("tracing") + "/service/" + app.name),
                new Link("admin", base.formatted(app.name + ".admin")));
        this.apps.add(app);
    }

    private PersonDraft owner(SquadDraft squad) {
        // Usually someone in the squad (who may have left since); sometimes a neighbour
        // in the department.
        if (this.random.nextDouble() < 0.88) {
            return pick(squad.members);
        }
        return pick(pick(this.squadsByDepartment.get(squad.department.name())).members);
    }

    private Role role(Department department) {
        int total = 0;
        for (Role role : DemoVocabulary.COMMON_ROLES) {
            total += role.weight();
        }
        for (Role role : department.extraRoles()) {
            total += role.weight();
        }
        int draw = this.random.nextInt(total);
        for (Role role : DemoVocabulary.COMMON_ROLES) {
            draw -= role.weight();
            if (draw < 0) {
                return role;
            }
        }
        for (Role role : department.extraRoles()) {
            draw -= role.weight();
            if (draw < 0) {
                return role;
            }
        }
        throw new IllegalStateException("role weights do not add up");
    }

    private String tier() {
        double draw = this.random.nextDouble();
        return draw < 0.10 ? "TIER_1" : draw < 0.35 ? "TIER_2" : draw < 0.75 ? "TIER_3" : "TIER_4";
    }

    /**
     * How attractive an app is as a callee: Pareto distributed, which makes in-degrees
     * heavy-tailed.
     */
    private double popularity() {
        return Math.min(100, Math.pow(1 - this.random.nextDouble(), -1 / 1.4));
    }

    private String description(AppDraft app) {
        String topic = words(app.squad.domain) + (app.subject == null ? "" : " " + words(app.subject));
        String template = switch (app.role.name()) {
            case "api" ->
                pick(List.of("HTTP API for %s, used by other services.", "Serves %s over a versioned REST API."));
            case "service" ->
                pick(List.of("Core service that owns %s state and business rules.", "System of record for %s."));
            case "worker" -> "Background worker that processes %s jobs from the queue.";
            case "web" -> "Customer-facing web front end for %s.";
            case "ui" -> "Internal UI for operators to manage %s.";
            case "bff" -> "Backend for frontend that aggregates %s for the web and mobile apps.";
            case "scheduler" -> "Schedules recurring %s jobs and retries failed runs.";
            case "consumer" -> "Consumes %s events from Kafka and keeps read models up to date.";
            case "gateway" -> "Gateway in front of third-party %s providers.";
            case "adapter" -> "Adapter between %s and partner systems.";
            case "sync" -> "Keeps %s in sync between the primary store and downstream systems.";
            case "reporter" -> "Produces daily %s reports for the business.";
            case "processor" -> "Processes %s in near real time.";
            case "exporter" -> "Exports %s to the data lakehouse.";
            case "importer" -> "Imports %s from partner feeds.";
            case "indexer" -> "Indexes %s for fast search.";
            case "publisher" -> "Publishes %s change events for downstream consumers.";
            case "listener" -> "Receives %s webhooks and turns them into internal events.";
            case "store" -> "Storage service holding %s with strong consistency.";
            case "engine" -> "Rules engine that evaluates %s decisions.";
            case "operator" -> "Kubernetes operator that reconciles %s resources.";
            case "controller" -> "Controller that applies desired %s state across clusters.";
            case "agent" -> "Node agent collecting %s data on every host.";
            case "job" -> "Batch job that computes %s every night.";
            case "pipeline" -> "Streaming pipeline that transforms %s.";
            case "loader" -> "Loads %s into the lakehouse.";
            case "trainer" -> "Trains and publishes %s models.";
            default -> "Handles %s.";
        };
        return template.formatted(topic);
    }

    // ---------------------------------------------------------------- dependencies

    private void createDependencies() {
        Map<String, AppDraft> byName = new HashMap<>();
        this.apps.forEach(app -> byName.put(app.name, app));
        AppDraft auth = byName.get(DemoVocabulary.AUTH_SERVICE);
        AppDraft config = byName.get(DemoVocabulary.CONFIG_SERVICE);
        AppDraft users = byName.get(DemoVocabulary.USER_SERVICE);
        AppDraft gateway = byName.get(DemoVocabulary.API_GATEWAY);
        AppDraft flags = byName.get(DemoVocabulary.FEATURE_FLAGS);
        AppDraft audit = byName.get(DemoVocabulary.AUDIT_LOG);
        AppDraft notifications = byName.get(DemoVocabulary.NOTIFICATION_SERVICE);

        // The hubs among themselves; auth and user service call each other, as they often
        // do.
        addEdge(gateway, auth, false);
        addEdge(gateway, config, false);
        addEdge(gateway, flags, false);
        addEdge(auth, users, false);
        addEdge(auth, config, false);
        addEdge(auth, audit, false);
        addEdge(users, auth, false);
        addEdge(users, config, false);
        addEdge(users, audit, false);
        addEdge(flags, config, false);
        addEdge(audit, config, false);
        addEdge(notifications, users, false);
        addEdge(notifications, config, false);
        addEdge(notifications, flags, false);

        List<AppDraft> ordinary = this.apps.stream().filter(app -> !app.hub).toList();
        Sampler everywhere = new Sampler(ordinary);
        // Linked maps although the order does not matter: a sampler draws nothing while
        // being built.
        Map<String, List<AppDraft>> departmentApps = new LinkedHashMap<>();
        Map<String, List<AppDraft>> squadApps = new LinkedHashMap<>();
        for (AppDraft app : ordinary) {
            departmentApps.computeIfAbsent(app.squad.department.name(), key -> new ArrayList<>()).add(app);
            squadApps.computeIfAbsent(app.squad.name, key -> new ArrayList<>()).add(app);
        }
        Map<String, Sampler> byDepartment = new HashMap<>();
        Map<String, Sampler> bySquad = new HashMap<>();
        departmentApps.forEach((department, candidates) -> byDepartment.put(department, new Sampler(candidates)));
        squadApps.forEach((squad, candidates) -> bySquad.put(squad, new Sampler(candidates)));

        List<EdgeDraft> appToApp = new ArrayList<>();
        for (AppDraft app : ordinary) {
            Kind kind = app.role.kind();
            boolean front = kind == Kind.FRONT || kind == Kind.BFF;
            String department = app.squad.department.name();
            maybeCall(app, auth, front ? 0.95 : 0.82);
            if (app.name.equals(DemoVocabulary.FLAGSHIP)) {
                // Always calls something, so its recent changes (releases on what it
                // calls) have something to show. No draw: other seeds' estates stay as
                // they were.
                addEdge(app, auth, false);
            }
            maybeCall(app, config, 0.6);
            maybeCall(app, users, front || department.equals("customer") ? 0.5 : 0.25);
            maybeCall(app, flags, front ? 0.5 : 0.22);
            maybeCall(app, audit, department.equals("payments") ? 0.35 : 0.07);
            maybeCall(app, notifications, department.equals("customer") ? 0.25 : 0.05);
            if (kind == Kind.FRONT) {
                maybeCall(app, gateway, 0.8);
            }
            if (kind == Kind.BFF || app.role.name().equals("api")) {
                maybeCall(gateway, app, kind == Kind.BFF ? 0.9 : 0.45);
            }
            int calls = callCount();
            for (int attempt = 0, made = 0; made < calls && attempt < calls * 4; attempt++) {
                double scope = this.random.nextDouble();
                Sampler sampler = scope < SAME_SQUAD ? bySquad.get(app.squad.name)
                        : scope < SAME_SQUAD + SAME_DEPARTMENT ? byDepartment.get(department) : everywhere;
                int callee = sampler.below(app.position);
                if (callee >= 0 && addEdge(app, this.apps.get(callee), false)) {
                    appToApp.add(this.edges.get(this.edges.size() - 1));
                    made++;
                }
            }
        }
        addBackEdges(appToApp);
    }

    /**
     * Closes short cycles: for a few calls a→b, adds b→a or, through a call b→c, c→a.
     * Real estates have such loops (chatty pairs, callbacks) but seldom large tangles, so
     * only apps that call exactly one other app are closed over: nothing else leads from
     * a back to b or c, which keeps each loop to its two or three apps instead of pulling
     * in everything between them. Front ends are left out for the same reason: through
     * the gateway they reach half the estate.
     */
    private void addBackEdges(List<EdgeDraft> appToApp) {
        Map<Integer, List<EdgeDraft>> outgoing = new HashMap<>();
        appToApp.forEach(edge -> outgoing.computeIfAbsent(edge.caller.index, key -> new ArrayList<>()).add(edge));
        List<EdgeDraft> singleCalls = appToApp.stream()
            .filter(edge -> outgoing.get(edge.caller.index).size() == 1 && edge.caller.role.kind() != Kind.FRONT)
            .toList();
        int wanted = (int) Math.round(appToApp.size() * BACK_EDGES);
        for (int added = 0, attempt = 0; added < wanted && attempt < wanted * 10 && !singleCalls.isEmpty(); attempt++) {
            EdgeDraft edge = pick(singleCalls);
            if (outgoing.get(edge.caller.index).size() != 1) {
                continue;
            }
            AppDraft target = edge.callee;
            if (this.random.nextDouble() >= 0.6) {
                List<EdgeDraft> onwards = outgoing.get(target.index);
                if (onwards == null || onwards.size() != 1 || target.role.kind() == Kind.FRONT) {
                    continue;
                }
                target = onwards.get(0).callee;
            }
            if (addEdge(target, edge.caller, true)) {
                EdgeDraft back = this.edges.get(this.edges.size() - 1);
                outgoing.computeIfAbsent(target.index, key -> new ArrayList<>()).add(back);
                added++;
            }
        }
    }

    private void maybeCall(AppDraft caller, AppDraft callee, double probability) {
        if (this.random.nextDouble() < probability) {
            addEdge(caller, callee, false);
        }
    }

    private boolean addEdge(AppDraft caller, AppDraft callee, boolean back) {
        if (caller == callee || !this.edgeKeys.add((long) caller.index * MAX_APPS + callee.index)) {
            return false;
        }
        this.edges.add(new EdgeDraft(caller, callee, back));
        return true;
    }

    private int callCount() {
        int draw = this.random.nextInt(100);
        for (int i = 0; i < CALL_COUNT_WEIGHTS.length; i++) {
            draw -= CALL_COUNT_WEIGHTS[i];
            if (draw < 0) {
                return i + 1;
            }
        }
        return CALL_COUNT_WEIGHTS.length;
    }

    private Dependency dependency(EdgeDraft edge) {
        List<String> sources = new ArrayList<>(3);
        // A call that goes back up the stack is often undeclared: only the mesh has seen
        // it.
        if (this.random.nextDouble() < (edge.back ? 0.4 : 0.85)) {
            sources.add("DECLARED");
        }
        if (this.random.nextDouble() < (edge.back ? 0.2 : 0.3)) {
            sources.add("NETWORK_POLICY");
        }
        if (this.random.nextDouble() < (edge.back ? 0.85 : 0.6) || sources.isEmpty()) {
            sources.add("MESH");
        }
        Instant both = edge.caller.createdAt.isAfter(edge.callee.createdAt) ? edge.caller.createdAt
                : edge.callee.createdAt;
        Instant firstSeen = between(both, this.now.minus(Duration.ofDays(1)));
        Instant lastSeen = this.random.nextDouble() < 0.96 ? this.now.minusSeconds(this.random.nextInt(6 * 3600))
                : daysAgo(7 + this.random.nextInt(110));
        return new Dependency(edge.caller.name, edge.callee.name, sources, firstSeen,
                lastSeen.isBefore(firstSeen) ? firstSeen : lastSeen);
    }

    // ---------------------------------------------------------------- helpers

    private Instant daysAgo(int days) {
        return this.now.minus(Duration.ofDays(days)).minusSeconds(this.random.nextInt(86_400));
    }

    private Instant between(Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        return seconds <= 0 ? from : from.plusSeconds((long) (this.random.nextDouble() * seconds));
    }

    private <T> T pick(List<T> items) {
        return items.get(this.random.nextInt(items.size()));
    }

    /**
     * The first index in {@code cumulative[0, size)} whose value exceeds {@code value}.
     */
    static int upperBound(double[] cumulative, int size, double value) {
        int low = 0;
        int high = size - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > value) {
                high = middle;
            }
            else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static boolean isPlatform(Department department) {
        return department.name().equals(DemoVocabulary.PLATFORM);
    }

    private static String words(String label) {
        return label.replace('-', ' ');
    }

    private static String capitalise(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /**
     * Draws callees for a caller among apps lower in the call stack (smaller position),
     * weighted by popularity, so that ordinary calls form a layered, acyclic graph with
     * heavy-tailed in-degrees.
     */
    private final class Sampler {

        private final int[] indexes;

        private final double[] positions;

        private final double[] cumulative;

        Sampler(List<AppDraft> candidates) {
            List<AppDraft> sorted = candidates.stream()
                .sorted(Comparator.comparingDouble((AppDraft app) -> app.position).thenComparingInt(app -> app.index))
                .toList();
            this.indexes = new int[sorted.size()];
            this.positions = new double[sorted.size()];
            this.cumulative = new double[sorted.size()];
            double sum = 0;
            for (int i = 0; i < sorted.size(); i++) {
                AppDraft app = sorted.get(i);
                this.indexes[i] = app.index;
                this.positions[i] = app.position;
                sum += app.fitness;
                this.cumulative[i] = sum;
            }
        }

        /**
         * An app index below {@code position}, or -1 when there is none worth calling.
         */
        int below(double position) {
            int count = 0;
            int high = this.positions.length;
            while (count < high) {
                int middle = (count + high) >>> 1;
                if (this.positions[middle] < position) {
                    count = middle + 1;
                }
                else {
                    high = middle;
                }
            }
            if (count == 0 || this.cumulative[count - 1] <= 0) {
                return -1;
            }
            return this.indexes[upperBound(this.cumulative, count, random.nextDouble() * this.cumulative[count - 1])];
        }

    }

    private static final class SquadDraft {

        final String name;

        final Department department;

        final String domain;

        final String description;

        final double weight;

        final List<PersonDraft> members = new ArrayList<>();

        int appCount;

        PersonDraft buddy;

        SquadDraft(String name, Department department, String domain, String description, double weight) {
            this.name = name;
            this.department = department;
            this.domain = domain;
            this.description = description;
            this.weight = weight;
        }

        Squad freeze() {
            return new Squad(this.name, this.department.name(), this.description, "#team-" + this.name,
                    this.buddy.handle);
        }

    }

    private static final class PersonDraft {

        final String handle;

        final String name;

        final List<SquadDraft> squads = new ArrayList<>(2);

        boolean active = true;

        Instant leftAt;

        // In the ops pool: stays active and in the ops squad only, so it can always be a
        // buddy.
        boolean ops;

        PersonDraft(String handle, String name) {
            this.handle = handle;
            this.name = name;
        }

        Person freeze() {
            return new Person(this.handle, this.name, this.handle + "@" + DemoVocabulary.COMPANY_DOMAIN, this.active,
                    this.leftAt, this.squads.stream().map(squad -> squad.name).toList());
        }

    }

    private static final class AppDraft {

        final int index;

        final String name;

        final SquadDraft squad;

        final Role role;

        String subject;

        boolean hub;

        String description;

        String tier;

        PersonDraft owner;

        Instant createdAt;

        Instant ownedSince;

        Instant ownerSince;

        String runbookUrl;

        List<Link> links;

        // Place in the call stack: ordinary calls go from higher to lower positions.
        double position;

        double fitness;

        AppDraft(int index, String name, SquadDraft squad, Role role) {
            this.index = index;
            this.name = name;
            this.squad = squad;
            this.role = role;
        }

        App freeze() {
            return new App(this.name, this.description, this.tier, this.squad.name, this.owner.handle, this.runbookUrl,
                    this.links, this.createdAt, this.ownedSince, this.ownerSince);
        }

    }

    private record EdgeDraft(AppDraft caller, AppDraft callee, boolean back) {
    }

}
