package io.appgraph.ownership;

/**
 * One level of an app's ownership chain.
 *
 * @param name a person's handle, or a squad's or group's name
 * @param title a person's full name, or a group's type
 * @param contact a person's email, or a squad's Slack channel
 * @param active for people, false once they left; null for squads and groups
 */
record OwnershipLink(OwnershipRole role, String name, String title, String contact, Boolean active) {
}
