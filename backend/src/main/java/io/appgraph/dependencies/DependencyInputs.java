package io.appgraph.dependencies;

import java.util.List;

import io.appgraph.platform.UserError;

/** Input and payload of addDependency and removeDependency. */
final class DependencyInputs {

    private DependencyInputs() {
    }

    /** from depends on (calls) to. */
    record DependencyInput(String from, String to) {
    }

    /**
     * Result of addDependency and removeDependency.
     *
     * @param dependency the edge as it stands afterwards; after a removal, null once no
     * source reports it
     */
    record DependencyPayload(Dependency dependency, List<UserError> errors) {

        static DependencyPayload of(Dependency dependency) {
            return new DependencyPayload(dependency, List.of());
        }

        static DependencyPayload failed(List<UserError> errors) {
            return new DependencyPayload(null, errors);
        }
    }

}
