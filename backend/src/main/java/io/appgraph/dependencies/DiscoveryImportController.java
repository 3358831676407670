package io.appgraph.dependencies;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the platform knows about who calls whom:
 * <ul>
 * <li>{@code POST /api/import/network-policies}: the cluster's NetworkPolicies as YAML
 * (or JSON), a {@code List} as {@code kubectl get networkpolicies -A -o yaml} prints it
 * or manifests one per document. The import replaces what the previous one said: an edge
 * no policy allows any more loses its NETWORK_POLICY source.</li>
 * <li>{@code POST /api/import/mesh}: the mesh's traffic as Prometheus' query API answers
 * it. Calls seen get their MESH source and the time they were seen; calls not seen for
 * {@code appgraph.discovery.mesh-retention} lose it.</li>
 * </ul>
 * Each import is one transaction; a broken document refuses the whole batch with 400 and
 * the problems, each naming its document, and writes nothing. {@code ?dryRun=true}
 * answers what the import would change without changing it. Importing the same input
 * again changes nothing.
 */
@RestController
final class DiscoveryImportController {

    private final DiscoveryProperties properties;

    private final MeshImport mesh;

    private final NetworkPolicyImport networkPolicies;

    private final Imports imports;

    private final JsonMapper json;

    DiscoveryImportController(DiscoveryProperties properties, MeshImport mesh, NetworkPolicyImport networkPolicies,
            Imports imports, JsonMapper json) {
        this.networkPolicies = networkPolicies;
        this.properties = properties;
        this.mesh = mesh;
        this.imports = imports;
        this.json = json;
    }

    @PostMapping(path = "/api/import/network-policies", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> networkPolicies(@RequestBody(required = false) byte[] body,
            @RequestParam(name = "dryRun", required = false) String dryRun) {
        try {
            boolean rehearsal = Imports.dryRun(dryRun);
            NetworkPolicies policies = new NetworkPolicies(this.properties.appLabels());
            ImportReport report = new ImportReport(DependencySource.NETWORK_POLICY, rehearsal, 0);
            int[] documents = { 0 };
            YamlDocuments.each(Imports.nonEmpty(body, "NetworkPolicy YAML"), true, (index, document) -> {
                documents[0] = index + 1;
                policies.read(index, document, report);
            });
            Imports.refuseIfAny("Invalid network policies", policies.problems());
            report.documents(documents[0]);
            return this.imports.run(report, tx -> this.networkPolicies.write(tx, policies, report));
        }
        catch (ImportRefusedException ex) {
            return Imports.refused(ex);
        }
    }

    @PostMapping(path = "/api/import/mesh", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> mesh(@RequestBody(required = false) byte[] body,
            @RequestParam(name = "dryRun", required = false) String dryRun) {
        try {
            boolean rehearsal = Imports.dryRun(dryRun);
            JsonNode answer;
            try {
                answer = this.json.readTree(Imports.nonEmpty(body, "Prometheus query JSON"));
            }
            catch (JacksonException ex) {
                throw new ImportRefusedException("Invalid mesh traffic",
                        List.of("The body is not JSON: " + ex.getOriginalMessage()));
            }
            ImportReport report = new ImportReport(DependencySource.MESH, rehearsal, 0);
            MeshTraffic traffic = new MeshTraffic();
            traffic.read(answer, report);
            Imports.refuseIfAny("Invalid mesh traffic", traffic.problems());
            report.documents(traffic.series());
            List<DiscoveredEdge> seen = traffic.edges();
            OffsetDateTime latest = seen.stream()
                .map(DiscoveredEdge::observedAt)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElseGet(() -> OffsetDateTime.now(ZoneOffset.UTC));
            OffsetDateTime retainSince = latest.minus(this.properties.meshRetention());
            return this.imports.run(report, tx -> this.mesh.write(tx, seen, retainSince, report));
        }
        catch (ImportRefusedException ex) {
            return Imports.refused(ex);
        }
    }

}
