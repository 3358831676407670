package io.appgraph.cost;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.appgraph.cost.ClusterUsage.ContainerDay;
import io.appgraph.cost.ClusterUsage.Rollup;
import io.appgraph.cost.ClusterUsage.UnattributedDay;
import io.appgraph.cost.LogVolumes.Volume;
import io.appgraph.dependencies.ImportRefusedException;
import io.appgraph.dependencies.Imports;
import io.appgraph.platform.Cypher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.Neo4jException;
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
 * Usage and log volume pushed by clusters and logging systems appgraph cannot reach:
 * <ul>
 * <li>{@code POST /api/import/usage?environment=E&date=YYYY-MM-DD[&step=5m]}: a JSON
 * object holding, by name, Prometheus' answers to the {@link UsageSeries} queries over
 * that day (range answers on a grid of {@code step}, or instant ones for a day summed up
 * by the sender); {@code cpuUsage}, {@code cpuRequests}, {@code memoryWorkingSet} and
 * {@code memoryRequests} are required, {@code podLabels}, {@code podOwners} and
 * {@code replicaSetOwners} tie pods to apps.</li>
 * <li>{@code POST /api/import/log-volume?environment=E&date=YYYY-MM-DD}: bytes ingested
 * that day per app and level as Prometheus-style vector JSON ({@link LogVolumes}).</li>
 * </ul>
 * Each replaces what was stored for that environment and day, so sending a day again is
 * harmless; a body with anything wrong is refused whole with 400 and writes nothing;
 * {@code dryRun=true} answers what would be stored without storing it.
 */
@RestController
final class CostImportController {

    private static final Log log = LogFactory.getLog(CostImportController.class);

    private static final List<UsageSeries> REQUIRED = List.of(UsageSeries.CPU_USAGE, UsageSeries.CPU_REQUESTS,
            UsageSeries.MEMORY_USAGE, UsageSeries.MEMORY_REQUESTS);

    private final UsageWriter usage;

    private final LogVolumes logVolumes;

    private final KnownApps catalog;

    private final PlatformProperties properties;

    private final Cypher cypher;

    private final JsonMapper json;

    private final CostAlerts alerts;

    CostImportController(UsageWriter usage, LogVolumes logVolumes, KnownApps catalog, PlatformProperties properties,
            Cypher cypher, JsonMapper json, CostAlerts alerts) {
        this.usage = usage;
        this.logVolumes = logVolumes;
        this.catalog = catalog;
        this.properties = properties;
        this.cypher = cypher;
        this.json = json;
        this.alerts = alerts;
    }

    @PostMapping(path = "/api/import/usage", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> usage(@RequestBody(required = false) byte[] body,
            @RequestParam(name = "environment", required = false) String environment,
            @RequestParam(name = "date", required = false) String date,
            @RequestParam(name = "step", required = false) String step,
            @RequestParam(name = "dryRun", required = false) String dryRun) {
        try {
            boolean rehearsal = Imports.dryRun(dryRun);
            List<String> problems = new ArrayList<>();
            String env = environment(environment, problems);
            LocalDate day = date(date, problems);
            Duration grid = step(step, problems);
            JsonNode answers = parse(body, "Invalid usage", "an object of Prometheus answers by name");
            Map<UsageSeries, List<PrometheusSeries>> series = new EnumMap<>(UsageSeries.class);
            if (!answers.isObject()) {
                problems.add("The body must be a JSON object of Prometheus answers by name: "
                        + Arrays.stream(UsageSeries.values()).map(UsageSeries::key).toList());
            }
            else {
                answers.properties()
                    .forEach(entry -> UsageSeries.byKey(entry.getKey())
                        .ifPresentOrElse(
                                kind -> series.put(kind,
                                        PrometheusSeries.read(entry.getKey(), entry.getValue(), problems)),
                                () -> problems.add("'" + entry.getKey() + "' is not a usage series; expected "
                                        + Arrays.stream(UsageSeries.values()).map(UsageSeries::key).toList())));
                for (UsageSeries required : REQUIRED) {
                    if (!series.containsKey(required)) {
                        problems.add("'" + required.key() + "' is missing: the answer to " + required.query());
                    }
                }
                if (!series.containsKey(UsageSeries.POD_LABELS) && !series.containsKey(UsageSeries.POD_OWNERS)) {
                    problems.add("'podLabels' or 'podOwners' is needed to tie pods to apps");
                }
            }
            Imports.refuseIfAny("Invalid usage", problems);
            Rollup rollup = new ClusterUsage(series, this.catalog).day(env, day, grid.toSeconds(),
                    this.properties.prices(env));
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("environment", env);
            report.put("date", day.toString());
            report.put("dryRun", rehearsal);
            report.put("apps", rollup.containers().stream().map(ContainerDay::app).distinct().count());
            report.put("containers", rollup.containers().size());
            report.put("compute", round(rollup.containers().stream().mapToDouble(ContainerDay::compute).sum()));
            Map<String, Object> unattributed = new LinkedHashMap<>();
            for (UnattributedDay other : rollup.unattributed()) {
                unattributed.put(other.reason(), round(other.compute()));
            }
            report.put("unattributed", unattributed);
            store(rehearsal, tx -> this.usage.write(tx, env, day, rollup, true),
                    "usage of " + env + " " + day + ": " + rollup.containers().size() + " containers");
            return ResponseEntity.ok(report);
        }
        catch (ImportRefusedException ex) {
            return Imports.refused(ex);
        }
        catch (Neo4jException ex) {
            return notStored(ex);
        }
    }

    @PostMapping(path = "/api/import/log-volume", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> logVolume(@RequestBody(required = false) byte[] body,
            @RequestParam(name = "environment", required = false) String environment,
            @RequestParam(name = "date", required = false) String date,
            @RequestParam(name = "dryRun", required = false) String dryRun) {
        try {
            boolean rehearsal = Imports.dryRun(dryRun);
            List<String> problems = new ArrayList<>();
            String env = environment(environment, problems);
            LocalDate day = date(date, problems);
            JsonNode answer = parse(body, "Invalid log volume", "Prometheus-style vector JSON");
            Volume volume = this.logVolumes.read(answer, this.catalog, problems);
            Imports.refuseIfAny("Invalid log volume", problems);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("environment", env);
            report.put("date", day.toString());
            report.put("dryRun", rehearsal);
            report.put("series", volume.series());
            report.put("apps", volume.byApp().size());
            report.put("bytes",
                    volume.byApp()
                        .values()
                        .stream()
                        .flatMap(l -> l.values().stream())
                        .mapToDouble(Double::doubleValue)
                        .sum());
            report.put("unattributedBytes", volume.unattributed());
            store(rehearsal, tx -> this.logVolumes.write(tx, env, day, volume),
                    "log volume of " + env + " " + day + ": " + volume.byApp().size() + " apps");
            return ResponseEntity.ok(report);
        }
        catch (ImportRefusedException ex) {
            return Imports.refused(ex);
        }
        catch (Neo4jException ex) {
            return notStored(ex);
        }
    }

    /**
     * Stores a day in one transaction, or rehearses it and rolls it back; a stored day is
     * then swept for cost alerts.
     */
    private void store(boolean rehearsal, Consumer<TransactionContext> work, String what) {
        if (rehearsal) {
            this.cypher.rehearse(this.properties.writeTimeout(), tx -> {
                work.accept(tx);
                return null;
            });
            return;
        }
        this.cypher.write(this.properties.writeTimeout(), tx -> {
            work.accept(tx);
            return null;
        });
        log.info("Imported " + what);
        this.alerts.sweepQuietly();
    }

    // The day is one transaction: when the database refuses it (too slow for
    // appgraph.platform.write-timeout, unavailable), nothing of it is stored, and the
    // sender may send it again.
    private static ResponseEntity<Map<String, Object>> notStored(Neo4jException ex) {
        log.warn("An import was not stored: " + ex.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "The database did not store the day: nothing was imported; send it again later");
        body.put("details", List.of(String.valueOf(ex.getMessage()),
                "a day longer to store than appgraph.platform.write-timeout is refused whole"));
        return ResponseEntity.status(503).body(body);
    }

    private JsonNode parse(byte[] body, String error, String what) {
        try {
            return this.json.readTree(Imports.nonEmpty(body, what));
        }
        catch (JacksonException ex) {
            throw new ImportRefusedException(error, List.of("The body is not JSON: " + ex.getOriginalMessage()));
        }
    }

    private static String environment(String environment, List<String> problems) {
        if (environment == null || !environment.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            problems.add("environment must be a lowercase DNS label such as prod, was "
                    + (environment == null ? "missing" : "'" + environment + "'"));
        }
        return environment;
    }

    private static LocalDate date(String date, List<String> problems) {
        try {
            if (date != null) {
                return LocalDate.parse(date);
            }
        }
        catch (DateTimeParseException ex) {
            // said below
        }
        problems.add("date must be a day as YYYY-MM-DD, was " + (date == null ? "missing" : "'" + date + "'"));
        return LocalDate.EPOCH;
    }

    private Duration step(String step, List<String> problems) {
        if (step == null) {
            return this.properties.rollupStep();
        }
        try {
            Duration grid = org.springframework.boot.convert.DurationStyle.detectAndParse(step);
            if (grid.toSeconds() >= 15 && 86_400 % grid.toSeconds() == 0) {
                return grid;
            }
        }
        catch (IllegalArgumentException ex) {
            // said below
        }
        problems.add("step must divide a day and be at least 15s, such as 5m or 1h, was '" + step + "'");
        return this.properties.rollupStep();
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

}
