package io.appgraph.cost;

import java.util.Arrays;
import java.util.Optional;

/**
 * The series appgraph reads from a cluster's Prometheus (kube-state-metrics and
 * cAdvisor), each by the name a pushed import uses for it in {@code /api/import/usage}.
 * The same queries serve the live figures (instant) and the daily rollups (range).
 */
enum UsageSeries {

    /** CPU used per container, in cores. */
    CPU_USAGE("cpuUsage",
            "sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{container!=\"\", container!=\"POD\"}[5m]))"),

    /** Memory used per container (working set, what the OOM killer judges), in bytes. */
    MEMORY_USAGE("memoryWorkingSet",
            "max by (namespace, pod, container) (container_memory_working_set_bytes{container!=\"\", container!=\"POD\"})"),

    /** CPU requested per container, in cores. */
    CPU_REQUESTS("cpuRequests",
            "max by (namespace, pod, container) (kube_pod_container_resource_requests{resource=\"cpu\"})"),

    /** Memory requested per container, in bytes. */
    MEMORY_REQUESTS("memoryRequests",
            "max by (namespace, pod, container) (kube_pod_container_resource_requests{resource=\"memory\"})"),

    /**
     * The app labels of each pod (kube-state-metrics exports allowed labels as label_…).
     */
    POD_LABELS("podLabels", "max by (namespace, pod, label_app_kubernetes_io_name, label_app) (kube_pod_labels)"),

    /** What owns each pod: a ReplicaSet, StatefulSet, DaemonSet or Job. */
    POD_OWNERS("podOwners", "max by (namespace, pod, owner_kind, owner_name) (kube_pod_owner)"),

    /** What owns each ReplicaSet: a Deployment, usually. */
    REPLICA_SET_OWNERS("replicaSetOwners",
            "max by (namespace, replicaset, owner_kind, owner_name) (kube_replicaset_owner)");

    private final String key;

    private final String query;

    UsageSeries(String key, String query) {
        this.key = key;
        this.query = query;
    }

    /** Its name in a pushed import. */
    String key() {
        return this.key;
    }

    /** Its PromQL. */
    String query() {
        return this.query;
    }

    static Optional<UsageSeries> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

}
