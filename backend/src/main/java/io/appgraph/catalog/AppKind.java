package io.appgraph.catalog;

/**
 * What an app is, in Backstage's words: a component (a service, website or library that a
 * squad builds and runs) or a resource (infrastructure it needs, such as a database or a
 * bucket).
 */
public enum AppKind {

    COMPONENT, RESOURCE;

    /** The kind stored on an app node; apps stored without one are components. */
    public static AppKind of(String stored) {
        return (stored == null) ? COMPONENT : valueOf(stored);
    }

}
