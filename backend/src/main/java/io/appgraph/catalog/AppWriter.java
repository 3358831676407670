package io.appgraph.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.catalog.AppInputs.AppInput;
import io.appgraph.catalog.AppInputs.AppPayload;
import io.appgraph.catalog.AppInputs.LinkInput;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Creates and changes apps. Checks the input's shape, then its references inside the
 * write transaction, and writes only when both are clean: a rejected upsert leaves the
 * graph as it was. Fields other features own (such as {@code dependsOn}) go through their
 * {@link AppUpsertExtension}s, checked and written at the same steps of the same
 * transaction.
 */
@Service
final class AppWriter {

    private static final String CHECK_REFERENCES = """
            RETURN
              $squad IS NULL OR EXISTS { (:Squad {name: $squad}) } AS squadExists,
              COLLECT { MATCH (p:Person {handle: $owner}) RETURN p.active } AS owner
            """;

    private static final String UPSERT = """
            MERGE (app:App {name: $name})
              ON CREATE SET app.createdAt = datetime()
            SET app.updatedAt = datetime(),
                app.description = CASE WHEN $description IS NULL THEN app.description WHEN $description = '' THEN null ELSE $description END,
                app.runbookUrl = CASE WHEN $runbookUrl IS NULL THEN app.runbookUrl WHEN $runbookUrl = '' THEN null ELSE $runbookUrl END,
                app.tier = coalesce($tier, app.tier),
                app.linkLabels = CASE WHEN $links IS NULL THEN app.linkLabels ELSE [l IN $links | l.label] END,
                app.linkUrls = CASE WHEN $links IS NULL THEN app.linkUrls ELSE [l IN $links | l.url] END
            """;

    private final Cypher cypher;

    private final AppQueries apps;

    private final AppOwners owners;

    private final AppSquads squads;

    private final List<AppUpsertExtension> extensions;

    AppWriter(Cypher cypher, AppQueries apps, AppOwners owners, AppSquads squads,
            ObjectProvider<AppUpsertExtension> extensions) {
        this.cypher = cypher;
        this.apps = apps;
        this.owners = owners;
        this.squads = squads;
        this.extensions = extensions.orderedStream().toList();
    }

    AppPayload upsert(AppInput input) {
        List<UserError> errors = shapeErrors(input);
        this.extensions.forEach(extension -> errors.addAll(extension.shapeErrors(input)));
        if (!errors.isEmpty()) {
            return AppPayload.failed(errors);
        }
        Map<String, Object> parameters = parameters(input);
        List<UserError> referenceErrors = this.cypher.write(tx -> {
            List<UserError> problems = referenceErrors(tx, input, parameters);
            if (problems.isEmpty()) {
                write(tx, input, parameters);
            }
            return problems;
        });
        return referenceErrors.isEmpty() ? AppPayload.of(this.apps.findByName(input.name()).orElseThrow())
                : AppPayload.failed(referenceErrors);
    }

    private void write(TransactionContext tx, AppInput input, Map<String, Object> parameters) {
        this.cypher.run(tx, UPSERT, parameters);
        if (input.squad() != null) {
            this.squads.setSquad(tx, input.name(), input.squad());
        }
        if (input.owner() != null) {
            this.owners.setOwner(tx, input.name(), input.owner());
        }
        this.extensions.forEach(extension -> extension.write(tx, input));
    }

    private List<UserError> referenceErrors(TransactionContext tx, AppInput input, Map<String, Object> parameters) {
        Record found = this.cypher.run(tx, CHECK_REFERENCES, parameters).get(0);
        List<UserError> errors = new ArrayList<>();
        if (!found.get("squadExists").asBoolean()) {
            errors.add(UserError.notFound("squad", "No squad is named '%s'".formatted(input.squad())));
        }
        if (input.owner() != null) {
            List<Boolean> owner = found.get("owner").asList(v -> v.asBoolean(true));
            if (owner.isEmpty()) {
                errors.add(UserError.notFound("owner", "No person has the handle '%s'".formatted(input.owner())));
            }
            else if (!owner.get(0)) {
                errors.add(UserError.invalid("owner", "'%s' has left and cannot own apps".formatted(input.owner())));
            }
        }
        this.extensions.forEach(extension -> errors.addAll(extension.referenceErrors(tx, input)));
        return errors;
    }

    private static List<UserError> shapeErrors(AppInput input) {
        List<UserError> errors = new ArrayList<>();
        InputRules.dnsLabel("name", input.name()).ifPresent(errors::add);
        InputRules.maxLength("description", input.description(), 300).ifPresent(errors::add);
        InputRules.httpUrl("runbookUrl", input.runbookUrl()).ifPresent(errors::add);
        if (input.links() != null) {
            for (LinkInput link : input.links()) {
                if (link.label() == null || link.label().isBlank() || link.label().length() > 40) {
                    errors.add(UserError.invalid("links",
                            "a link label must be 1 to 40 characters, was '%s'".formatted(link.label())));
                }
                if (link.url() == null || link.url().isEmpty()) {
                    errors.add(UserError.invalid("links", "link '%s' has no URL".formatted(link.label())));
                }
                else {
                    InputRules.httpUrl("links", link.url()).ifPresent(errors::add);
                }
            }
        }
        return errors;
    }

    private static Map<String, Object> parameters(AppInput input) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("name", input.name());
        parameters.put("description", input.description());
        parameters.put("runbookUrl", input.runbookUrl());
        parameters.put("tier", input.tier() == null ? null : input.tier().name());
        parameters.put("squad", input.squad());
        parameters.put("owner", input.owner());
        parameters.put("links", input.links() == null ? null
                : input.links().stream().map(l -> Map.of("label", l.label().strip(), "url", l.url())).toList());
        return parameters;
    }

}
