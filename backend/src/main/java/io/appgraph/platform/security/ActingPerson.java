package io.appgraph.platform.security;

import java.util.Map;
import java.util.Optional;

import graphql.GraphQLContext;
import io.appgraph.platform.Cypher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The person on whose behalf a change is made (who acknowledged an alert, silenced it, or
 * reassigned an app), decided by who is logged in rather than by what the request claims.
 * <ul>
 * <li>{@code local} mode: the handle the request names.</li>
 * <li>A person logged in through the issuer: the person whose email is the token's. The
 * request may name that same handle or none; naming someone else is refused.</li>
 * <li>A program with a client-credentials token (no email): the handle the request names,
 * since such a token carries no person; it needs the writer role all the same.</li>
 * </ul>
 */
@Component
public final class ActingPerson {

    private static final String BY_EMAIL = "MATCH (p:Person {email: $email}) RETURN p.handle AS handle";

    private final Cypher cypher;

    ActingPerson(Cypher cypher) {
        this.cypher = cypher;
    }

    /**
     * The handle to record as the author of a change.
     * @param context the request's GraphQL context, holding its {@link Caller}
     * @param requested the handle the request names, or null
     * @throws AccessDeniedException when a logged-in person names someone else, or has no
     * person in the directory
     */
    public String handle(GraphQLContext context, String requested) {
        Caller caller = Caller.of(context);
        if (caller == null || caller.email() == null) {
            return requested;
        }
        String email = caller.email().toLowerCase();
        String handle = personOf(caller)
            .orElseThrow(() -> new AccessDeniedException(("You are signed in as %s, and no person in the directory "
                    + "has that email, so appgraph cannot record who made this change. Ask for it to be added to "
                    + "your person (upsertPerson, or your identity provider over SCIM).")
                .formatted(email)));
        if (requested != null && !requested.isBlank() && !requested.trim().equalsIgnoreCase(handle)) {
            throw new AccessDeniedException(
                    "You are signed in as %s (%s); you cannot act as '%s'.".formatted(handle, email, requested.trim()));
        }
        return handle;
    }

    /** The handle of the person whose email the caller's token carries, if any. */
    public Optional<String> personOf(Caller caller) {
        if (caller.email() == null) {
            return Optional.empty();
        }
        return this.cypher.single(BY_EMAIL, Map.of("email", caller.email().toLowerCase()),
                row -> row.get("handle").asString());
    }

}
