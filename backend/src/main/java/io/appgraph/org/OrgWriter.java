package io.appgraph.org;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.appgraph.org.OrgInputs.GroupInput;
import io.appgraph.org.OrgInputs.GroupPayload;
import io.appgraph.org.OrgInputs.PersonInput;
import io.appgraph.org.OrgInputs.PersonPayload;
import io.appgraph.org.OrgInputs.SquadInput;
import io.appgraph.org.OrgInputs.SquadPayload;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;

/**
 * Creates and changes groups, squads and people. Every upsert checks shape first, then
 * references inside its write transaction, and writes nothing when anything is wrong.
 */
@Service
final class OrgWriter {

    private static final Pattern SLACK_CHANNEL = Pattern.compile("#?[a-z0-9][a-z0-9._-]{0,79}");

    private static final int MAX_GROUP_DEPTH = 20;

    private static final String CHECK_GROUP = """
            RETURN
              $parent IS NULL OR EXISTS { (:Group {name: $parent}) } AS parentExists,
              $parent IS NOT NULL AND EXISTS { (:Group {name: $parent})-[:PART_OF*0..%d]->(:Group {name: $name}) } AS cycle
            """
        .formatted(MAX_GROUP_DEPTH);

    private static final String UPSERT_GROUP = """
            MERGE (grp:Group {name: $name})
            SET grp.type = coalesce($type, grp.type)
            WITH grp
            WHERE $parent IS NOT NULL
            MATCH (parent:Group {name: $parent})
            OPTIONAL MATCH (grp)-[old:PART_OF]->(:Group)
            DELETE old
            MERGE (grp)-[:PART_OF]->(parent)
            """;

    private static final String CHECK_SQUAD = """
            RETURN
              $parent IS NULL OR EXISTS { (:Group {name: $parent}) } AS parentExists,
              COLLECT { MATCH (p:Person {handle: $buddy}) RETURN p.active } AS buddy
            """;

    private static final String UPSERT_SQUAD = """
            MERGE (squad:Squad {name: $name})
            SET squad.description = coalesce($description, squad.description),
                squad.slackChannel = coalesce($slackChannel, squad.slackChannel),
                squad.slackWebhookUrl = CASE WHEN $slackWebhookUrl IS NULL THEN squad.slackWebhookUrl
                                             WHEN $slackWebhookUrl = '' THEN null ELSE $slackWebhookUrl END
            WITH squad
            CALL (squad) {
              MATCH (parent:Group {name: $parent})
              OPTIONAL MATCH (squad)-[old:PART_OF]->(:Group)
              DELETE old
              MERGE (squad)-[:PART_OF]->(parent)
            }
            CALL (squad) {
              MATCH (buddy:Person {handle: $buddy})
              OPTIONAL MATCH (squad)-[old:HAS_BUDDY]->(:Person)
              DELETE old
              MERGE (squad)-[:HAS_BUDDY]->(buddy)
            }
            """;

    private static final String CHECK_PERSON = """
            RETURN
              COLLECT { MATCH (p:Person {email: $email}) WHERE p.handle <> $handle RETURN p.handle } AS emailTakenBy,
              [name IN coalesce($squads, []) WHERE NOT EXISTS { (:Squad {name: name}) }] AS unknownSquads
            """;

    private static final String UPSERT_PERSON = """
            MERGE (person:Person {handle: $handle})
              ON CREATE SET person.active = true, person.createdAt = datetime()
            SET person.name = coalesce($name, person.name),
                person.email = coalesce($email, person.email)
            WITH person
            WHERE $squads IS NOT NULL
            CALL (person) {
              MATCH (person)-[old:MEMBER_OF]->(squad:Squad)
              WHERE NOT squad.name IN $squads
              DELETE old
            }
            UNWIND $squads AS squadName
            MATCH (squad:Squad {name: squadName})
            MERGE (person)-[:MEMBER_OF]->(squad)
            """;

    private final Cypher cypher;

    private final OrgQueries org;

    OrgWriter(Cypher cypher, OrgQueries org) {
        this.cypher = cypher;
        this.org = org;
    }

    GroupPayload upsertGroup(GroupInput input) {
        List<UserError> errors = new ArrayList<>();
        InputRules.dnsLabel("name", input.name()).ifPresent(errors::add);
        if (input.parent() != null) {
            InputRules.dnsLabel("parent", input.parent()).ifPresent(errors::add);
        }
        InputRules.maxLength("type", input.type(), 40).ifPresent(errors::add);
        if (input.name() != null && input.name().equals(input.parent())) {
            errors.add(UserError.invalid("parent", "group '%s' cannot be its own parent".formatted(input.name())));
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("name", input.name());
        parameters.put("type", input.type());
        parameters.put("parent", input.parent());
        errors.addAll(writeIfClean(errors, CHECK_GROUP, UPSERT_GROUP, parameters, found -> {
            List<UserError> problems = new ArrayList<>();
            if (!found.get("parentExists").asBoolean()) {
                problems.add(UserError.notFound("parent", "No group is named '%s'".formatted(input.parent())));
            }
            else if (found.get("cycle").asBoolean()) {
                problems
                    .add(UserError.invalid("parent", "'%s' is inside '%s': making it the parent would create a cycle"
                        .formatted(input.parent(), input.name())));
            }
            return problems;
        }));
        return errors.isEmpty() ? new GroupPayload(this.org.groups(List.of(input.name())).get(input.name()), List.of())
                : new GroupPayload(null, errors);
    }

    SquadPayload upsertSquad(SquadInput input) {
        List<UserError> errors = new ArrayList<>();
        InputRules.dnsLabel("name", input.name()).ifPresent(errors::add);
        InputRules.maxLength("description", input.description(), 300).ifPresent(errors::add);
        if (input.slackChannel() != null && !SLACK_CHANNEL.matcher(input.slackChannel()).matches()) {
            errors.add(UserError.invalid("slackChannel",
                    "'%s' is not a Slack channel name such as #team-payments".formatted(input.slackChannel())));
        }
        slackWebhookError(input.slackWebhookUrl()).ifPresent(errors::add);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("name", input.name());
        parameters.put("description", input.description());
        parameters.put("slackChannel", slackChannel(input.slackChannel()));
        parameters.put("slackWebhookUrl", input.slackWebhookUrl());
        parameters.put("parent", input.parent());
        parameters.put("buddy", input.buddy());
        errors.addAll(writeIfClean(errors, CHECK_SQUAD, UPSERT_SQUAD, parameters, found -> {
            List<UserError> problems = new ArrayList<>();
            if (!found.get("parentExists").asBoolean()) {
                problems.add(UserError.notFound("parent", "No group is named '%s'".formatted(input.parent())));
            }
            activePerson(found.get("buddy").asList(v -> v.asBoolean(true)), "buddy", input.buddy())
                .ifPresent(problems::add);
            return problems;
        }));
        return errors.isEmpty() ? new SquadPayload(this.org.squads(List.of(input.name())).get(input.name()), List.of())
                : new SquadPayload(null, errors);
    }

    PersonPayload upsertPerson(PersonInput input) {
        List<UserError> errors = new ArrayList<>();
        InputRules.handle("handle", input.handle()).ifPresent(errors::add);
        InputRules.email("email", input.email()).ifPresent(errors::add);
        InputRules.maxLength("name", input.name(), 120).ifPresent(errors::add);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("handle", input.handle());
        parameters.put("name", input.name());
        parameters.put("email", input.email() == null ? null : input.email().toLowerCase());
        parameters.put("squads", input.squads() == null ? null : List.copyOf(new LinkedHashSet<>(input.squads())));
        errors.addAll(writeIfClean(errors, CHECK_PERSON, UPSERT_PERSON, parameters, found -> {
            List<UserError> problems = new ArrayList<>();
            for (String other : found.get("emailTakenBy").asList(v -> v.asString())) {
                problems.add(UserError.conflict("email",
                        "'%s' is already the email of '%s'".formatted(input.email(), other)));
            }
            for (String unknown : found.get("unknownSquads").asList(v -> v.asString())) {
                problems.add(UserError.notFound("squads", "No squad is named '%s'".formatted(unknown)));
            }
            return problems;
        }));
        return errors.isEmpty()
                ? new PersonPayload(this.org.people(List.of(input.handle())).get(input.handle()), List.of())
                : new PersonPayload(null, errors);
    }

    /**
     * Checks references and writes in one transaction; returns the reference errors (then
     * nothing was written).
     */
    private List<UserError> writeIfClean(List<UserError> shapeErrors, String check, String upsert,
            Map<String, Object> parameters, Function<Record, List<UserError>> referenceErrors) {
        if (!shapeErrors.isEmpty()) {
            return List.of();
        }
        return this.cypher.write((TransactionContext tx) -> {
            List<UserError> problems = referenceErrors.apply(this.cypher.run(tx, check, parameters).get(0));
            if (problems.isEmpty()) {
                this.cypher.run(tx, upsert, parameters);
            }
            return problems;
        });
    }

    private static Optional<UserError> activePerson(List<Boolean> found, String field, String handle) {
        if (handle == null) {
            return Optional.empty();
        }
        if (found.isEmpty()) {
            return Optional.of(UserError.notFound(field, "No person has the handle '%s'".formatted(handle)));
        }
        return found.get(0) ? Optional.empty()
                : Optional.of(UserError.invalid(field, "'%s' has left and cannot be the %s".formatted(handle, field)));
    }

    // The URL is a secret (whoever has it can post to the channel): the error never
    // repeats it.
    private static Optional<UserError> slackWebhookError(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException ex) {
            return Optional.of(UserError.invalid("slackWebhookUrl", "the Slack webhook is not a URL"));
        }
        boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        boolean allowed = "https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && local);
        if (!allowed || uri.getHost() == null || url.length() > 500) {
            return Optional.of(UserError.invalid("slackWebhookUrl",
                    "the Slack webhook must be an https URL such as Slack's incoming webhooks give (http only on localhost), at most 500 characters"));
        }
        return Optional.empty();
    }

    private static String slackChannel(String channel) {
        return (channel == null || channel.startsWith("#")) ? channel : "#" + channel;
    }

}
