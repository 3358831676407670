package io.appgraph.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrades roll one replica at a time, so the old version runs on the new schema for a
 * while: every migration only expands it. Removing something is a contract script
 * ({@code V<n>__Contract_<what>.cypher}), shipped a release after the last version that
 * used it.
 */
class MigrationScriptsTests {

    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*");

    private static final Pattern REMOVING = Pattern.compile("\\b(DROP|REMOVE)\\b", Pattern.CASE_INSENSITIVE);

    /** A DELETE, with the labels matched before it in the same statement. */
    private static final Pattern DELETE = Pattern.compile("\\bDELETE\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern LABEL = Pattern.compile(":\\s*(`?)([A-Za-z_][A-Za-z0-9_]*)\\1");

    @Test
    void everyScriptButAContractOnlyExpandsTheSchema() throws IOException {
        Resource[] scripts = new PathMatchingResourcePatternResolver().getResources(CypherMigrations.LOCATION);
        assertThat(scripts).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Resource script : scripts) {
            String name = script.getFilename();
            if (name.contains("__Contract_")) {
                continue;
            }
            String cypher = COMMENT.matcher(script.getContentAsString(StandardCharsets.UTF_8)).replaceAll("");
            Matcher removing = REMOVING.matcher(cypher);
            while (removing.find()) {
                problems.add(name + ": " + removing.group(1).toUpperCase());
            }
            for (String statement : cypher.split(";")) {
                if (DELETE.matcher(statement).find() && !onlyBookkeeping(statement)) {
                    problems.add(name + ": DELETE of " + statement.trim());
                }
            }
        }
        assertThat(problems).as("expand-only migrations (see the README's upgrades section)").isEmpty();
    }

    @Test
    void aDeleteOfAnythingButBookkeepingIsCaught() {
        assertThat(onlyBookkeeping("MATCH (marker:__ReleaseRollups) DELETE marker")).isTrue();
        assertThat(onlyBookkeeping("MATCH (a:App) DETACH DELETE a")).isFalse();
        assertThat(onlyBookkeeping("MATCH (n) DELETE n")).isFalse();
    }

    private static boolean onlyBookkeeping(String statement) {
        Matcher labels = LABEL.matcher(statement);
        boolean any = false;
        while (labels.find()) {
            any = true;
            if (!labels.group(2).startsWith("__")) {
                return false;
            }
        }
        return any;
    }

}
