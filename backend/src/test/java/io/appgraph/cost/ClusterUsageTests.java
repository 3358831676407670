package io.appgraph.cost;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.appgraph.cost.ClusterUsage.ContainerDay;
import io.appgraph.cost.ClusterUsage.Rollup;
import io.appgraph.cost.PlatformProperties.Prices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Pods tied to apps, and a day's sums, on series written by hand. */
class ClusterUsageTests {

    private static final LocalDate DAY = LocalDate.parse("2026-11-20");

    private static final long START = DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond();

    private static final double MIB = 1024 * 1024;

    @Test
    void podsAreTiedToAppsByLabelThenByOwnerAndTheRestIsUnattributedWithTheReason() {
        Map<UsageSeries, List<PrometheusSeries>> series = new EnumMap<>(UsageSeries.class);
        series.put(UsageSeries.POD_LABELS,
                List.of(labels("shop", "a-1", "label_app_kubernetes_io_name", "checkout", "label_app", "other"),
                        labels("shop", "b-1", "label_app", "basket"), labels("shop", "c-1")));
        series.put(UsageSeries.POD_OWNERS,
                List.of(labels("shop", "c-1", "owner_kind", "ReplicaSet", "owner_name", "ledger-5d8f"),
                        labels("shop", "d-1", "owner_kind", "StatefulSet", "owner_name", "queue"),
                        labels("shop", "e-1", "owner_kind", "Job", "owner_name", "nightly-1"),
                        labels("shop", "f-1", "owner_kind", "ReplicaSet", "owner_name", "ghost-1")));
        series.put(UsageSeries.REPLICA_SET_OWNERS,
                List.of(replicaSet("shop", "ledger-5d8f", "ledger"), replicaSet("shop", "ghost-1", "ghost")));
        PodAttribution attribution = new PodAttribution(series.get(UsageSeries.POD_LABELS),
                series.get(UsageSeries.POD_OWNERS), series.get(UsageSeries.REPLICA_SET_OWNERS));
        assertThat(attribution.candidateNames()).containsExactlyInAnyOrder("checkout", "basket", "ledger", "queue",
                "ghost");
        attribution.knownApps(Set.of("checkout", "basket", "ledger", "queue"));

        assertThat(attribution.of("shop", "a-1").app()).as("app.kubernetes.io/name wins").isEqualTo("checkout");
        assertThat(attribution.of("shop", "b-1").app()).isEqualTo("basket");
        assertThat(attribution.of("shop", "c-1").app()).as("ReplicaSet's Deployment").isEqualTo("ledger");
        assertThat(attribution.of("shop", "d-1").app()).isEqualTo("queue");
        assertThat(attribution.of("shop", "e-1").reason()).isEqualTo(PodAttribution.NO_APP);
        assertThat(attribution.of("shop", "f-1").reason()).isEqualTo("app 'ghost' is not in the catalog");
        assertThat(attribution.of("shop", "zz").reason()).isEqualTo(PodAttribution.NO_APP);
    }

    @Test
    void aDaySumsEachAppsContainerOverItsPodsAndCostsTheLargerOfRequestAndUsage() {
        Map<UsageSeries, List<PrometheusSeries>> series = new EnumMap<>(UsageSeries.class);
        // Two pods of checkout all day at hourly steps, one unlabelled pod for 12 hours.
        series.put(UsageSeries.POD_LABELS, List.of(labels("shop", "a-1", "label_app", "checkout"),
                labels("shop", "a-2", "label_app", "checkout")));
        series.put(UsageSeries.CPU_USAGE, List.of(hourly(container("a-1", "api"), 24, 0.2),
                hourly(container("a-2", "api"), 24, 0.4), hourly(container("x-1", "job"), 12, 1.0)));
        series.put(UsageSeries.CPU_REQUESTS, List.of(hourly(container("a-1", "api"), 24, 0.5),
                hourly(container("a-2", "api"), 24, 0.5), hourly(container("x-1", "job"), 12, 0.5)));
        series.put(UsageSeries.MEMORY_USAGE, List.of(hourly(container("a-1", "api"), 24, 100 * MIB),
                hourly(container("a-2", "api"), 24, 300 * MIB)));
        series.put(UsageSeries.MEMORY_REQUESTS, List.of(hourly(container("a-1", "api"), 24, 256 * MIB),
                hourly(container("a-2", "api"), 24, 256 * MIB)));
        Rollup rollup = new ClusterUsage(series, names -> Set.of("checkout")).day("prod", DAY, 3600,
                new Prices(0.03, 0.004));

        assertThat(rollup.containers()).hasSize(1);
        ContainerDay api = rollup.containers().get(0);
        assertThat(api.app()).isEqualTo("checkout");
        assertThat(api.container()).isEqualTo("api");
        assertThat(api.cpuUsageCoreHours()).isCloseTo((0.2 + 0.4) * 24, within(1e-9));
        assertThat(api.cpuRequestCoreHours()).isCloseTo(2 * 0.5 * 24, within(1e-9));
        assertThat(api.memoryUsageGibHours()).isCloseTo(400.0 / 1024 * 24, within(1e-9));
        assertThat(api.memoryRequestGibHours()).isCloseTo(512.0 / 1024 * 24, within(1e-9));
        assertThat(api.replicas()).isEqualTo(2.0);
        assertThat(api.cpuRequestCores()).isEqualTo(0.5);
        assertThat(api.memoryPeakBytes()).isEqualTo(300 * MIB);
        assertThat(api.histogram().total()).isEqualTo(48);
        // CPU: request 24 > usage 14.4 core-hours; memory: request 12 > usage 9.375
        // GiB-hours.
        assertThat(api.compute()).isCloseTo(24 * 0.03 + 12 * 0.004, within(1e-9));
        // The unlabelled pod: usage 12 core-hours above its 6 requested.
        assertThat(rollup.unattributed()).singleElement().satisfies(other -> {
            assertThat(other.reason()).isEqualTo(PodAttribution.NO_APP);
            assertThat(other.compute()).isCloseTo(12 * 0.03, within(1e-9));
        });
    }

    @Test
    void samplesOutsideTheDayAreLeftOut() {
        Map<UsageSeries, List<PrometheusSeries>> series = new EnumMap<>(UsageSeries.class);
        series.put(UsageSeries.POD_LABELS, List.of(labels("shop", "a-1", "label_app", "checkout")));
        series.put(UsageSeries.CPU_REQUESTS, List.of(new PrometheusSeries(container("a-1", "api"),
                new long[] { START - 3600, START, START + 86_400 }, new double[] { 9, 1, 9 })));
        Rollup rollup = new ClusterUsage(series, names -> Set.of("checkout")).day("prod", DAY, 3600, new Prices(1, 1));
        assertThat(rollup.containers().get(0).cpuRequestCoreHours()).isEqualTo(1.0);
    }

    private static PrometheusSeries labels(String namespace, String pod, String... more) {
        Map<String, String> labels = new TreeMap<>(Map.of("namespace", namespace, "pod", pod));
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return new PrometheusSeries(labels, new long[] { START }, new double[] { 1 });
    }

    private static PrometheusSeries replicaSet(String namespace, String replicaSet, String deployment) {
        return new PrometheusSeries(Map.of("namespace", namespace, "replicaset", replicaSet, "owner_kind", "Deployment",
                "owner_name", deployment), new long[] { START }, new double[] { 1 });
    }

    private static Map<String, String> container(String pod, String container) {
        return Map.of("namespace", "shop", "pod", pod, "container", container);
    }

    private static PrometheusSeries hourly(Map<String, String> labels, int hours, double value) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < hours; i++) {
            times.add(START + 3600L * i);
        }
        double[] values = new double[hours];
        java.util.Arrays.fill(values, value);
        return new PrometheusSeries(labels, times.stream().mapToLong(Long::longValue).toArray(), values);
    }

}
