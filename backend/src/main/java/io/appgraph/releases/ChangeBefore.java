package io.appgraph.releases;

/**
 * A release that started shortly before an incident, on the app or on one it depends on.
 *
 * @param distance hops from the app along DEPENDS_ON (caller to callee), shortest path; 0
 * for the app itself
 * @param release the release, as a record or a planned row
 */
public record ChangeBefore<T>(int distance, T release) {
}
