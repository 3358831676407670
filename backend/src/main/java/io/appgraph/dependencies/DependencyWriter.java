package io.appgraph.dependencies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.appgraph.catalog.AppInputs.AppInput;
import io.appgraph.catalog.AppUpsertExtension;
import io.appgraph.dependencies.DependencyInputs.DependencyPayload;
import io.appgraph.platform.Cypher;
import io.appgraph.platform.InputRules;
import io.appgraph.platform.UserError;
import io.appgraph.platform.UserErrorCode;
import io.appgraph.platform.Values;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;

/**
 * Declared dependencies. An edge carries every source that reports it (declared, network
 * policies, mesh); declaring adds DECLARED, withdrawing removes only DECLARED, and the
 * edge goes once no source is left. Repeating either does no harm. upsertApp's
 * {@code dependsOn} replaces an app's declared dependencies the same way, inside the
 * app's upsert.
 */
@Service
final class DependencyWriter implements AppUpsertExtension {

    private static final String CHECK = """
            RETURN EXISTS { (:App {name: $from}) } AS fromExists, EXISTS { (:App {name: $to}) } AS toExists
            """;

    private static final String UNKNOWN_APPS = """
            RETURN [name IN $names WHERE NOT EXISTS { (:App {name: name}) }] AS unknownApps
            """;

    private static final String DECLARE = """
            UNWIND $callees AS calleeName
            MATCH (caller:App {name: $from}), (callee:App {name: calleeName})
            MERGE (caller)-[d:DEPENDS_ON]->(callee)
              ON CREATE SET d.firstSeen = datetime(), d.sources = []
            SET d.sources = CASE WHEN 'DECLARED' IN d.sources THEN d.sources ELSE d.sources + 'DECLARED' END,
                d.lastSeen = datetime()
            RETURN callee.name AS to, d.sources AS sources
            """;

    private static final String WITHDRAW = """
            MATCH (:App {name: $from})-[d:DEPENDS_ON]->(callee:App)
            WHERE 'DECLARED' IN d.sources AND ($to IS NULL OR callee.name = $to) AND NOT callee.name IN $keep
            SET d.sources = [s IN d.sources WHERE s <> 'DECLARED']
            WITH callee, d, d.sources AS sources
            CALL (d) {
              WITH d WHERE size(d.sources) = 0
              DELETE d
            }
            RETURN callee.name AS to, sources
            """;

    private final Cypher cypher;

    DependencyWriter(Cypher cypher) {
        this.cypher = cypher;
    }

    @Override
    public List<UserError> shapeErrors(AppInput input) {
        if (input.dependsOn() != null && input.dependsOn().contains(input.name())) {
            return List.of(UserError.invalid("dependsOn", "'%s' cannot depend on itself".formatted(input.name())));
        }
        return List.of();
    }

    @Override
    public List<UserError> referenceErrors(TransactionContext tx, AppInput input) {
        if (input.dependsOn() == null) {
            return List.of();
        }
        Record found = this.cypher.run(tx, UNKNOWN_APPS, Map.of("names", declared(input))).get(0);
        return found.get("unknownApps")
            .asList(name -> UserError.notFound("dependsOn", "No app is named '%s'".formatted(name.asString())));
    }

    /** Makes {@code dependsOn}, when given, the app's declared dependencies. */
    @Override
    public void write(TransactionContext tx, AppInput input) {
        if (input.dependsOn() != null) {
            List<String> callees = declared(input);
            this.cypher.run(tx, WITHDRAW, parameters(input.name(), null, callees));
            this.cypher.run(tx, DECLARE, parameters(input.name(), null, callees));
        }
    }

    DependencyPayload add(String from, String to) {
        return betweenKnownApps(from, to, tx -> {
            Record edge = this.cypher.run(tx, DECLARE, parameters(from, null, List.of(to))).get(0);
            return DependencyPayload
                .of(new Dependency(from, to, Values.enumList(edge.get("sources"), DependencySource.class)));
        });
    }

    DependencyPayload remove(String from, String to) {
        return betweenKnownApps(from, to, tx -> {
            List<Record> withdrawn = this.cypher.run(tx, WITHDRAW, parameters(from, to, List.of()));
            if (withdrawn.isEmpty()) {
                return DependencyPayload.failed(List.of(new UserError(UserErrorCode.NOT_FOUND,
                        "'%s' has no declared dependency on '%s'".formatted(from, to), List.of("input"))));
            }
            List<DependencySource> remaining = Values.enumList(withdrawn.get(0).get("sources"), DependencySource.class);
            return DependencyPayload.of(remaining.isEmpty() ? null : new Dependency(from, to, remaining));
        });
    }

    /**
     * Runs {@code work} in a write transaction once both names are valid and both apps
     * exist.
     */
    private DependencyPayload betweenKnownApps(String from, String to, TransactionCallback<DependencyPayload> work) {
        List<UserError> errors = shapeErrors(from, to);
        if (!errors.isEmpty()) {
            return DependencyPayload.failed(errors);
        }
        return this.cypher.write(tx -> {
            Optional<DependencyPayload> unknown = unknownApps(tx, from, to);
            return unknown.isPresent() ? unknown.get() : work.execute(tx);
        });
    }

    private Optional<DependencyPayload> unknownApps(TransactionContext tx, String from, String to) {
        Record found = this.cypher.run(tx, CHECK, parameters(from, to, List.of())).get(0);
        List<UserError> errors = new ArrayList<>();
        if (!found.get("fromExists").asBoolean()) {
            errors.add(UserError.notFound("from", "No app is named '%s'".formatted(from)));
        }
        if (!found.get("toExists").asBoolean()) {
            errors.add(UserError.notFound("to", "No app is named '%s'".formatted(to)));
        }
        return errors.isEmpty() ? Optional.empty() : Optional.of(DependencyPayload.failed(errors));
    }

    private static List<UserError> shapeErrors(String from, String to) {
        List<UserError> errors = new ArrayList<>();
        InputRules.dnsLabel("from", from).ifPresent(errors::add);
        InputRules.dnsLabel("to", to).ifPresent(errors::add);
        if (errors.isEmpty() && from.equals(to)) {
            errors.add(UserError.invalid("to", "'%s' cannot depend on itself".formatted(from)));
        }
        return errors;
    }

    private static List<String> declared(AppInput input) {
        return List.copyOf(new LinkedHashSet<>(input.dependsOn()));
    }

    private static Map<String, Object> parameters(String from, String to, List<String> callees) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("callees", callees);
        parameters.put("keep", callees);
        return parameters;
    }

}
