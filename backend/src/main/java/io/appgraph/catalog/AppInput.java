package io.appgraph.catalog;

import java.util.List;

/** What upsertApp received; null fields keep the stored value. */
record AppInput(String name, String description, Tier tier, String runbookUrl, String squad, String owner,
        List<Link> links, List<String> dependsOn) {
}
