package io.appgraph.ownership;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.appgraph.ownership.LeaverWriter.Leaver;
import io.appgraph.platform.Cypher;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ClientException;
import org.springframework.stereotype.Service;

/**
 * People as the identity provider provisions them over SCIM. Every change runs in one
 * write transaction with what it causes: a deactivation (PATCH, PUT or DELETE) records
 * the person as a leaver through {@link LeaverWriter} in that same transaction, so their
 * apps get OWNER_LEFT alerts or nothing is written at all; a reactivation makes them
 * active again and gives nothing back.
 *
 * <p>
 * People appgraph knew before SCIM (the GraphQL API, the demo, the HR feed) are found by
 * the identity provider's lookup and get their SCIM id then: that lookup is how Okta and
 * Entra ID link an existing account instead of creating a second one, so listing is a
 * write. A deleted person stays in the graph, inactive, for their apps' history and
 * alerts, but SCIM no longer finds them; provisioning the same {@code userName} again
 * brings them back under a new id.
 */
@Service
final class ScimUserWriter {

    private static final String CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed";

    // The ids are given under the person's write lock, so two lookups at once agree.
    private static final String PAGE = """
            MATCH (p:Person)
            WHERE p.scimDeletedAt IS NULL
              AND ($handle IS NULL OR p.handle = $handle)
              AND ($email IS NULL OR p.email = $email)
              AND ($externalId IS NULL OR p.scimExternalId = $externalId)
              AND ($id IS NULL OR p.scimId = $id)
            WITH p ORDER BY p.handle
            WITH collect(p) AS matched
            WITH size(matched) AS total, matched[$skip..($skip + $limit)] AS page
            CALL (page) {
              UNWIND page AS p
              CALL (p) {
                WITH p WHERE p.scimId IS NULL
                SET p.__lock = true REMOVE p.__lock
                SET p.scimId = coalesce(p.scimId, randomUUID())
              }
              RETURN collect(%s) AS people
            }
            RETURN total, people
            """.formatted(ScimUser.projection("p"));

    private static final String LOCK = """
            MATCH (p:Person {scimId: $id})
            SET p.__lock = true REMOVE p.__lock
            RETURN %s AS person
            """.formatted(ScimUser.projection("p"));

    private static final String READ = """
            MATCH (p:Person {scimId: $id})
            RETURN %s AS person
            """.formatted(ScimUser.projection("p"));

    // Another person with the handle asked for (a deleted one may come back on POST), and
    // anyone else with the email.
    private static final String CHECK = """
            RETURN
              COLLECT { MATCH (p:Person {handle: $handle}) WHERE $id IS NULL OR p.scimId IS NULL OR p.scimId <> $id
                        RETURN p { .scimId, deleted: p.scimDeletedAt IS NOT NULL, .active } } AS sameHandle,
              COLLECT { MATCH (p:Person {email: $email}) WHERE p.handle <> $handle AND p.handle <> coalesce($currentHandle, $handle)
                        RETURN p.handle } AS emailTakenBy
            """;

    private static final String CREATE = """
            CREATE (:Person {handle: $handle, active: true, createdAt: $now, scimId: $id})
            """;

    private static final String REVIVE = """
            MATCH (p:Person {handle: $handle})
            SET p.scimId = $id
            REMOVE p.scimDeletedAt
            """;

    // Name and email are the person's own, which other sources write too: SCIM sets them
    // when it sends them and never clears them.
    private static final String UPDATE = """
            MATCH (p:Person {scimId: $id})
            SET p.handle = $handle,
                p.name = coalesce($name, p.name),
                p.email = coalesce($email, p.email),
                p.scimExternalId = $externalId,
                p.scimGivenName = $givenName,
                p.scimFamilyName = $familyName,
                p.scimModifiedAt = $now
            """;

    private static final String DELETE = """
            MATCH (p:Person {scimId: $id})
            SET p.scimDeletedAt = $now
            REMOVE p.scimId, p.scimExternalId
            """;

    private final Cypher cypher;

    private final LeaverWriter leavers;

    ScimUserWriter(Cypher cypher, LeaverWriter leavers) {
        this.cypher = cypher;
        this.leavers = leavers;
    }

    /** One page of the people {@code filter} matches, in handle order. */
    Page list(ScimUserFilter filter, int skip, int limit) {
        Map<String, Object> parameters = filter.parameters();
        parameters.put("skip", skip);
        parameters.put("limit", limit);
        return this.cypher.write((TransactionContext tx) -> {
            Record row = this.cypher.run(tx, PAGE, parameters).get(0);
            return new Page(row.get("total").asInt(), row.get("people").asList(ScimUser::from));
        });
    }

    ScimUser get(String id) throws ScimException {
        List<ScimUser> found = this.cypher.read(tx -> this.cypher.run(tx, READ, Map.of("id", id))
            .stream()
            .map(r -> ScimUser.from(r.get("person")))
            .toList());
        if (found.isEmpty()) {
            throw notFound(id);
        }
        return found.get(0);
    }

    ScimUser create(ScimUserInput input) throws ScimException {
        String id = UUID.randomUUID().toString();
        return write(tx -> {
            Map<String, Object> parameters = parameters(input, id, null);
            Record check = this.cypher.run(tx, CHECK, parameters).get(0);
            List<Map<String, Object>> sameHandle = check.get("sameHandle").asList(v -> v.asMap());
            boolean wasActive = true;
            if (!sameHandle.isEmpty()) {
                Map<String, Object> existing = sameHandle.get(0);
                if (!Boolean.TRUE.equals(existing.get("deleted"))) {
                    throw ResourceConflictException
                        .uniqueness("userName '%s' is taken: look the person up with filter=userName eq \"%s\""
                            .formatted(input.handle(), input.handle()));
                }
                wasActive = !Boolean.FALSE.equals(existing.get("active"));
            }
            emailFree(check, input);
            this.cypher.run(tx, sameHandle.isEmpty() ? CREATE : REVIVE, parameters);
            this.cypher.run(tx, UPDATE, parameters);
            activate(tx, input.handle(), wasActive, (input.active() != null) ? input.active() : true);
            return read(tx, id);
        });
    }

    /** {@code PUT}: the resource as sent; an absent {@code active} stays as it was. */
    ScimUser replace(String id, ScimUserInput input) throws ScimException {
        return write(tx -> update(tx, lock(tx, id), input));
    }

    /**
     * {@code PATCH}: the operations applied to the stored resource, then stored alike.
     */
    ScimUser patch(String id, PatchRequest patch) throws ScimException {
        return write(tx -> {
            ScimUser current = lock(tx, id);
            GenericScimResource resource = current.toResource(null).asGenericScimResource();
            ScimPatches.plain(patch).apply(resource);
            UserResource patched;
            try {
                patched = JsonUtils.nodeToValue(resource.getObjectNode(), UserResource.class);
            }
            catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                if (ex.getCause() instanceof ScimException scim) {
                    throw scim;
                }
                throw BadRequestException.invalidValue("The patched user is not valid: " + ex.getOriginalMessage());
            }
            return update(tx, current, ScimUserInput.of(patched));
        });
    }

    /**
     * {@code DELETE}: the person leaves (if still active) and SCIM forgets them; the
     * graph keeps them.
     */
    void delete(String id) throws ScimException {
        write(tx -> {
            ScimUser current = lock(tx, id);
            activate(tx, current.handle(), current.active(), false);
            this.cypher.run(tx, DELETE, Map.of("id", id, "now", now()));
            return null;
        });
    }

    private ScimUser update(TransactionContext tx, ScimUser current, ScimUserInput input) throws ScimException {
        Map<String, Object> parameters = parameters(input, current.id(), current.handle());
        Record check = this.cypher.run(tx, CHECK, parameters).get(0);
        if (!check.get("sameHandle").asList().isEmpty()) {
            throw ResourceConflictException
                .uniqueness("userName '%s' is another person's handle".formatted(input.handle()));
        }
        emailFree(check, input);
        this.cypher.run(tx, UPDATE, parameters);
        activate(tx, input.handle(), current.active(), (input.active() != null) ? input.active() : current.active());
        return read(tx, current.id());
    }

    // Only a change of state goes to the leaver core: a replayed deactivation raises
    // nothing again.
    private void activate(TransactionContext tx, String handle, boolean wasActive, boolean active) {
        if (wasActive && !active) {
            this.leavers.record(tx, new Leaver(handle, null, null));
        }
        else if (!wasActive && active) {
            this.leavers.reactivate(tx, handle);
        }
    }

    private static void emailFree(Record check, ScimUserInput input) throws ScimException {
        List<String> others = check.get("emailTakenBy").asList(v -> v.asString());
        if (!others.isEmpty()) {
            throw ResourceConflictException
                .uniqueness("email '%s' is already the email of '%s'".formatted(input.email(), others.get(0)));
        }
    }

    private ScimUser lock(TransactionContext tx, String id) throws ScimException {
        List<Record> rows = this.cypher.run(tx, LOCK, Map.of("id", id));
        if (rows.isEmpty()) {
            throw notFound(id);
        }
        return ScimUser.from(rows.get(0).get("person"));
    }

    private ScimUser read(TransactionContext tx, String id) {
        return ScimUser.from(this.cypher.run(tx, READ, Map.of("id", id)).get(0).get("person"));
    }

    private static Map<String, Object> parameters(ScimUserInput input, String id, String currentHandle) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("currentHandle", currentHandle);
        parameters.put("handle", input.handle());
        parameters.put("name", input.name());
        parameters.put("email", input.email());
        parameters.put("externalId", input.externalId());
        parameters.put("givenName", input.givenName());
        parameters.put("familyName", input.familyName());
        parameters.put("now", now());
        return parameters;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("No user has the id '%s'".formatted(id));
    }

    /**
     * Runs a unit of work that may refuse with a SCIM error: the transaction rolls back
     * and the error reaches the client. A uniqueness constraint that another writer won
     * in the meantime is a conflict too.
     */
    private <T> T write(ScimWork<T> work) throws ScimException {
        try {
            return this.cypher.write(tx -> {
                try {
                    return work.run(tx);
                }
                catch (ScimException ex) {
                    throw new Refused(ex);
                }
            });
        }
        catch (Refused refused) {
            throw refused.scim;
        }
        catch (ClientException ex) {
            if (CONSTRAINT_FAILED.equals(ex.code())) {
                throw ResourceConflictException.uniqueness("Another request took this userName or email first");
            }
            throw ex;
        }
    }

    @FunctionalInterface
    private interface ScimWork<T> {

        T run(TransactionContext tx) throws ScimException;

    }

    private static final class Refused extends RuntimeException {

        private final ScimException scim;

        Refused(ScimException scim) {
            super(scim.getMessage(), null, false, false);
            this.scim = scim;
        }

    }

    /** A page of users and how many the filter matched in all. */
    record Page(int total, List<ScimUser> users) {
    }

}
