package io.appgraph.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.appgraph.neo4j.InProcessReads;
import io.micrometer.core.instrument.Counter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.neo4j.driver.Driver;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.RoutingControl;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one way features talk to Neo4j: read and write units of work through the driver's
 * managed transactions (retried on transient failures, routed to readers or the leader in
 * a cluster), with causal consistency across requests and a time limit on every
 * transaction. When Neo4j runs in this JVM, single-statement reads ({@link #list},
 * {@link #single}, {@link #stream}) skip the driver and Bolt and run on the database
 * directly ({@link InProcessReads}), answering the same records. It counts the statements
 * it runs, so tests can prove that nested GraphQL fields are batched.
 */
@Component
public final class Cypher {

    /**
     * Prefix for hot write statements whose plan cannot depend on the data: seeks on
     * unique keys, whatever the counts. Neo4j plans a statement again when the counts it
     * was planned with have drifted, which a stream of writes does every few seconds;
     * each time costs up to some hundreds of milliseconds for a statement of a few
     * subqueries, plus compiling its expressions afresh, for the very same plan. The
     * prefix keeps the cached plan instead.
     */
    public static final String KEEP_PLAN = "CYPHER replan=skip ";

    private static final Log log = LogFactory.getLog(Cypher.class);

    private final Driver driver;

    private final TransactionConfig transactionConfig;

    private final QueryConfig readQueries;

    private final Counter statements;

    // Set when Neo4j runs in this JVM: reads then skip Bolt (see InProcessReads).
    private final InProcessReads inProcess;

    private final Duration readTimeout;

    Cypher(Driver driver, ObjectProvider<InProcessReads> inProcess, GraphQlLimitsProperties limits,
            MeterRegistry meters) {
        this.driver = driver;
        this.inProcess = inProcess.getIfAvailable();
        this.readTimeout = limits.timeout();
        this.transactionConfig = TransactionConfig.builder().withTimeout(limits.timeout()).build();
        // The same bookmark manager as the sessions below: a read sees the writes before
        // it.
        this.readQueries = QueryConfig.builder()
            .withRouting(RoutingControl.READ)
            .withTimeout(limits.timeout())
            .withBookmarkManager(driver.executableQueryBookmarkManager())
            .build();
        this.statements = Counter.builder("appgraph.cypher.statements")
            .description("Cypher statements sent to Neo4j")
            .register(meters);
    }

    /**
     * Runs one read query and maps each record. It goes through the driver's executable
     * query: a managed read transaction like {@link #read}, but with BEGIN, RUN and PULL
     * sent together, so it costs two round trips to the database instead of four (BEGIN,
     * RUN, PULL and COMMIT one after the other), which was most of a small read's time.
     */
    public <T> List<T> list(String query, Map<String, Object> parameters, Function<Record, T> mapper) {
        count(query);
        if (this.inProcess != null) {
            return this.inProcess.stream(query, parameters, this.readTimeout,
                    records -> records.map(mapper).collect(Collectors.toList()));
        }
        return this.driver.executableQuery(query)
            .withParameters(parameters)
            .withConfig(this.readQueries)
            .execute(Collectors.mapping(mapper, Collectors.toList()));
    }

    /**
     * Runs one read query and lets {@code reader} consume its records as they stream in,
     * for answers too large to hold twice. The driver may run the reader again after a
     * transient failure, so it must build its answer afresh each time it is called.
     */
    public <T> T stream(String query, Map<String, Object> parameters, Function<Stream<Record>, T> reader) {
        if (this.inProcess != null) {
            count(query);
            return this.inProcess.stream(query, parameters, this.readTimeout, reader);
        }
        return read(tx -> {
            count(query);
            try (Stream<Record> records = tx.run(query, parameters).stream()) {
                return reader.apply(records);
            }
        });
    }

    /** Runs one read query expected to return at most one record. */
    public <T> Optional<T> single(String query, Map<String, Object> parameters, Function<Record, T> mapper) {
        List<T> rows = list(query, parameters, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * For batch loaders: runs a read query that returns one row per key, {@code key} and
     * the list {@code rows}, and maps each list's items. Keys without a row are absent
     * from the map.
     */
    public <T> Map<String, List<T>> listsByKey(String query, String parameter, Collection<String> keys,
            Function<Value, T> mapper) {
        Map<String, List<T>> result = new HashMap<>();
        list(query, Map.of(parameter, List.copyOf(keys)), r -> r)
            .forEach(r -> result.put(r.get("key").asString(), r.get("rows").asList(mapper::apply)));
        return result;
    }

    /** A read unit of work of several statements, each counted through {@link #run}. */
    public <T> T read(TransactionCallback<T> work) {
        try (Session session = session()) {
            return session.executeRead(work, this.transactionConfig);
        }
    }

    /**
     * A write unit of work: everything inside commits together or not at all. The driver
     * may run it again after a transient failure, so it must be idempotent.
     */
    public <T> T write(TransactionCallback<T> work) {
        try (Session session = session()) {
            return session.executeWrite(work, this.transactionConfig);
        }
    }

    /**
     * A write unit of work with a time limit of its own, for bulk writes (a day of usage
     * for a whole estate) that may take longer than a request's.
     */
    public <T> T write(Duration timeout, TransactionCallback<T> work) {
        try (Session session = session()) {
            return session.executeWrite(work, TransactionConfig.builder().withTimeout(timeout).build());
        }
    }

    /**
     * Runs a write unit of work and rolls it back: for dry runs, which report exactly
     * what the same work would change because it is the same work, seen by the same
     * constraints and the same data, and then undone.
     */
    public <T> T rehearse(TransactionCallback<T> work) {
        return rehearse(this.transactionConfig, work);
    }

    /** {@link #rehearse(TransactionCallback)} with a time limit of its own. */
    public <T> T rehearse(Duration timeout, TransactionCallback<T> work) {
        return rehearse(TransactionConfig.builder().withTimeout(timeout).build(), work);
    }

    private <T> T rehearse(TransactionConfig config, TransactionCallback<T> work) {
        try (Session session = session()) {
            session.executeWrite(tx -> {
                throw new Rehearsed(work.execute(tx));
            }, config);
            throw new IllegalStateException("A rehearsal cannot commit");
        }
        catch (Rehearsed rehearsed) {
            @SuppressWarnings("unchecked")
            T result = (T) rehearsed.result;
            return result;
        }
    }

    /** Runs a statement inside a unit of work and returns its records. */
    public List<Record> run(TransactionContext tx, String query, Map<String, Object> parameters) {
        count(query);
        return tx.run(query, parameters).list();
    }

    // Statement texts, never parameters, at TRACE: the planned Cypher of a request can be
    // read with
    // logging.level.io.appgraph.platform.Cypher=TRACE.
    private void count(String query) {
        this.statements.increment();
        if (log.isTraceEnabled()) {
            log.trace(query);
        }
    }

    /** How many statements have been sent since start-up. */
    public long statementCount() {
        return (long) this.statements.count();
    }

    private Session session() {
        return this.driver
            .session(SessionConfig.builder().withBookmarkManager(this.driver.executableQueryBookmarkManager()).build());
    }

    /** Carries a rehearsal's result out of its transaction, which rolls it back. */
    private static final class Rehearsed extends RuntimeException {

        private final transient Object result;

        Rehearsed(Object result) {
            super(null, null, false, false);
            this.result = result;
        }

    }

}
