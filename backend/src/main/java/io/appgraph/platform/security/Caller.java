package io.appgraph.platform.security;

import graphql.GraphQLContext;

/**
 * Who sent a GraphQL request, as the security mode established it. In {@code local} mode
 * nobody logs in, so the caller is {@link #LOCAL} and may change anything.
 *
 * @param subject the token's subject; null in {@code local} mode
 * @param email the email the issuer vouches for; null for a program (client credentials)
 * and in {@code local} mode
 * @param name how the issuer names the caller, for messages
 * @param writer whether the caller may change the estate
 */
public record Caller(String subject, String email, String name, boolean writer) {

    /** Anyone on the loopback interface, in {@code local} mode. */
    public static final Caller LOCAL = new Caller(null, null, "local user", true);

    static final String CONTEXT_KEY = Caller.class.getName();

    /**
     * The caller of the request whose GraphQL context this is; null when nobody recorded
     * one (a request that bypassed the web layer).
     */
    public static Caller of(GraphQLContext context) {
        return context.get(CONTEXT_KEY);
    }

}
