package io.appgraph.catalog;

import java.util.List;

import io.appgraph.catalog.AppInputs.AppInput;
import io.appgraph.platform.UserError;
import org.neo4j.driver.TransactionContext;

/**
 * Another feature's part of upsertApp: the fields of {@link AppInput} that feature owns,
 * such as {@code dependsOn}. The catalog is the base and knows no other feature, so it
 * finds its extensions among the Spring beans and runs them inside the one upsert: every
 * shape check first, then every reference check in the write transaction, and only when
 * no part found a problem, every write in that same transaction. A refused upsert writes
 * nothing.
 */
public interface AppUpsertExtension {

    /** Problems with the input's shape alone, found before any transaction starts. */
    List<UserError> shapeErrors(AppInput input);

    /**
     * Problems with what the input refers to, checked inside the write transaction before
     * anything is written.
     */
    List<UserError> referenceErrors(TransactionContext tx, AppInput input);

    /**
     * Writes this feature's part, after the app itself is stored; runs only when no check
     * found a problem.
     */
    void write(TransactionContext tx, AppInput input);

}
