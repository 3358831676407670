package io.appgraph.platform;

/**
 * What kind of expected failure stopped a mutation; clients branch on it, people read the
 * message.
 */
public enum UserErrorCode {

    /** The input names something that does not exist, such as an unknown squad. */
    NOT_FOUND,

    /** The input is malformed or not allowed, such as a name that is not a DNS label. */
    INVALID,

    /**
     * The input clashes with what is stored, such as an email another person already has.
     */
    CONFLICT,

    /**
     * A system the change relies on (such as Alertmanager) could not be reached or
     * failed; trying again later may work.
     */
    UNAVAILABLE

}
