package io.appgraph.cost;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which app each pod belongs to: its label {@code app.kubernetes.io/name}, else its label
 * {@code app} (as kube-state-metrics exports them, {@code label_…} on
 * {@code kube_pod_labels}), else the workload that owns it ({@code kube_pod_owner}: a
 * ReplicaSet's Deployment through {@code kube_replicaset_owner}, a StatefulSet or a
 * DaemonSet). A name the catalog lacks, or none at all, leaves the pod unattributed with
 * that reason.
 */
final class PodAttribution {

    static final String NO_APP = "no app label and no owning Deployment, StatefulSet or DaemonSet";

    private final Map<String, String> candidates = new HashMap<>();

    private Set<String> catalog = Set.of();

    PodAttribution(List<PrometheusSeries> labels, List<PrometheusSeries> podOwners,
            List<PrometheusSeries> replicaSetOwners) {
        Map<String, String> deployments = new HashMap<>();
        for (PrometheusSeries owner : replicaSetOwners) {
            if ("Deployment".equals(owner.label("owner_kind")) && present(owner.label("owner_name"))) {
                deployments.put(key(owner.label("namespace"), owner.label("replicaset")), owner.label("owner_name"));
            }
        }
        for (PrometheusSeries owner : podOwners) {
            String kind = owner.label("owner_kind");
            String name = owner.label("owner_name");
            String app = switch (kind == null ? "" : kind) {
                case "ReplicaSet" -> deployments.get(key(owner.label("namespace"), name));
                case "StatefulSet", "DaemonSet" -> name;
                default -> null;
            };
            if (present(app)) {
                this.candidates.putIfAbsent(key(owner.label("namespace"), owner.label("pod")), app);
            }
        }
        // Labels win over owners.
        for (PrometheusSeries pod : labels) {
            String app = pod.label("label_app_kubernetes_io_name");
            if (!present(app)) {
                app = pod.label("label_app");
            }
            if (present(app)) {
                this.candidates.put(key(pod.label("namespace"), pod.label("pod")), app);
            }
        }
    }

    /** Every app name some pod points at, to look up in the catalog. */
    Collection<String> candidateNames() {
        return new HashSet<>(this.candidates.values());
    }

    /** The names of {@link #candidateNames()} that the catalog has. */
    void knownApps(Set<String> catalog) {
        this.catalog = catalog;
    }

    /** The app of a pod, or why there is none. */
    Attribution of(String namespace, String pod) {
        String app = this.candidates.get(key(namespace, pod));
        if (app == null) {
            return new Attribution(null, NO_APP);
        }
        if (!this.catalog.contains(app)) {
            return new Attribution(null, "app '" + app + "' is not in the catalog");
        }
        return new Attribution(app, null);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String key(String namespace, String pod) {
        return namespace + "/" + pod;
    }

    /** A pod's app, or the reason it has none. */
    record Attribution(String app, String reason) {

        boolean attributed() {
            return this.app != null;
        }

    }

}
