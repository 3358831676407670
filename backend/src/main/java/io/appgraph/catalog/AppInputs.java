package io.appgraph.catalog;

import java.util.List;

import io.appgraph.platform.UserError;

/** Inputs and payloads of the app directory; null input fields keep stored values. */
public final class AppInputs {

    private AppInputs() {
    }

    /**
     * What upsertApp received. Fields another feature owns, such as {@code dependsOn},
     * are that feature's to check and write through an {@link AppUpsertExtension}.
     */
    public record AppInput(String name, String description, Tier tier, String runbookUrl, String squad, String owner,
            List<LinkInput> links, List<String> dependsOn) {
    }

    /** A bookmark to store: label and absolute URL. */
    record LinkInput(String label, String url) {
    }

    /** Criteria of the app directory, combined with AND; null means any. */
    record AppFilter(String search, String squad, String owner, Tier tier) {

        static final AppFilter ANY = new AppFilter(null, null, null, null);

    }

    /** Result of upsertApp: the stored app, or the errors that stopped it. */
    record AppPayload(App app, List<UserError> errors) {

        static AppPayload of(App app) {
            return new AppPayload(app, List.of());
        }

        static AppPayload failed(List<UserError> errors) {
            return new AppPayload(null, errors);
        }
    }

}
