package io.appgraph.backstage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.appgraph.platform.Cypher;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The catalog as Backstage entity YAML, one document per entity: domains, systems,
 * groups, teams (squads), users (people), components and resources (apps) and APIs. What
 * Backstage has no field for (an app's tier, runbook and developer owner beside its
 * squad, a team's Slack channel and ops buddy, when someone left) travels as
 * {@code appgraph.io/} annotations, which the import reads back: a round trip loses
 * nothing the import keeps. Secrets (a squad's Slack webhook) never leave. Entities are
 * read a page at a time by name, each page in its own read, so the export of a large
 * estate never holds it whole.
 */
@Service
final class BackstageExport {

    private static final String API_VERSION = "backstage.io/v1alpha1";

    private static final int PAGE = 500;

    private static final List<String> ONE_OF_A_KIND = List.of("parent", "buddy", "squad", "owner");

    private static final YAMLMapper yaml = YAMLMapper.builder()
        .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
        .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
        .build();

    private static final String DOMAINS = """
            MATCH (d:Domain) WHERE d.name > $after
            WITH d ORDER BY d.name LIMIT $limit
            RETURN d.name AS name, {description: d.description, owner: d.owner} AS entity
            """;

    private static final String SYSTEMS = """
            MATCH (s:System) WHERE s.name > $after
            WITH s ORDER BY s.name LIMIT $limit
            RETURN s.name AS name, {description: s.description, owner: s.owner, domain: s.domain} AS entity
            """;

    private static final String GROUPS = """
            MATCH (g:Group) WHERE g.name > $after
            WITH g ORDER BY g.name LIMIT $limit
            RETURN g.name AS name, {
              type: g.type, description: g.description,
              parent: [(g)-[:PART_OF]->(p:Group) | 'group:' + p.name],
              children: [(c)-[:PART_OF]->(g) WHERE c:Group OR c:Squad | 'group:' + c.name]
            } AS entity
            """;

    private static final String SQUADS = """
            MATCH (s:Squad) WHERE s.name > $after
            WITH s ORDER BY s.name LIMIT $limit
            RETURN s.name AS name, {
              description: s.description, slackChannel: s.slackChannel,
              parent: [(s)-[:PART_OF]->(p:Group) | 'group:' + p.name],
              buddy: [(s)-[:HAS_BUDDY]->(p:Person) | p.handle],
              members: [(p:Person)-[:MEMBER_OF]->(s) | 'user:' + p.handle]
            } AS entity
            """;

    private static final String PEOPLE = """
            MATCH (p:Person) WHERE p.handle > $after
            WITH p ORDER BY p.handle LIMIT $limit
            RETURN p.handle AS name, {
              displayName: p.name, email: p.email, leftAt: toString(p.leftAt),
              memberOf: [(p)-[:MEMBER_OF]->(s:Squad) | 'group:' + s.name]
            } AS entity
            """;

    // The calls a catalog declares: through the API or an earlier Backstage import, not
    // what policies allow or the mesh observes.
    private static final String APPS = """
            MATCH (a:App) WHERE a.name > $after
            WITH a ORDER BY a.name LIMIT $limit
            RETURN a.name AS name, {
              kind: a.kind, description: a.description, lifecycle: a.lifecycle, type: a.type, system: a.system,
              tier: a.tier, runbookUrl: a.runbookUrl, linkLabels: a.linkLabels, linkUrls: a.linkUrls,
              squad: [(a)-[:OWNED_BY]->(s:Squad) | s.name],
              owner: [(a)-[:HAS_OWNER]->(p:Person) | p.handle],
              dependsOn: [(a)-[d:DEPENDS_ON]->(c:App) WHERE 'DECLARED' IN d.sources OR 'BACKSTAGE' IN d.sources
                          | CASE c.kind WHEN 'RESOURCE' THEN 'resource:' ELSE 'component:' END + c.name],
              providesApis: [(a)-[:PROVIDES_API]->(api:Api) | 'api:' + api.name],
              consumesApis: [(a)-[:CONSUMES_API]->(api:Api) | 'api:' + api.name]
            } AS entity
            """;

    private static final String APIS = """
            MATCH (api:Api) WHERE api.name > $after
            WITH api ORDER BY api.name LIMIT $limit
            RETURN api.name AS name, {description: api.description, type: api.type, lifecycle: api.lifecycle,
                                      owner: api.owner, system: api.system, definition: api.definition} AS entity
            """;

    private final Cypher cypher;

    BackstageExport(Cypher cypher) {
        this.cypher = cypher;
    }

    /** Writes every entity to {@code out}, documents separated by {@code ---}. */
    void write(OutputStream out) throws IOException {
        try (SequenceWriter documents = yaml.writer().writeValues(out)) {
            Consumer<Map<String, Object>> write = documents::write;
            pages(DOMAINS, (name, e) -> write
                .accept(entity("Domain", name, e.get("description"), spec("owner", e.get("owner")))));
            pages(SYSTEMS, (name, e) -> write.accept(entity("System", name, e.get("description"),
                    spec("owner", e.get("owner"), "domain", e.get("domain")))));
            pages(GROUPS,
                    (name, e) -> write.accept(entity("Group", name, e.get("description"),
                            spec("type", (e.get("type") != null) ? e.get("type") : "group", "parent", e.get("parent"),
                                    "children", e.get("children")))));
            pages(SQUADS, (name, e) -> {
                Map<String, Object> team = entity("Group", name, e.get("description"), spec("type", "team", "parent",
                        e.get("parent"), "children", List.of(), "members", e.get("members")));
                annotate(team, BackstageCatalog.SLACK_CHANNEL, e.get("slackChannel"));
                annotate(team, BackstageCatalog.OPS_BUDDY, (e.get("buddy") != null) ? "user:" + e.get("buddy") : null);
                write.accept(team);
            });
            pages(PEOPLE, (name, e) -> {
                Map<String, Object> profile = new LinkedHashMap<>();
                putIfPresent(profile, "displayName", e.get("displayName"));
                putIfPresent(profile, "email", e.get("email"));
                Map<String, Object> user = entity("User", name, null,
                        spec("profile", profile.isEmpty() ? null : profile, "memberOf", e.get("memberOf")));
                annotate(user, "appgraph.io/left-at", e.get("leftAt"));
                write.accept(user);
            });
            pages(APPS, (name, e) -> write.accept(app(name, e)));
            pages(APIS,
                    (name, e) -> write.accept(entity("API", name, e.get("description"),
                            spec("type", (e.get("type") != null) ? e.get("type") : "openapi", "lifecycle",
                                    (e.get("lifecycle") != null) ? e.get("lifecycle") : "production", "owner",
                                    e.get("owner"), "system", e.get("system"), "definition", e.get("definition")))));
        }
    }

    private static Map<String, Object> app(String name, Map<String, Object> e) {
        boolean resource = "RESOURCE".equals(e.get("kind"));
        Object squad = e.get("squad");
        Object owner = e.get("owner");
        Map<String, Object> spec = spec("type",
                (e.get("type") != null) ? e.get("type") : (resource ? "resource" : "service"), "lifecycle",
                resource ? null : ((e.get("lifecycle") != null) ? e.get("lifecycle") : "production"), "owner",
                (squad != null) ? "group:" + squad : ((owner != null) ? "user:" + owner : null), "system",
                e.get("system"), "dependsOn", e.get("dependsOn"), "providesApis",
                resource ? null : e.get("providesApis"), "consumesApis", resource ? null : e.get("consumesApis"));
        Map<String, Object> entity = entity(resource ? "Resource" : "Component", name, e.get("description"), spec);
        if (resource && e.get("lifecycle") != null) {
            annotate(entity, BackstageCatalog.LIFECYCLE, e.get("lifecycle"));
        }
        annotate(entity, BackstageCatalog.TIER, e.get("tier"));
        annotate(entity, BackstageCatalog.RUNBOOK, e.get("runbookUrl"));
        annotate(entity, BackstageCatalog.DEVELOPER_OWNER, (squad != null && owner != null) ? "user:" + owner : null);
        if (e.get("linkLabels") instanceof List<?> labels && e.get("linkUrls") instanceof List<?> urls) {
            List<Map<String, Object>> links = new ArrayList<>();
            for (int i = 0; i < Math.min(labels.size(), urls.size()); i++) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("url", urls.get(i));
                link.put("title", labels.get(i));
                links.add(link);
            }
            if (!links.isEmpty()) {
                metadata(entity).put("links", links);
            }
        }
        return entity;
    }

    private void pages(String query, PageConsumer consumer) {
        String after = "";
        while (true) {
            List<Object[]> page = new ArrayList<>(this.cypher.list(query, Map.of("after", after, "limit", PAGE),
                    r -> new Object[] { r.get("name").asString(), r.get("entity").asMap(Value::asObject) }));
            // The order of the rows after the projection is not promised.
            page.sort(Comparator.comparing(row -> (String) row[0]));
            for (Object[] row : page) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entity = new LinkedHashMap<>((Map<String, Object>) row[1]);
                // References in a stable order, so exports of one graph are equal.
                entity.replaceAll((field, value) -> (value instanceof List<?> list && !field.startsWith("link"))
                        ? list.stream().map(String::valueOf).sorted().toList() : value);
                // One of a kind (an app's squad, a group's parent) comes as a list too:
                // taking its head in Cypher trips Neo4j 5.26's planner.
                ONE_OF_A_KIND.forEach(field -> entity.computeIfPresent(field,
                        (f, value) -> (value instanceof List<?> list) ? (list.isEmpty() ? null : list.get(0)) : value));
                consumer.accept((String) row[0], entity);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = (String) page.get(page.size() - 1)[0];
        }
    }

    private static Map<String, Object> entity(String kind, String name, Object description, Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        putIfPresent(metadata, "description", description);
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("apiVersion", API_VERSION);
        entity.put("kind", kind);
        entity.put("metadata", metadata);
        entity.put("spec", spec);
        return entity;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> entity) {
        return (Map<String, Object>) entity.get("metadata");
    }

    @SuppressWarnings("unchecked")
    private static void annotate(Map<String, Object> entity, String key, Object value) {
        if (value != null) {
            ((Map<String, Object>) metadata(entity).computeIfAbsent("annotations", k -> new LinkedHashMap<>())).put(key,
                    value);
        }
    }

    // Fields in the order given; null values and empty lists left out, except the lists
    // Backstage requires (a group's children, a user's memberOf).
    private static Map<String, Object> spec(Object... fields) {
        Map<String, Object> spec = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            String field = (String) fields[i];
            Object value = fields[i + 1];
            boolean required = field.equals("children") || field.equals("memberOf");
            if (value != null && (required || !(value instanceof List<?> list) || !list.isEmpty())) {
                spec.put(field, value);
            }
        }
        return spec;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @FunctionalInterface
    private interface PageConsumer {

        void accept(String name, Map<String, Object> entity);

    }

}
