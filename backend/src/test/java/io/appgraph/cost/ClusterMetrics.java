package io.appgraph.cost;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A fake Kubernetes cluster for tests, rendered as the metric history that
 * kube-state-metrics v2 and cAdvisor would have left in Prometheus, in the OpenMetrics
 * text that {@code promtool tsdb create-blocks-from openmetrics} backfills (see
 * {@link PrometheusProcess}).
 *
 * <pre class="code">
 * ClusterMetrics metrics = new ClusterMetrics();
 * metrics.pod("shop", "checkout-7d9f-abcde")
 *     .labels("checkout", null)
 *     .ownedByReplicaSet("checkout-7d9f", "checkout")
 *     .container("checkout", 0.5, 512L * 1024 * 1024,
 *             (usage) -&gt; usage.cpu((t) -&gt; 0.1).memory((t) -&gt; 200.0 * 1024 * 1024));
 * metrics.node("node-1", 4.0, 16L * 1024 * 1024 * 1024);
 * Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
 * String text = metrics.toOpenMetrics(now.minus(Duration.ofDays(9)), now, Duration.ofMinutes(5));
 * </pre>
 *
 * <p>
 * Series are sampled every {@code interval} on a grid counted from the epoch, as if
 * scraped at whole minutes, so that a range query whose start is a multiple of its step
 * meets a sample at each step; then every minute in the last ten minutes and once more at
 * {@code to}. Prometheus finds a series at an instant only through a sample in the five
 * minutes before it, and {@code rate(x[5m])} needs two, which it extrapolates to the
 * window's ends only when they are near: so a query at {@code to} (tell the application
 * under test that it is then) sees exactly the values there, whatever the interval; a
 * rate read a minute or more after {@code to} comes out lower, as a real Prometheus' does
 * once scrapes stop, and five minutes after {@code to} the series are gone. Sampled every
 * 5 minutes, nine days of six pods are 20 MB of text; every minute, 100.
 */
final class ClusterMetrics {

    /**
     * How long before the end of a history its series are sampled every
     * {@link #TAIL_STEP} at least, so that a five-minute rate at its end sees several
     * samples whatever the interval.
     */
    private static final Duration TAIL = Duration.ofMinutes(10);

    private static final Duration TAIL_STEP = Duration.ofMinutes(1);

    private final List<Pod> pods = new ArrayList<>();

    private final Map<String, double[]> nodes = new LinkedHashMap<>();

    private boolean podCgroups;

    /**
     * A pod, running from the start to the end of the history unless
     * {@link Pod#running(Instant, Instant)} says otherwise.
     */
    Pod pod(String namespace, String name) {
        Pod pod = new Pod(namespace, name);
        this.pods.add(pod);
        return pod;
    }

    /** A node and what it offers pods (its allocatable CPU cores and memory bytes). */
    ClusterMetrics node(String name, double allocatableCores, long allocatableMemoryBytes) {
        this.nodes.put(name, new double[] { allocatableCores, allocatableMemoryBytes });
        return this;
    }

    /**
     * Also emit cAdvisor's pod-level cgroup series (no {@code container} label, the sum
     * of the pod's containers), as a real kubelet does, so that a query which forgets
     * {@code container!=""} counts every pod twice.
     */
    ClusterMetrics withPodCgroups() {
        this.podCgroups = true;
        return this;
    }

    /**
     * The history from {@code from} to {@code to}, both included, as OpenMetrics text
     * ending in {@code # EOF}: a sample of every series at each multiple of
     * {@code interval} (counted from the epoch) in that span, each minute of its last ten
     * minutes, and at {@code to}; timestamps in seconds.
     */
    String toOpenMetrics(Instant from, Instant to, Duration interval) {
        OpenMetricsText text = new OpenMetricsText(sampleTimes(from, to, interval));
        appendPods(text);
        appendRequests(text);
        appendUsage(text, interval);
        appendNodes(text);
        return text.end();
    }

    private static List<Instant> sampleTimes(Instant from, Instant to, Duration interval) {
        long step = interval.toMillis();
        if (step < 1000 || step % 1000 != 0 || to.isBefore(from)) {
            throw new IllegalArgumentException("Need whole seconds from " + from + " to " + to + ", not " + interval);
        }
        long end = to.toEpochMilli();
        SortedSet<Long> times = new TreeSet<>(grid(from.toEpochMilli(), end, step));
        long fine = Math.min(step, TAIL_STEP.toMillis());
        times.addAll(grid(Math.max(from.toEpochMilli(), end - TAIL.toMillis()), end, fine));
        times.add(end);
        return times.stream().map(Instant::ofEpochMilli).toList();
    }

    /** The multiples of {@code step} from {@code start} to {@code end}, both included. */
    private static List<Long> grid(long start, long end, long step) {
        List<Long> times = new ArrayList<>();
        for (long t = Math.floorDiv(start + step - 1, step) * step; t <= end; t += step) {
            times.add(t);
        }
        return times;
    }

    private void appendPods(OpenMetricsText text) {
        text.family("kube_pod_labels", "gauge");
        for (Pod pod : this.pods) {
            text.series("kube_pod_labels",
                    pod.seriesLabels("label_app_kubernetes_io_name", pod.appName, "label_app", pod.app), pod::running,
                    (t) -> 1);
        }
        text.family("kube_pod_owner", "gauge");
        Map<List<String>, List<Pod>> replicaSets = new LinkedHashMap<>();
        for (Pod pod : this.pods) {
            if (pod.ownerKind != null) {
                text.series("kube_pod_owner", pod.seriesLabels("owner_kind", pod.ownerKind, "owner_name", pod.ownerName,
                        "owner_is_controller", "true"), pod::running, (t) -> 1);
            }
            if (pod.deployment != null) {
                replicaSets
                    .computeIfAbsent(List.of(pod.namespace, pod.ownerName, pod.deployment), (k) -> new ArrayList<>())
                    .add(pod);
            }
        }
        // kube-state-metrics reports a ReplicaSet while it exists: here, while one of its
        // pods runs.
        text.family("kube_replicaset_owner", "gauge");
        replicaSets.forEach((key, members) -> text.series(
                "kube_replicaset_owner", labels("namespace", key.get(0), "replicaset", key.get(1), "owner_kind",
                        "Deployment", "owner_name", key.get(2)),
                (t) -> members.stream().anyMatch((pod) -> pod.running(t)), (t) -> 1));
    }

    private void appendRequests(OpenMetricsText text) {
        text.family("kube_pod_container_resource_requests", "gauge");
        for (Pod pod : this.pods) {
            for (Container container : pod.containers) {
                Map<String, String> labels = pod.seriesLabels("container", container.name, "node", pod.node);
                if (container.cpuRequestCores != null) {
                    double cores = container.cpuRequestCores;
                    text.series("kube_pod_container_resource_requests", with(labels, "resource", "cpu", "unit", "core"),
                            pod::running, (t) -> cores);
                }
                if (container.memoryRequestBytes != null) {
                    double bytes = container.memoryRequestBytes;
                    text.series("kube_pod_container_resource_requests",
                            with(labels, "resource", "memory", "unit", "byte"), pod::running, (t) -> bytes);
                }
            }
        }
    }

    private void appendUsage(OpenMetricsText text, Duration interval) {
        // The counter family's TYPE line names it without "_total", its samples with.
        text.family("container_cpu_usage_seconds", "counter");
        for (Pod pod : this.pods) {
            for (Container container : pod.containers) {
                text.series("container_cpu_usage_seconds_total", pod.cadvisorLabels(container), pod::running,
                        cpuSeconds(pod, List.of(container), interval));
            }
            if (this.podCgroups) {
                text.series("container_cpu_usage_seconds_total", pod.seriesLabels(), pod::running,
                        cpuSeconds(pod, pod.containers, interval));
            }
        }
        text.family("container_memory_working_set_bytes", "gauge");
        for (Pod pod : this.pods) {
            for (Container container : pod.containers) {
                text.series("container_memory_working_set_bytes", pod.cadvisorLabels(container), pod::running,
                        container.memory);
            }
            if (this.podCgroups) {
                text.series("container_memory_working_set_bytes", pod.seriesLabels(), pod::running,
                        (t) -> pod.containers.stream().mapToDouble((c) -> c.memory.applyAsDouble(t)).sum());
            }
        }
    }

    private void appendNodes(OpenMetricsText text) {
        text.family("kube_node_status_allocatable", "gauge");
        this.nodes.forEach((node, allocatable) -> {
            text.series("kube_node_status_allocatable", labels("node", node, "resource", "cpu", "unit", "core"),
                    (t) -> true, (t) -> allocatable[0]);
            text.series("kube_node_status_allocatable", labels("node", node, "resource", "memory", "unit", "byte"),
                    (t) -> true, (t) -> allocatable[1]);
        });
    }

    /**
     * cAdvisor's cumulative CPU seconds, to be read in time order: each sample adds the
     * cores at its time times the time since the previous sample, or since the pod
     * started (at most an interval, for a pod older than the history), so that a rate
     * over a window is the mean of the cores sampled in it.
     */
    private static ToDoubleFunction<Instant> cpuSeconds(Pod pod, List<Container> containers, Duration interval) {
        double[] total = { 0 };
        Instant[] previous = { null };
        return (t) -> {
            Instant since = (previous[0] != null) ? previous[0] : latest(pod.start, t.minus(interval));
            previous[0] = t;
            for (Container container : containers) {
                total[0] += container.cpu.applyAsDouble(t) * Duration.between(since, t).toMillis() / 1000.0;
            }
            return total[0];
        };
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    private static Map<String, String> labels(String... namesAndValues) {
        return with(new LinkedHashMap<>(), namesAndValues);
    }

    private static Map<String, String> with(Map<String, String> labels, String... namesAndValues) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                all.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return all;
    }

    /** A pod: its labels, its owner, where it runs and its containers. */
    static final class Pod {

        private final String namespace;

        private final String name;

        private final List<Container> containers = new ArrayList<>();

        private String appName;

        private String app;

        private String ownerKind;

        private String ownerName;

        private String deployment;

        private String node = "node-1";

        private Instant start = Instant.MIN;

        private Instant end = Instant.MAX;

        private Pod(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        /**
         * Its {@code app.kubernetes.io/name} and {@code app} labels, as
         * kube-state-metrics exports them ({@code label_app_kubernetes_io_name},
         * {@code label_app}); a {@code null} label is absent.
         */
        Pod labels(String appKubernetesIoName, String app) {
            this.appName = appKubernetesIoName;
            this.app = app;
            return this;
        }

        /**
         * Owned by a ReplicaSet, itself owned by a Deployment ({@code null}: a ReplicaSet
         * without one).
         */
        Pod ownedByReplicaSet(String replicaSet, String deployment) {
            ownedBy("ReplicaSet", replicaSet);
            this.deployment = deployment;
            return this;
        }

        /** Owned by a controller of another kind: a StatefulSet, a DaemonSet, a Job. */
        Pod ownedBy(String kind, String name) {
            this.ownerKind = kind;
            this.ownerName = name;
            this.deployment = null;
            return this;
        }

        /** Scheduled on {@code node} ({@code node-1} unless said). */
        Pod onNode(String node) {
            this.node = node;
            return this;
        }

        /**
         * Exists only from {@code start} (included) to {@code end} (excluded), as a pod a
         * rollout created or deleted; its series are absent outside that span.
         */
        Pod running(Instant start, Instant end) {
            this.start = start;
            this.end = end;
            return this;
        }

        /**
         * A container, its CPU (cores) and memory (bytes) requests, and its usage over
         * time, told to the {@link Usage} given to {@code usage}.
         */
        Pod container(String name, double cpuRequestCores, long memoryRequestBytes, Consumer<Usage> usage) {
            return container(name, (Double) cpuRequestCores, (Long) memoryRequestBytes, usage);
        }

        /**
         * A container without requests (as in a BestEffort pod), and its usage over time.
         */
        Pod container(String name, Consumer<Usage> usage) {
            return container(name, null, null, usage);
        }

        private Pod container(String name, Double cpuRequestCores, Long memoryRequestBytes, Consumer<Usage> usage) {
            Usage told = new Usage();
            usage.accept(told);
            this.containers.add(new Container(name, cpuRequestCores, memoryRequestBytes, told.cpu, told.memory));
            return this;
        }

        private boolean running(Instant t) {
            return !t.isBefore(this.start) && t.isBefore(this.end);
        }

        private Map<String, String> seriesLabels(String... more) {
            return with(ClusterMetrics.labels("namespace", this.namespace, "pod", this.name), more);
        }

        private Map<String, String> cadvisorLabels(Container container) {
            return seriesLabels("container", container.name, "image",
                    "registry.example.com/" + container.name + ":1.0");
        }

    }

    /** How much a container uses at each moment; nothing unless told. */
    static final class Usage {

        private ToDoubleFunction<Instant> cpu = (t) -> 0;

        private ToDoubleFunction<Instant> memory = (t) -> 0;

        private Usage() {
        }

        /** The CPU cores it uses at {@code t}. */
        Usage cpu(ToDoubleFunction<Instant> cores) {
            this.cpu = cores;
            return this;
        }

        /** Its memory working set at {@code t}, in bytes. */
        Usage memory(ToDoubleFunction<Instant> bytes) {
            this.memory = bytes;
            return this;
        }

    }

    private record Container(String name, Double cpuRequestCores, Long memoryRequestBytes,
            ToDoubleFunction<Instant> cpu, ToDoubleFunction<Instant> memory) {
    }

    /**
     * OpenMetrics text as promtool reads it: a {@code # TYPE} line before each family,
     * the samples of a family together, each series' samples in time order, and
     * {@code # EOF}.
     */
    private static final class OpenMetricsText {

        private final StringBuilder text = new StringBuilder();

        private final List<Instant> times;

        private final String[] timestamps;

        OpenMetricsText(List<Instant> times) {
            this.times = times;
            this.timestamps = times.stream().map(OpenMetricsText::seconds).toArray(String[]::new);
        }

        void family(String name, String type) {
            this.text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }

        void series(String name, Map<String, String> labels, Predicate<Instant> present,
                ToDoubleFunction<Instant> value) {
            StringJoiner series = new StringJoiner(",", name + "{", "} ");
            labels.forEach((label, labelValue) -> series.add(label + "=\"" + escape(labelValue) + "\""));
            for (int i = 0; i < this.times.size(); i++) {
                Instant t = this.times.get(i);
                if (present.test(t)) {
                    this.text.append(series)
                        .append(number(value.applyAsDouble(t)))
                        .append(' ')
                        .append(this.timestamps[i])
                        .append('\n');
                }
            }
        }

        String end() {
            return this.text.append("# EOF\n").toString();
        }

        private static String escape(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }

        private static String number(double value) {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return Double.toString(value);
        }

        private static String seconds(Instant t) {
            long millis = t.toEpochMilli();
            long whole = Math.floorDiv(millis, 1000);
            long fraction = Math.floorMod(millis, 1000);
            return (fraction != 0) ? whole + "." + String.format("%03d", fraction) : Long.toString(whole);
        }

    }

}
