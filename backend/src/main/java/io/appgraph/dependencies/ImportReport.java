package io.appgraph.dependencies;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one import changed, or would change in a dry run: per kind of thing ("apps",
 * "edges", "squads", …) how many were created, updated, left unchanged or removed, and
 * the warnings about what the input named but could not be imported. Filled inside the
 * import's transaction; a transaction the driver retries starts from a fresh report
 * through {@link #reset()}.
 */
public final class ImportReport {

    /**
     * Limits the warnings kept, so a batch of thousands of odd documents stays readable.
     */
    static final int MAX_WARNINGS = 200;

    /** What happened to one thing. */
    public enum Change {

        CREATED, UPDATED, UNCHANGED, REMOVED

    }

    private final DependencySource source;

    private final boolean dryRun;

    private int documents;

    private final Map<String, EnumMap<Change, Long>> changes = new LinkedHashMap<>();

    private final List<Map<String, Object>> warnings = new ArrayList<>();

    private int warningCount;

    // The warnings found before the first unit of work, which a retried one keeps.
    private int warningsBeforeWork = -1;

    private int warningCountBeforeWork;

    public ImportReport(DependencySource source, boolean dryRun, int documents) {
        this.source = source;
        this.dryRun = dryRun;
        this.documents = documents;
    }

    public DependencySource source() {
        return this.source;
    }

    public boolean dryRun() {
        return this.dryRun;
    }

    /** Sets how many documents (or series) the input had, once they are counted. */
    public void documents(int documents) {
        this.documents = documents;
    }

    public void count(String kind, Change change) {
        count(kind, change, 1);
    }

    public void count(String kind, Change change, long howMany) {
        this.changes.computeIfAbsent(kind, k -> emptyCounts()).merge(change, howMany, Long::sum);
    }

    public long counted(String kind, Change change) {
        EnumMap<Change, Long> counts = this.changes.get(kind);
        return (counts != null) ? counts.get(change) : 0;
    }

    /** Something the input named that was skipped, with the document it came from. */
    public void warn(int document, String message) {
        this.warningCount++;
        if (this.warnings.size() < MAX_WARNINGS) {
            Map<String, Object> warning = new LinkedHashMap<>();
            warning.put("document", document);
            warning.put("message", message);
            this.warnings.add(warning);
        }
    }

    /**
     * Forgets the counts and the warnings of an earlier try, for a unit of work the
     * driver runs again.
     */
    void reset() {
        this.changes.clear();
        if (this.warningsBeforeWork < 0) {
            this.warningsBeforeWork = this.warnings.size();
            this.warningCountBeforeWork = this.warningCount;
        }
        else {
            this.warnings.subList(this.warningsBeforeWork, this.warnings.size()).clear();
            this.warningCount = this.warningCountBeforeWork;
        }
    }

    /** The report as the import endpoints answer it. */
    public Map<String, Object> toMap() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", this.source.name());
        body.put("dryRun", this.dryRun);
        body.put("documents", this.documents);
        Map<String, Object> counts = new LinkedHashMap<>();
        this.changes.forEach((kind, byChange) -> {
            Map<String, Long> named = new LinkedHashMap<>();
            byChange.forEach((change, n) -> named.put(change.name().toLowerCase(Locale.ROOT), n));
            counts.put(kind, named);
        });
        body.put("changes", counts);
        body.put("warnings", this.warnings);
        if (this.warningCount > this.warnings.size()) {
            body.put("warningsOmitted", this.warningCount - this.warnings.size());
        }
        return body;
    }

    private static EnumMap<Change, Long> emptyCounts() {
        EnumMap<Change, Long> counts = new EnumMap<>(Change.class);
        for (Change change : Change.values()) {
            counts.put(change, 0L);
        }
        return counts;
    }

}
