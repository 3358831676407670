package io.appgraph.neo4j;

import java.lang.reflect.Array;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;
import org.neo4j.driver.internal.InternalNode;
import org.neo4j.driver.internal.InternalRecord;
import org.neo4j.driver.internal.InternalRelationship;
import org.neo4j.driver.internal.value.ListValue;
import org.neo4j.driver.internal.value.MapValue;
import org.neo4j.driver.internal.value.StringValue;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.values.storable.DurationValue;

/**
 * Read statements run on the embedded database inside this JVM instead of through Bolt on
 * 127.0.0.1. The statement, its plan and its answer are the same; what it saves is the
 * part that is pure transport: encoding each record to PackStream, a loopback socket both
 * ways, a hand-off between the Bolt server's threads, and decoding it all again. On a
 * small read that transport was most of the time, and on a 10,000-row answer it was tens
 * of milliseconds.
 * <p>
 * Records come back as the driver's {@link Record}s, so callers read them exactly as they
 * read an external server's. A read never commits: its transaction is closed, so anything
 * a statement wrote is undone, and a statement that tried is refused as the server
 * refuses a write in a read transaction. Failures come back as the driver's exceptions
 * with Neo4j's status codes, so a timeout reads as a timeout either way.
 */
public final class InProcessReads {

    private static final String ACCESS_MODE = "Neo.ClientError.Statement.AccessMode";

    private final GraphDatabaseService database;

    InProcessReads(GraphDatabaseService database) {
        this.database = database;
    }

    /**
     * Runs {@code query} in a read transaction limited to {@code timeout} and lets
     * {@code reader} consume its records as the database produces them.
     */
    public <T> T stream(String query, Map<String, Object> parameters, Duration timeout,
            Function<Stream<Record>, T> reader) {
        try (Transaction tx = this.database.beginTx(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Result result = tx.execute(query, embedded(parameters))) {
            List<String> keys = List.copyOf(result.columns());
            T answer = reader.apply(result.stream().map(row -> record(keys, row)));
            if (result.getQueryStatistics().containsUpdates()) {
                throw new ClientException(ACCESS_MODE, "Writing in read access mode not allowed");
            }
            return answer;
        }
        catch (RuntimeException ex) {
            throw driverException(ex);
        }
    }

    private static Record record(List<String> keys, Map<String, Object> row) {
        List<Value> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(value(row.get(key)));
        }
        return new InternalRecord(keys, values);
    }

    /** The driver's value for what the embedded database returned. */
    static Value value(Object object) {
        if (object instanceof String string) {
            return new StringValue(string);
        }
        // The driver's own value classes, built directly: Values.value would copy each
        // map once more.
        if (object instanceof Map<?, ?> map) {
            Map<String, Value> values = new LinkedHashMap<>((int) (map.size() / 0.75f) + 1);
            map.forEach((key, item) -> values.put((String) key, value(item)));
            return new MapValue(values);
        }
        if (object instanceof List<?> list) {
            List<Value> values = new ArrayList<>(list.size());
            for (Object item : list) {
                values.add(value(item));
            }
            return new ListValue(values);
        }
        if (object instanceof DurationValue duration) {
            return Values.isoDuration(duration.get(ChronoUnit.MONTHS), duration.get(ChronoUnit.DAYS),
                    duration.get(ChronoUnit.SECONDS), (int) duration.get(ChronoUnit.NANOS));
        }
        if (object instanceof Node node) {
            return new InternalNode(node.getId(), node.getElementId(), labels(node), properties(node)).asValue();
        }
        if (object instanceof Relationship relationship) {
            return new InternalRelationship(relationship.getId(), relationship.getElementId(),
                    relationship.getStartNode().getId(), relationship.getStartNode().getElementId(),
                    relationship.getEndNode().getId(), relationship.getEndNode().getElementId(),
                    relationship.getType().name(), properties(relationship))
                .asValue();
        }
        if (object instanceof Entity) {
            throw new IllegalArgumentException("A read in process cannot return " + object.getClass().getSimpleName()
                    + "; return its properties instead");
        }
        if (object != null && object.getClass().isArray() && !(object instanceof byte[])) {
            List<Object> items = new ArrayList<>(Array.getLength(object));
            for (int i = 0; i < Array.getLength(object); i++) {
                items.add(Array.get(object, i));
            }
            return value(items);
        }
        return Values.value(object);
    }

    private static List<String> labels(Node node) {
        List<String> labels = new ArrayList<>();
        for (Label label : node.getLabels()) {
            labels.add(label.name());
        }
        return labels;
    }

    private static Map<String, Value> properties(Entity entity) {
        Map<String, Value> properties = new LinkedHashMap<>();
        entity.getAllProperties().forEach((key, item) -> properties.put(key, value(item)));
        return properties;
    }

    /**
     * The embedded database's parameter values for the driver-style ones callers pass.
     */
    private static Map<String, Object> embedded(Map<String, Object> parameters) {
        Map<String, Object> converted = new LinkedHashMap<>((int) (parameters.size() / 0.75f) + 1);
        parameters.forEach((key, item) -> converted.put(key, embedded(item)));
        return converted;
    }

    private static Object embedded(Object item) {
        if (item instanceof Value value) {
            return embedded(value.asObject());
        }
        if (item instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((key, inner) -> converted.put(String.valueOf(key), embedded(inner)));
            return converted;
        }
        if (item instanceof Collection<?> collection) {
            List<Object> converted = new ArrayList<>(collection.size());
            collection.forEach(inner -> converted.add(embedded(inner)));
            return converted;
        }
        return item;
    }

    /**
     * The driver's exception for a failure of the embedded database, classified by its
     * status code as a server's would be.
     */
    private static RuntimeException driverException(RuntimeException ex) {
        if (ex instanceof Neo4jException) {
            return ex;
        }
        String code = statusCode(ex);
        if (code == null) {
            return ex;
        }
        Neo4jException translated;
        if (code.endsWith(".DatabaseUnavailable")) {
            // As the driver reports a server it cannot reach: callers answer 503, retry
            // later.
            translated = new ServiceUnavailableException(ex.getMessage());
        }
        else if (code.startsWith("Neo.ClientError.")) {
            translated = new ClientException(code, ex.getMessage());
        }
        else if (code.startsWith("Neo.TransientError.")) {
            translated = new TransientException(code, ex.getMessage());
        }
        else {
            translated = new DatabaseException(code, ex.getMessage());
        }
        translated.addSuppressed(ex);
        return translated;
    }

    private static String statusCode(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof QueryExecutionException query && query.getStatusCode() != null) {
                return query.getStatusCode();
            }
            if (cause instanceof Status.HasStatus status) {
                return status.status().code().serialize();
            }
        }
        return null;
    }

}
