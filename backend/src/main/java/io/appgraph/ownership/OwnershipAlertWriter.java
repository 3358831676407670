package io.appgraph.ownership;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.appgraph.catalog.AppOwners;
import io.appgraph.catalog.AppQueries;
import io.appgraph.org.OrgQueries;
import io.appgraph.ownership.LeaverWriter.Leaver;
import io.appgraph.ownership.LeaverWriter.LeaverOutcome;
import io.appgraph.ownership.OwnershipInputs.LeaverInput;
import io.appgraph.ownership.OwnershipInputs.ReassignOwnerInput;
import io.appgraph.ownership.OwnershipInputs.ReassignOwnerPayload;
import io.appgraph.ownership.OwnershipInputs.RecordLeaverPayload;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;

/**
 * The ownership mutations: {@code recordLeaver} through the {@link LeaverWriter} every
 * leaver source shares, and {@code reassignOwner}, which changes the owner the way the
 * catalog does ({@link AppOwners}) and resolves the app's open alerts in the same
 * transaction.
 */
@Service
final class OwnershipAlertWriter {

    private static final String OPEN_ALERTS = """
            MATCH (alert:OwnershipAlert {status: 'OPEN', reason: $reason})-[:FOR]->(app:App)
            WHERE app.name IN $apps
            RETURN alert.id AS id
            """;

    private static final String CHECK_REASSIGN = """
            RETURN
              EXISTS { (:App {name: $app}) } AS appExists,
              COLLECT { MATCH (p:Person {handle: $owner}) RETURN coalesce(p.active, true) } AS owner,
              $by IS NULL OR EXISTS { (:Person {handle: $by}) } AS byExists
            """;

    private static final String RESOLVE = """
            MATCH (alert:OwnershipAlert {status: 'OPEN'})-[:FOR]->(:App {name: $app})
            SET alert.status = 'RESOLVED', alert.resolvedAt = $now, alert.resolvedBy = $by
            REMOVE alert.openKey
            RETURN alert.id AS id
            """;

    private final Cypher cypher;

    private final LeaverWriter leavers;

    private final AppOwners owners;

    private final AppQueries apps;

    private final OrgQueries org;

    private final OwnershipAlertQueries alerts;

    OwnershipAlertWriter(Cypher cypher, LeaverWriter leavers, AppOwners owners, AppQueries apps, OrgQueries org,
            OwnershipAlertQueries alerts) {
        this.cypher = cypher;
        this.leavers = leavers;
        this.owners = owners;
        this.apps = apps;
        this.org = org;
        this.alerts = alerts;
    }

    RecordLeaverPayload recordLeaver(LeaverInput input) {
        List<UserError> errors = new ArrayList<>();
        boolean hasHandle = input.handle() != null && !input.handle().isBlank();
        boolean hasEmail = input.email() != null && !input.email().isBlank();
        if (!hasHandle && !hasEmail) {
            errors.add(UserError.invalid("handle", "give the leaver's handle or email"));
        }
        if (hasHandle) {
            InputRules.handle("handle", input.handle()).ifPresent(errors::add);
        }
        if (hasEmail) {
            InputRules.email("email", input.email()).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            return RecordLeaverPayload.failed(errors);
        }
        Leaver leaver = new Leaver(hasHandle ? input.handle() : null, hasEmail ? input.email() : null, input.leftAt());
        record Written(LeaverOutcome outcome, List<String> alertIds) {
        }
        Written written = this.cypher.write(tx -> {
            LeaverOutcome outcome = this.leavers.record(tx, leaver);
            return new Written(outcome, alertIds(tx, outcome.alertedApps()));
        });
        LeaverOutcome outcome = written.outcome();
        if (!outcome.known()) {
            return RecordLeaverPayload.failed(List
                .of(hasHandle ? UserError.notFound("handle", "No person has the handle '%s'".formatted(input.handle()))
                        : UserError.notFound("email", "No person has the email '%s'".formatted(input.email()))));
        }
        return new RecordLeaverPayload(this.org.people(List.of(outcome.handle())).get(outcome.handle()),
                this.alerts.byIds(written.alertIds()), outcome.scheduled(), List.of());
    }

    ReassignOwnerPayload reassignOwner(ReassignOwnerInput input) {
        List<UserError> errors = new ArrayList<>();
        InputRules.dnsLabel("app", input.app()).ifPresent(errors::add);
        InputRules.handle("owner", input.owner()).ifPresent(errors::add);
        if (input.by() != null) {
            InputRules.handle("by", input.by()).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            return ReassignOwnerPayload.failed(errors);
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("app", input.app());
        parameters.put("owner", input.owner());
        parameters.put("by", input.by());
        parameters.put("now", OffsetDateTime.now(ZoneOffset.UTC));
        record Outcome(List<UserError> errors, List<String> resolved) {
        }
        Outcome outcome = this.cypher.write(tx -> {
            List<UserError> problems = referenceErrors(this.cypher.run(tx, CHECK_REASSIGN, parameters).get(0), input);
            if (!problems.isEmpty()) {
                return new Outcome(problems, List.of());
            }
            this.owners.setOwner(tx, input.app(), input.owner());
            List<String> resolved = this.cypher.run(tx, RESOLVE, parameters)
                .stream()
                .map(r -> r.get("id").asString())
                .toList();
            return new Outcome(List.of(), resolved);
        });
        if (!outcome.errors().isEmpty()) {
            return ReassignOwnerPayload.failed(outcome.errors());
        }
        return new ReassignOwnerPayload(this.apps.findByName(input.app()).orElseThrow(),
                this.alerts.byIds(outcome.resolved()), List.of());
    }

    private List<String> alertIds(TransactionContext tx, List<String> apps) {
        if (apps.isEmpty()) {
            return List.of();
        }
        return this.cypher.run(tx, OPEN_ALERTS, Map.of("apps", apps, "reason", LeaverWriter.OWNER_LEFT))
            .stream()
            .map(r -> r.get("id").asString())
            .toList();
    }

    private static List<UserError> referenceErrors(Record found, ReassignOwnerInput input) {
        List<UserError> errors = new ArrayList<>();
        if (!found.get("appExists").asBoolean()) {
            errors.add(UserError.notFound("app", "No app is named '%s'".formatted(input.app())));
        }
        List<Boolean> owner = found.get("owner").asList(v -> v.asBoolean(true));
        if (owner.isEmpty()) {
            errors.add(UserError.notFound("owner", "No person has the handle '%s'".formatted(input.owner())));
        }
        else if (!owner.get(0)) {
            errors.add(UserError.invalid("owner", "'%s' has left and cannot own apps".formatted(input.owner())));
        }
        if (!found.get("byExists").asBoolean()) {
            errors.add(UserError.notFound("by", "No person has the handle '%s'".formatted(input.by())));
        }
        return errors;
    }

}
