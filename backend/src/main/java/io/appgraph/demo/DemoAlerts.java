package io.appgraph.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.appgraph.demo.DemoEstate.App;
import io.appgraph.demo.DemoEstate.Person;
import io.appgraph.demo.DemoReleases.Release;

/**
 * Alertmanager alerts across a {@link DemoEstate}, as the alerts feature would have
 * stored them, so the portal shows alerts out of the box: a handful firing now (one on
 * {@code payments-api}, just after a release on an app it calls; one on a platform hub
 * almost everything depends on, already taken on by someone of its squad; one on the app
 * released most recently, minutes after that release; one on an app whose owner has
 * left), one whose labels name an app the catalog does not know, and about forty resolved
 * over the last six months, restoring faster as the months go by.
 * <p>
 * The same estate, releases, seed and "now" give the same alerts.
 */
public final class DemoAlerts {

    /** Status of an alert that fires. */
    public static final String FIRING = "FIRING";

    /** Status of an alert that resolved. */
    public static final String RESOLVED = "RESOLVED";

    /** How many resolved alerts the demo has. */
    public static final int RESOLVED_COUNT = 40;

    /** The app label of the alert no app of the catalog matches. */
    public static final String UNMATCHED_APP = "legacy-billing-bridge";

    private static final Duration HISTORY = Duration.ofDays(182);

    private static final String PROMETHEUS = "https://prometheus." + DemoVocabulary.COMPANY_DOMAIN;

    private static final String RUNBOOKS = "https://runbooks.prometheus-operator.dev/runbooks/kubernetes/";

    private static final List<Kind> KINDS = List.of(new Kind("HighErrorRate", "critical",
            "%s is failing %d%% of its requests",
            "More than 5%% of the HTTP requests to %s answered 5xx over the last 5 minutes (now %d%%).",
            "sum(rate(http_requests_total{app=\"%s\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{app=\"%s\"}[5m])) > 0.05",
            null),
            new Kind("HighLatencyP99", "warning", "%s answers slowly: p99 above %d ms",
                    "The 99th percentile of %s's request latency has been above the 500 ms objective for 10 minutes (now %d ms).",
                    "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{app=\"%s\"}[5m]))) > 0.5 # %s",
                    null),
            new Kind("PodCrashLooping", "critical", "A pod of %s is crash looping (%d restarts)",
                    "Pod of %s has restarted %d times in the last 15 minutes.",
                    "increase(kube_pod_container_status_restarts_total{container=\"%s\"}[15m]) > 3 # %s",
                    RUNBOOKS + "kubepodcrashlooping"),
            new Kind("KubePodNotReady", "warning", "A pod of %s has not been ready for %d minutes",
                    "A pod of %s has been in a non-ready state for longer than %d minutes.",
                    "sum by (namespace, pod) (kube_pod_status_phase{phase=~\"Pending|Unknown\",pod=~\"%s-.*\"}) > 0 # %s",
                    RUNBOOKS + "kubepodnotready"),
            new Kind("KafkaConsumerLag", "warning", "%s is falling behind: %d messages of lag",
                    "The consumer group of %s has been more than 10,000 messages behind for 15 minutes (now %d).",
                    "sum(kafka_consumergroup_lag{consumergroup=\"%s\"}) > 10000 # %s", null),
            new Kind("ContainerMemoryNearLimit", "warning", "%s is using %d%% of its memory limit",
                    "A container of %s has been using more than 90%% of its memory limit for 15 minutes (now %d%%).",
                    "container_memory_working_set_bytes{container=\"%s\"} / container_spec_memory_limit_bytes > 0.9 # %s",
                    RUNBOOKS + "kubememoryovercommit"),
            new Kind("TargetDown", "critical", "%s cannot be scraped (%d%% of targets down)",
                    "Prometheus has not been able to scrape %s for 5 minutes: %d%% of its targets are down.",
                    "100 * (count(up{job=\"%s\"} == 0) / count(up{job=\"%s\"})) > 10", null));

    private DemoAlerts() {
    }

    /**
     * Generates the demo's alerts.
     * @param estate whose apps the alerts are on
     * @param releases the estate's releases, read once for those of the last hour
     * @param seed the same seed, estate, releases and {@code now} give the same alerts
     * @param now the moment the alerts lead up to; truncated to whole seconds
     * @return the alerts, firing ones first
     */
    public static List<Alert> generate(DemoEstate estate, DemoReleases releases, long seed, Instant now) {
        Objects.requireNonNull(estate, "estate");
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        List<Release> lastHour = releases.stream()
            .filter(release -> release.startedAt().isAfter(at.minus(Duration.ofHours(1))))
            .toList();
        return new Generator(estate, lastHour, seed, at).generate();
    }

    /**
     * One episode of an alert, shaped as the alerts feature stores it.
     *
     * @param fingerprint Alertmanager's fingerprint of the labels, 16 hex digits
     * @param name label {@code alertname}
     * @param severity label {@code severity}
     * @param status {@link #FIRING} or {@link #RESOLVED}
     * @param startsAt when it started firing
     * @param endsAt when it resolved; null while firing
     * @param summary annotation {@code summary}
     * @param description annotation {@code description}
     * @param runbookUrl annotation {@code runbook_url}, or null (the app's runbook then)
     * @param generatorUrl where Prometheus shows the expression
     * @param labels every label, sorted by name: alertname, app, container, namespace,
     * pod, severity
     * @param app the catalog app it is on; null when its app label names none
     * @param acknowledgedBy handle of who took it on, or null
     * @param acknowledgedAt when they did, or null
     */
    public record Alert(String fingerprint, String name, String severity, String status, Instant startsAt,
            Instant endsAt, String summary, String description, String runbookUrl, String generatorUrl,
            SortedMap<String, String> labels, String app, String acknowledgedBy, Instant acknowledgedAt) {

        public Alert {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(startsAt, "startsAt");
            labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        }

        /** The episode's key: {@code <fingerprint>@<startsAt>}. */
        public String id() {
            return this.fingerprint + "@" + this.startsAt;
        }

        /** The app the labels name, in the catalog or not. */
        public String appLabel() {
            return this.labels.get("app");
        }

        /** Label {@code namespace}. */
        public String namespace() {
            return this.labels.get("namespace");
        }

        /** Label {@code pod}. */
        public String pod() {
            return this.labels.get("pod");
        }

        /** Label {@code container}. */
        public String container() {
            return this.labels.get("container");
        }
    }

    private record Kind(String name, String severity, String summary, String description, String expression,
            String runbookUrl) {
    }

    private static final class Generator {

        private final DemoEstate estate;

        private final List<Release> lastHour;

        private final Instant now;

        private final Random random;

        private final Map<String, App> apps = new HashMap<>();

        private final Map<String, List<String>> activeMembers = new HashMap<>();

        private final Set<String> taken = new HashSet<>();

        private final Set<String> leavers = new HashSet<>();

        Generator(DemoEstate estate, List<Release> lastHour, long seed, Instant now) {
            this.estate = estate;
            this.lastHour = lastHour;
            this.now = now;
            // Its own stream, so alerts never shift the estate's or the releases'
            // numbers.
            this.random = new Random(seed * 31 + 0x41_4c_45_52_54L);
            for (App app : estate.apps()) {
                this.apps.put(app.name(), app);
            }
            for (Person person : estate.people()) {
                if (!person.active()) {
                    this.leavers.add(person.handle());
                }
                else {
                    for (String squad : person.squads()) {
                        this.activeMembers.computeIfAbsent(squad, s -> new ArrayList<>()).add(person.handle());
                    }
                }
            }
        }

        List<Alert> generate() {
            List<Alert> alerts = new ArrayList<>();
            // On payments-api, minutes after a release on an app it calls (see
            // DemoReleases): the suspects have an answer.
            App payments = this.apps.get(DemoVocabulary.FLAGSHIP);
            if (payments != null) {
                alerts.add(firing(payments, kind("HighErrorRate"), minutesAgo(8), false));
            }
            // On a hub most of the estate depends on, taken on by someone of its squad.
            App hub = this.apps.getOrDefault(DemoVocabulary.NOTIFICATION_SERVICE, mostDependedUpon());
            alerts.add(firing(hub, kind("PodCrashLooping"), minutesAgo(47), true));
            // On the app released last, a few minutes after its release started.
            this.lastHour.stream()
                .filter(release -> release.finishedAt() != null && !this.taken.contains(release.app()))
                .max(Comparator.comparing(Release::startedAt))
                .map(release -> firing(this.apps.get(release.app()), kind("HighLatencyP99"),
                        release.startedAt().plus(Duration.ofMinutes(4)), false))
                .ifPresent(alerts::add);
            // On an app whose owner has left: someone has to notice.
            alerts.add(firing(ordinaryApp(true), kind("KubePodNotReady"), minutesAgo(133), false));
            alerts.add(firing(ordinaryApp(false), kind("KafkaConsumerLag"), minutesAgo(26 * 60 + 12), false));
            alerts.add(unmatched());
            List<Alert> resolved = new ArrayList<>();
            for (int i = 0; i < RESOLVED_COUNT; i++) {
                resolved.add(resolved());
            }
            resolved.sort(Comparator.comparing(Alert::startsAt).reversed());
            alerts.addAll(resolved);
            return List.copyOf(alerts);
        }

        private Alert firing(App app, Kind kind, Instant startsAt, boolean acknowledged) {
            this.taken.add(app.name());
            String by = null;
            Instant ackAt = null;
            if (acknowledged) {
                by = member(app);
                ackAt = (by != null) ? startsAt.plus(Duration.ofMinutes(3 + this.random.nextInt(4))) : null;
            }
            return alert(app, app.name(), app.squad(), kind, FIRING, startsAt, null, by, ackAt);
        }

        private Alert unmatched() {
            String name = UNMATCHED_APP;
            while (this.apps.containsKey(name)) {
                name = name + "-old";
            }
            return alert(null, name, "legacy", kind("TargetDown"), FIRING, minutesAgo(19), null, null, null);
        }

        // Spread over the last six months; later outages restore faster, as an
        // organisation that learns would have it, with the odd long one.
        private Alert resolved() {
            long span = HISTORY.minus(Duration.ofDays(1)).toSeconds();
            double progress = this.random.nextDouble();
            Instant startsAt = this.now.minus(HISTORY).plusSeconds((long) (progress * span));
            double typicalMinutes = 90 - 60 * progress;
            double minutes = typicalMinutes * Math.exp(this.random.nextGaussian() * 0.8);
            long seconds = Math.max(120, Math.min(8 * 3600, (long) (minutes * 60)));
            App app = anyApp();
            Kind kind = KINDS.get(this.random.nextInt(KINDS.size()));
            boolean acknowledged = this.random.nextDouble() < 0.6;
            String by = acknowledged ? member(app) : null;
            Instant ackAt = (by != null) ? startsAt.plusSeconds(Math.min(seconds - 30, 60 + this.random.nextInt(600)))
                    : null;
            return alert(app, app.name(), app.squad(), kind, RESOLVED, startsAt, startsAt.plusSeconds(seconds), by,
                    ackAt);
        }

        private Alert alert(App app, String appLabel, String namespace, Kind kind, String status, Instant startsAt,
                Instant endsAt, String acknowledgedBy, Instant acknowledgedAt) {
            String pod = "%s-%s-%s".formatted(appLabel, letters(10), letters(5));
            TreeMap<String, String> labels = new TreeMap<>();
            labels.put("alertname", kind.name());
            labels.put("app", appLabel);
            labels.put("container", appLabel);
            labels.put("namespace", namespace);
            labels.put("pod", pod);
            labels.put("severity", kind.severity());
            int figure = switch (kind.name()) {
                case "HighErrorRate" -> 6 + this.random.nextInt(30);
                case "HighLatencyP99" -> 600 + 50 * this.random.nextInt(40);
                case "PodCrashLooping" -> 4 + this.random.nextInt(12);
                case "KubePodNotReady" -> 15 + this.random.nextInt(30);
                case "KafkaConsumerLag" -> 10_000 + 500 * this.random.nextInt(200);
                case "ContainerMemoryNearLimit" -> 91 + this.random.nextInt(9);
                default -> 20 + 10 * this.random.nextInt(8);
            };
            String expression = kind.expression().formatted(appLabel, appLabel);
            String generatorUrl = PROMETHEUS + "/graph?g0.expr=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)
                    + "&g0.tab=1";
            return new Alert(fingerprint(labels), kind.name(), kind.severity(), status, startsAt, endsAt,
                    kind.summary().formatted(appLabel, figure), kind.description().formatted(appLabel, figure),
                    kind.runbookUrl(), generatorUrl, labels, (app != null) ? app.name() : null, acknowledgedBy,
                    acknowledgedAt);
        }

        private Kind kind(String name) {
            return KINDS.stream().filter(kind -> kind.name().equals(name)).findFirst().orElseThrow();
        }

        private Instant minutesAgo(int minutes) {
            return this.now.minusSeconds(minutes * 60L + this.random.nextInt(50));
        }

        // An active member of the app's squad, the owner when active; null when none.
        private String member(App app) {
            List<String> members = this.activeMembers.getOrDefault(app.squad(), List.of());
            if (members.isEmpty()) {
                return null;
            }
            return members.contains(app.owner()) && this.random.nextBoolean() ? app.owner()
                    : members.get(this.random.nextInt(members.size()));
        }

        private App mostDependedUpon() {
            Map<String, Integer> dependents = new HashMap<>();
            this.estate.dependencies().forEach(d -> dependents.merge(d.callee(), 1, Integer::sum));
            return this.estate.apps()
                .stream()
                .max(Comparator.comparing((App app) -> dependents.getOrDefault(app.name(), 0))
                    .thenComparing(App::name, Comparator.reverseOrder()))
                .orElseThrow();
        }

        // An app no firing alert is on yet, hubs aside when there are others; one whose
        // owner has left when asked and there is one.
        private App ordinaryApp(boolean ownerLeft) {
            List<App> apps = this.estate.apps()
                .stream()
                .filter(app -> !this.taken.contains(app.name()) && !isHub(app))
                .toList();
            List<App> orphaned = apps.stream().filter(app -> this.leavers.contains(app.owner())).toList();
            if (ownerLeft && !orphaned.isEmpty()) {
                apps = orphaned;
            }
            App app = apps.isEmpty() ? anyApp() : apps.get(this.random.nextInt(apps.size()));
            this.taken.add(app.name());
            return app;
        }

        private App anyApp() {
            return this.estate.apps().get(this.random.nextInt(this.estate.apps().size()));
        }

        private static boolean isHub(App app) {
            return DemoVocabulary.HUBS.stream().anyMatch(hub -> hub.name().equals(app.name()));
        }

        private String letters(int count) {
            String alphabet = "bcdfghjklmnpqrstvwxz2456789";
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                text.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        // As Alertmanager does: a 64-bit hash of the sorted labels, in hex.
        private static String fingerprint(SortedMap<String, String> labels) {
            long hash = 0xcbf29ce484222325L;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                for (byte b : (label.getKey() + "\u00ff" + label.getValue() + "\u00ff")
                    .getBytes(StandardCharsets.UTF_8)) {
                    hash ^= (b & 0xff);
                    hash *= 0x100000001b3L;
                }
            }
            return "%016x".formatted(hash);
        }

    }

}
