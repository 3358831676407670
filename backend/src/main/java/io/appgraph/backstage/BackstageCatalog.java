package io.appgraph.backstage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.appgraph.catalog.AppKind;
import io.appgraph.catalog.Tier;
import io.appgraph.dependencies.ImportReport;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;
import tools.jackson.databind.JsonNode;

/**
 * A Backstage catalog as its entity YAML says it, read one document at a time: the
 * entities appgraph keeps, and the problems that refuse the batch, each naming its
 * document. Nothing here touches the graph; {@link BackstageImport} writes what this
 * holds.
 */
final class BackstageCatalog {

    /** Annotations appgraph writes on export and reads back, for what Backstage lacks. */
    static final String TIER = "appgraph.io/tier";

    static final String RUNBOOK = "appgraph.io/runbook-url";

    static final String DEVELOPER_OWNER = "appgraph.io/developer-owner";

    static final String SLACK_CHANNEL = "appgraph.io/slack-channel";

    static final String OPS_BUDDY = "appgraph.io/ops-buddy";

    /** A resource's lifecycle: Backstage's Resource has no such field. */
    static final String LIFECYCLE = "appgraph.io/lifecycle";

    private static final int MAX_DESCRIPTION = 300;

    private static final int MAX_LABEL = 40;

    /** A Component or Resource: an app. */
    record ComponentEntity(int document, String name, AppKind kind, String description, String lifecycle, String type,
            EntityRef owner, String system, List<Map<String, String>> links, String tier, String runbookUrl,
            String developerOwner, List<EntityRef> dependsOn, List<EntityRef> dependencyOf, List<String> providesApis,
            List<String> consumesApis) {

        /**
         * How problems and warnings name it: "Component payments-api", "Resource
         * orders-db".
         */
        String what() {
            return describe(this.kind, this.name);
        }

        static String describe(AppKind kind, String name) {
            return kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT) + " " + name;
        }

    }

    /** An API some apps provide and others consume. */
    record ApiEntity(int document, String name, String description, String type, String lifecycle, String owner,
            String system, String definition) {
    }

    /** A System or a Domain: grouping only. */
    record GroupingEntity(int document, String name, String description, String owner, String domain) {
    }

    /** A Group: a squad when its type is team, a group otherwise. */
    record GroupEntity(int document, String name, String type, String description, EntityRef parent,
            List<EntityRef> children, List<String> members, String slackChannel, String buddy) {

        boolean team() {
            return "team".equals(this.type);
        }

    }

    /** A User: a person. */
    record UserEntity(int document, String handle, String displayName, String email, List<EntityRef> memberOf) {
    }

    final Map<String, ComponentEntity> components = new LinkedHashMap<>();

    final Map<String, ApiEntity> apis = new LinkedHashMap<>();

    final Map<String, GroupingEntity> systems = new LinkedHashMap<>();

    final Map<String, GroupingEntity> domains = new LinkedHashMap<>();

    final Map<String, GroupEntity> groups = new LinkedHashMap<>();

    final Map<String, UserEntity> users = new LinkedHashMap<>();

    private final List<String> problems = new ArrayList<>();

    List<String> problems() {
        return this.problems;
    }

    /** Reads the document numbered {@code index}. */
    void read(int index, JsonNode entity, ImportReport report) {
        Reader reader = new Reader(index, entity, report);
        String apiVersion = entity.path("apiVersion").asString("");
        String kind = entity.path("kind").asString("");
        if (!apiVersion.startsWith("backstage.io/")) {
            reader.problem("apiVersion '" + apiVersion + "' is not a Backstage entity's (backstage.io/v1alpha1)");
            return;
        }
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "component" -> component(reader, AppKind.COMPONENT);
            case "resource" -> component(reader, AppKind.RESOURCE);
            case "api" -> api(reader);
            case "system" -> grouping(reader, this.systems, true);
            case "domain" -> grouping(reader, this.domains, false);
            case "group" -> group(reader);
            case "user" -> user(reader);
            case "" -> reader.problem("has no kind");
            default -> report.warn(index, kind + " '" + entity.path("metadata").path("name").asString("")
                    + "' skipped: appgraph imports Component, Resource, API, System, Domain, Group and User");
        }
    }

    private void component(Reader reader, AppKind kind) {
        String name = reader.name(true);
        if (name == null) {
            return;
        }
        reader.what = ComponentEntity.describe(kind, name);
        String tier = reader.annotation(TIER);
        if (tier != null) {
            try {
                tier = Tier.valueOf(tier.strip().toUpperCase(Locale.ROOT)).name();
            }
            catch (IllegalArgumentException ex) {
                reader.problem("annotation " + TIER + " '" + tier + "' is not TIER_1, TIER_2, TIER_3 or TIER_4");
            }
        }
        String runbook = reader.annotation(RUNBOOK);
        InputRules.httpUrl(RUNBOOK, runbook).map(UserError::message).ifPresent(reader::problem);
        EntityRef developerOwner = reader.ref(reader.annotation(DEVELOPER_OWNER), "user", DEVELOPER_OWNER);
        EntityRef owner = reader.ref(reader.specText("owner"), "group", "spec.owner");
        if (developerOwner != null && !"user".equals(developerOwner.kind())) {
            reader.problem(DEVELOPER_OWNER + " '" + developerOwner + "' is not a user");
            developerOwner = null;
        }
        EntityRef system = reader.ref(reader.specText("system"), "system", "spec.system");
        ComponentEntity component = new ComponentEntity(reader.index, name, kind, reader.description(),
                (reader.specText("lifecycle") != null) ? reader.specText("lifecycle") : reader.annotation(LIFECYCLE),
                reader.specText("type"), owner, (system != null) ? system.name() : null, reader.links(), tier, runbook,
                (developerOwner != null) ? developerOwner.name() : null, reader.refs("dependsOn", "component"),
                reader.refs("dependencyOf", "component"), names(reader.refs("providesApis", "api")),
                names(reader.refs("consumesApis", "api")));
        if (this.components.putIfAbsent(name, component) != null) {
            reader.problem("repeats the app '" + name + "' of document " + this.components.get(name).document());
        }
    }

    private void api(Reader reader) {
        String name = reader.name(true);
        if (name == null) {
            return;
        }
        reader.what = "API " + name;
        EntityRef owner = reader.ref(reader.specText("owner"), "group", "spec.owner");
        EntityRef system = reader.ref(reader.specText("system"), "system", "spec.system");
        JsonNode definition = reader.spec().path("definition");
        ApiEntity api = new ApiEntity(reader.index, name, reader.description(), reader.specText("type"),
                reader.specText("lifecycle"), (owner != null) ? owner.toString() : null,
                (system != null) ? system.name() : null, definition.isString() ? definition.asString() : null);
        if (!definition.isMissingNode() && !definition.isString()) {
            reader.problem("spec.definition is not text (a $text substitution is resolved by Backstage, not here)");
        }
        if (this.apis.putIfAbsent(name, api) != null) {
            reader.problem("repeats the API '" + name + "' of document " + this.apis.get(name).document());
        }
    }

    private void grouping(Reader reader, Map<String, GroupingEntity> into, boolean system) {
        String name = reader.name(true);
        if (name == null) {
            return;
        }
        reader.what = (system ? "System " : "Domain ") + name;
        EntityRef owner = reader.ref(reader.specText("owner"), "group", "spec.owner");
        EntityRef domain = system ? reader.ref(reader.specText("domain"), "domain", "spec.domain") : null;
        GroupingEntity entity = new GroupingEntity(reader.index, name, reader.description(),
                (owner != null) ? owner.toString() : null, (domain != null) ? domain.name() : null);
        if (into.putIfAbsent(name, entity) != null) {
            reader.problem("repeats the " + (system ? "system" : "domain") + " '" + name + "' of document "
                    + into.get(name).document());
        }
    }

    private void group(Reader reader) {
        String name = reader.name(true);
        if (name == null) {
            return;
        }
        reader.what = "Group " + name;
        String type = reader.specText("type");
        if (type == null) {
            reader.problem("has no spec.type (team makes a squad; department, tribe and others a group)");
            return;
        }
        InputRules.maxLength("spec.type", type, 40).map(UserError::message).ifPresent(reader::problem);
        String description = reader.description();
        if (description == null) {
            description = reader.text(reader.spec().path("profile"), "displayName", "spec.profile.displayName");
        }
        EntityRef buddy = reader.ref(reader.annotation(OPS_BUDDY), "user", OPS_BUDDY);
        String slack = reader.annotation(SLACK_CHANNEL);
        GroupEntity group = new GroupEntity(reader.index, name, type.toLowerCase(Locale.ROOT), description,
                reader.ref(reader.specText("parent"), "group", "spec.parent"), reader.refs("children", "group"),
                names(reader.refs("members", "user")), slack, (buddy != null) ? buddy.name() : null);
        if (this.groups.putIfAbsent(name, group) != null) {
            reader.problem("repeats the group '" + name + "' of document " + this.groups.get(name).document());
        }
    }

    private void user(Reader reader) {
        String handle = reader.name(false);
        if (handle == null) {
            return;
        }
        reader.what = "User " + handle;
        JsonNode profile = reader.spec().path("profile");
        String email = reader.text(profile, "email", "spec.profile.email");
        InputRules.email("spec.profile.email", email).map(UserError::message).ifPresent(reader::problem);
        String displayName = reader.text(profile, "displayName", "spec.profile.displayName");
        InputRules.maxLength("spec.profile.displayName", displayName, 120)
            .map(UserError::message)
            .ifPresent(reader::problem);
        UserEntity user = new UserEntity(reader.index, handle, displayName,
                (email != null) ? email.toLowerCase(Locale.ROOT) : null, reader.refs("memberOf", "group"));
        if (this.users.putIfAbsent(handle, user) != null) {
            reader.problem("repeats the user '" + handle + "' of document " + this.users.get(handle).document());
        }
    }

    private static List<String> names(List<EntityRef> refs) {
        return refs.stream().map(EntityRef::name).distinct().toList();
    }

    /** Reads the fields of one document, turning what is wrong into problems. */
    private final class Reader {

        private final int index;

        private final JsonNode entity;

        private final ImportReport report;

        private String what;

        Reader(int index, JsonNode entity, ImportReport report) {
            this.index = index;
            this.entity = entity;
            this.report = report;
            this.what = entity.path("kind").asString("entity");
        }

        void problem(String problem) {
            BackstageCatalog.this.problems.add("document " + this.index + " (" + this.what + "): " + problem);
        }

        void warn(String warning) {
            this.report.warn(this.index, this.what + ": " + warning);
        }

        JsonNode spec() {
            return this.entity.path("spec");
        }

        // metadata.name in lower case, as Backstage compares names; apps, squads, groups,
        // systems and APIs are DNS labels in appgraph, people's handles a little freer.
        String name(boolean dnsLabel) {
            String name = text(this.entity.path("metadata"), "name", "metadata.name");
            if (name == null) {
                problem("has no metadata.name");
                return null;
            }
            name = name.toLowerCase(Locale.ROOT);
            Optional<UserError> invalid = dnsLabel ? InputRules.dnsLabel("metadata.name", name)
                    : InputRules.handle("metadata.name", name);
            if (invalid.isPresent()) {
                this.what = this.what + " " + name;
                problem(invalid.get().message());
                return null;
            }
            return name;
        }

        String description() {
            String description = text(this.entity.path("metadata"), "description", "metadata.description");
            if (description != null) {
                description = description.strip().replaceAll("\\s+", " ");
                if (description.length() > MAX_DESCRIPTION) {
                    warn("description cut to " + MAX_DESCRIPTION + " characters, as appgraph keeps them");
                    description = description.substring(0, MAX_DESCRIPTION - 1) + "…";
                }
            }
            return (description == null || description.isEmpty()) ? null : description;
        }

        String annotation(String key) {
            return text(this.entity.path("metadata").path("annotations"), key, "annotation " + key);
        }

        String specText(String field) {
            return text(spec(), field, "spec." + field);
        }

        String text(JsonNode node, String field, String path) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isValueNode() || value.isBinary()) {
                problem(path + " is not text");
                return null;
            }
            String text = value.asString();
            return text.isBlank() ? null : text.strip();
        }

        EntityRef ref(String text, String defaultKind, String path) {
            if (text == null) {
                return null;
            }
            try {
                return EntityRef.parse(text, defaultKind);
            }
            catch (IllegalArgumentException ex) {
                problem(path + ": " + ex.getMessage());
                return null;
            }
        }

        List<EntityRef> refs(String field, String defaultKind) {
            JsonNode list = spec().path(field);
            if (list.isMissingNode() || list.isNull()) {
                return List.of();
            }
            if (!list.isArray()) {
                problem("spec." + field + " is not a list of entity references");
                return List.of();
            }
            List<EntityRef> refs = new ArrayList<>();
            for (JsonNode item : list) {
                if (!item.isString()) {
                    problem("spec." + field + " holds " + item + ", not an entity reference");
                    continue;
                }
                EntityRef ref = ref(item.asString(), defaultKind, "spec." + field);
                if (ref != null) {
                    refs.add(ref);
                }
            }
            return refs;
        }

        List<Map<String, String>> links() {
            JsonNode list = this.entity.path("metadata").path("links");
            if (!list.isArray()) {
                return List.of();
            }
            List<Map<String, String>> links = new ArrayList<>();
            for (JsonNode link : list) {
                String url = link.path("url").asString(null);
                String label = firstText(link, "title", "type", "icon");
                label = (label == null) ? "link" : label;
                label = (label.length() > MAX_LABEL) ? label.substring(0, MAX_LABEL) : label;
                if (url == null || InputRules.httpUrl("url", url).isPresent()) {
                    warn("link '" + label + "' skipped: its url is not an absolute http(s) URL");
                    continue;
                }
                Map<String, String> kept = new HashMap<>();
                kept.put("label", label);
                kept.put("url", url);
                links.add(kept);
            }
            return links;
        }

        private static String firstText(JsonNode node, String... fields) {
            for (String field : fields) {
                String value = node.path(field).asString(null);
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
            return null;
        }

    }

}
