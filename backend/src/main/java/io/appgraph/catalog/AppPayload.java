package io.appgraph.catalog;

import java.util.List;

import io.appgraph.platform.UserError;

/** Result of upsertApp: the stored app, or the errors that stopped it. */
record AppPayload(App app, List<UserError> errors) {

    static AppPayload of(App app) {
        return new AppPayload(app, List.of());
    }

    static AppPayload failed(List<UserError> errors) {
        return new AppPayload(null, errors);
    }
}
