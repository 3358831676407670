package io.appgraph.dependencies;

import java.util.List;

/** A call from one app to another, by name; the apps themselves load in batches. */
record Dependency(String fromName, String toName, List<DependencySource> sources) {
}
