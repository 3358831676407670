package io.appgraph.dependencies;

import java.time.OffsetDateTime;
import java.util.List;

/** Where declared, allowed and observed dependencies disagree. */
record DependencyDrift(int staleDays, OffsetDateTime lastObserved, DriftedDependencies declaredNotObserved,
        DriftedDependencies observedNotDeclared, DriftedDependencies observedNotAllowed, DriftedDependencies stale) {

    /** One category of drift: how many, and the first of them. */
    record DriftedDependencies(long totalCount, List<Dependency> dependencies) {
    }

}
