package io.appgraph.dependencies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.appgraph.platform.InputRules;
import tools.jackson.databind.JsonNode;

/**
 * Reads Kubernetes NetworkPolicies ({@code networking.k8s.io/v1}) into the calls they
 * allow between apps. The pods a policy selects ({@code spec.podSelector}) are the callee
 * of its ingress rules, whose {@code from} pod selectors name the callers, and the caller
 * of its egress rules, whose {@code to} pod selectors name the callees. A selector names
 * apps through the app labels ({@code app.kubernetes.io/name}, then {@code app}), in
 * {@code matchLabels} or as {@code matchExpressions} with operator {@code In}.
 * <p>
 * Rules that allow everyone ({@code - {}}, a rule without peers), deny-all policies,
 * {@code ipBlock}s and peers selecting only namespaces name no app, so they make no edge.
 * Policy types follow Kubernetes: {@code spec.policyTypes} when given, otherwise Ingress,
 * plus Egress when there are egress rules. A policy that is not well formed refuses the
 * batch; one that is well formed but names no app is noted and skipped.
 */
final class NetworkPolicies {

    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    private final List<String> appLabels;

    /** The calls allowed so far. */
    private final List<DiscoveredEdge> edges = new ArrayList<>();

    /** Every app a policy named, with or without calls. */
    private final Set<String> apps = new LinkedHashSet<>();

    /** Apps whose incoming calls a policy restricts (those not allowed are denied). */
    private final Set<String> ingressGoverned = new LinkedHashSet<>();

    /** Apps whose outgoing calls a policy restricts. */
    private final Set<String> egressGoverned = new LinkedHashSet<>();

    private final List<String> problems = new ArrayList<>();

    private int policies;

    private ImportReport report;

    NetworkPolicies(List<String> appLabels) {
        this.appLabels = List.copyOf(appLabels);
    }

    List<DiscoveredEdge> edges() {
        return this.edges;
    }

    Set<String> apps() {
        return this.apps;
    }

    Set<String> ingressGoverned() {
        return this.ingressGoverned;
    }

    Set<String> egressGoverned() {
        return this.egressGoverned;
    }

    /** Problems that make the batch invalid, each naming its document. */
    List<String> problems() {
        return this.problems;
    }

    int policies() {
        return this.policies;
    }

    /** Reads one document: a NetworkPolicy, or anything else, which is skipped. */
    void read(int index, JsonNode document, ImportReport report) {
        this.report = report;
        String kind = document.path("kind").asString(null);
        if (kind == null) {
            problem(index, null, "has no kind: expected kind: NetworkPolicy");
            return;
        }
        if (kind.endsWith("List")) {
            return; // an empty List: its items, if any, came one by one
        }
        if (!"NetworkPolicy".equals(kind)) {
            report.warn(index, "skipped: kind " + kind + " is not a NetworkPolicy");
            return;
        }
        JsonNode metadata = document.path("metadata");
        String name = metadata.path("name").asString(null);
        if (name == null || name.isBlank()) {
            problem(index, null, "has no metadata.name");
            return;
        }
        String policy = metadata.path("namespace").asString("default") + "/" + name;
        JsonNode spec = document.get("spec");
        if (spec == null || !spec.isObject()) {
            problem(index, policy, "has no spec (a mapping)");
            return;
        }
        int before = this.problems.size();
        Set<String> selected = selectedApps(index, policy, spec.get("podSelector"), "spec.podSelector", true);
        boolean ingress = appliesTo(index, policy, spec, "Ingress");
        boolean egress = appliesTo(index, policy, spec, "Egress");
        Peers callers = ingress ? peers(index, policy, spec, "ingress", "from") : Peers.NONE;
        Peers callees = egress ? peers(index, policy, spec, "egress", "to") : Peers.NONE;
        if (this.problems.size() > before) {
            return;
        }
        this.policies++;
        if (selected.isEmpty()) {
            if (!spec.path("podSelector").isEmpty() && (!callers.apps().isEmpty() || !callees.apps().isEmpty())) {
                report.warn(index, policy + ": spec.podSelector names no app through labels " + this.appLabels
                        + ", so its rules make no edge");
            }
            return;
        }
        this.apps.addAll(selected);
        if (ingress && !callers.allowAll()) {
            this.ingressGoverned.addAll(selected);
        }
        if (egress && !callees.allowAll()) {
            this.egressGoverned.addAll(selected);
        }
        for (String app : selected) {
            for (String caller : callers.apps()) {
                allow(caller, app);
            }
            for (String callee : callees.apps()) {
                allow(app, callee);
            }
        }
    }

    private void allow(String caller, String callee) {
        if (!caller.equals(callee)) {
            this.edges.add(DiscoveredEdge.of(caller, callee));
        }
    }

    // Kubernetes' defaults: Ingress always, Egress when there are egress rules.
    private boolean appliesTo(int index, String policy, JsonNode spec, String type) {
        JsonNode types = spec.get("policyTypes");
        if (types == null || types.isNull()) {
            return "Ingress".equals(type) || spec.has("egress");
        }
        if (!types.isArray()) {
            problem(index, policy, "spec.policyTypes must be a list of Ingress and Egress");
            return false;
        }
        boolean applies = false;
        for (JsonNode value : types) {
            String named = value.asString("");
            if (!named.equals("Ingress") && !named.equals("Egress")) {
                problem(index, policy, "spec.policyTypes has '" + named + "': expected Ingress or Egress");
            }
            applies |= named.equals(type);
        }
        return applies;
    }

    // The apps named by the peers of every rule of spec.<rules>: from (ingress) or to
    // (egress); and whether a rule allows every peer.
    private Peers peers(int index, String policy, JsonNode spec, String rules, String peers) {
        JsonNode list = spec.get(rules);
        if (list == null || list.isNull()) {
            return Peers.NONE;
        }
        if (!list.isArray()) {
            problem(index, policy, "spec." + rules + " must be a list of rules");
            return Peers.NONE;
        }
        Set<String> named = new LinkedHashSet<>();
        boolean allowAll = false;
        for (int r = 0; r < list.size(); r++) {
            JsonNode rule = list.get(r);
            String where = "spec." + rules + "[" + r + "]";
            if (!rule.isObject()) {
                problem(index, policy, where + " must be a mapping");
                continue;
            }
            JsonNode peerList = rule.get(peers);
            if (peerList == null || peerList.isNull() || peerList.isEmpty()) {
                allowAll = true; // allows every peer: names no app
                continue;
            }
            if (!peerList.isArray()) {
                problem(index, policy, where + "." + peers + " must be a list of peers");
                continue;
            }
            for (int p = 0; p < peerList.size(); p++) {
                JsonNode peer = peerList.get(p);
                String at = where + "." + peers + "[" + p + "]";
                if (!peer.isObject()) {
                    problem(index, policy, at + " must be a mapping");
                    continue;
                }
                if (peer.has("podSelector")) {
                    named.addAll(selectedApps(index, policy, peer.get("podSelector"), at + ".podSelector", false));
                }
                if (peer.has("namespaceSelector")) {
                    selector(index, policy, peer.get("namespaceSelector"), at + ".namespaceSelector");
                }
            }
        }
        return new Peers(List.copyOf(named), allowAll);
    }

    private Set<String> selectedApps(int index, String policy, JsonNode selector, String where, boolean required) {
        if (selector == null || selector.isNull()) {
            if (required) {
                problem(index, policy, "has no " + where + " (use {} to select every pod)");
            }
            return Set.of();
        }
        Selector parsed = selector(index, policy, selector, where);
        if (parsed == null) {
            return Set.of();
        }
        for (String label : this.appLabels) {
            Set<String> names = parsed.values(label);
            if (!names.isEmpty()) {
                Set<String> valid = new LinkedHashSet<>();
                for (String name : names) {
                    if (InputRules.dnsLabel("app", name).isPresent()) {
                        this.report.warn(index, policy + ": " + where + " names app '" + name + "' (label " + label
                                + "), which is not a DNS label (lowercase letters, digits and '-'): skipped");
                    }
                    else {
                        valid.add(name);
                    }
                }
                return valid;
            }
        }
        return Set.of();
    }

    private Selector selector(int index, String policy, JsonNode selector, String where) {
        if (!selector.isObject()) {
            problem(index, policy, where + " must be a mapping");
            return null;
        }
        Selector parsed = new Selector();
        JsonNode labels = selector.get("matchLabels");
        if (labels != null && !labels.isNull()) {
            if (!labels.isObject()) {
                problem(index, policy, where + ".matchLabels must be a mapping of label to value");
                return null;
            }
            labels.properties().forEach(label -> {
                if (label.getValue().isValueNode()) {
                    parsed.labels.put(label.getKey(), label.getValue().asString());
                }
            });
        }
        JsonNode expressions = selector.get("matchExpressions");
        if (expressions != null && !expressions.isNull()) {
            if (!expressions.isArray()) {
                problem(index, policy, where + ".matchExpressions must be a list");
                return null;
            }
            for (int e = 0; e < expressions.size(); e++) {
                JsonNode expression = expressions.get(e);
                String at = where + ".matchExpressions[" + e + "]";
                String key = expression.path("key").asString(null);
                String operator = expression.path("operator").asString(null);
                if (key == null || operator == null) {
                    problem(index, policy, at + " needs a key and an operator");
                    continue;
                }
                if (!OPERATORS.contains(operator)) {
                    problem(index, policy,
                            at + " has operator '" + operator + "': expected In, NotIn, Exists or DoesNotExist");
                    continue;
                }
                if ("In".equals(operator)) {
                    JsonNode values = expression.path("values");
                    if (!values.isArray() || values.isEmpty()) {
                        problem(index, policy, at + " (In) needs a non-empty list of values");
                        continue;
                    }
                    Set<String> in = new LinkedHashSet<>();
                    values.forEach(value -> in.add(value.asString()));
                    parsed.in.putIfAbsent(key, in);
                }
            }
        }
        return parsed;
    }

    private void problem(int index, String policy, String message) {
        this.problems.add("document " + index + ((policy != null) ? " (" + policy + ")" : "") + " " + message);
    }

    /** The apps a policy's rules name as peers, and whether a rule allows every peer. */
    private record Peers(List<String> apps, boolean allowAll) {

        static final Peers NONE = new Peers(List.of(), false);

    }

    /** The app-naming parts of a label selector: exact labels, and In expressions. */
    private static final class Selector {

        private final Map<String, String> labels = new LinkedHashMap<>();

        private final Map<String, Set<String>> in = new LinkedHashMap<>();

        Set<String> values(String label) {
            String exact = this.labels.get(label);
            if (exact != null) {
                return Set.of(exact);
            }
            return this.in.getOrDefault(label, Set.of());
        }

    }

}
