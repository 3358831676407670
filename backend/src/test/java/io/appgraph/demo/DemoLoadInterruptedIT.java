package io.appgraph.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interrupts a real demo load the hard way: starts appgraph in a JVM of its own on a
 * fresh data directory, kills it (SIGKILL, as {@code kill -9} does: no shutdown hook, no
 * rollback by the application) as soon as its log shows part of the estate written, then
 * starts it again on the same directory and checks that the whole estate is there,
 * exactly once, and served.
 */
class DemoLoadInterruptedIT {

    // Guards against a hung child, not a measure of anything: a start on a busy 2-core
    // machine can take a minute and a half.
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private static final Pattern BOLT = Pattern.compile("Bolt on bolt://127\\.0\\.0\\.1:(\\d+)");

    private static final Pattern HTTP = Pattern.compile("Tomcat started on port (\\d+)");

    private static final int APPS = 400;

    private static final long SEED = 42;

    // Squads and people written, apps not yet: where the Ctrl-C struck. Or the
    // whole estate and the first batch of releases.
    @ParameterizedTest
    @ValueSource(strings = { "Wrote demo people 1 to", "Wrote demo releases 1 to" })
    void aLoadKilledHalfWayLeavesNothingBehindAndTheNextStartLoadsTheWholeEstate(String killAfter) throws Exception {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "demo-kill-");
        Path data = directory.resolve("db");

        Path firstLog = directory.resolve("first.log");
        Process first = start(data, firstLog);
        try {
            awaitLine(first, firstLog, killAfter);
        }
        finally {
            first.destroyForcibly();
            first.waitFor(1, TimeUnit.MINUTES);
        }
        assertThat(Files.readString(firstLog)).as("the first start was killed mid-load")
            .contains("Loading the demo estate")
            .doesNotContain("Loaded the demo estate");

        Path secondLog = directory.resolve("second.log");
        Process second = start(data, secondLog);
        try {
            String log = awaitLine(second, secondLog, "Started AppgraphApplication");
            assertThat(log)
                .containsPattern("An earlier demo load was interrupted: removed the [1-9]\\d* nodes it wrote")
                .contains("Loaded the demo estate");
            assertTheWholeEstateOnce(port(BOLT, log));
            assertThat(appsServed(port(HTTP, log))).contains("\"totalCount\":" + APPS);
        }
        finally {
            second.destroy();
            if (!second.waitFor(1, TimeUnit.MINUTES)) {
                second.destroyForcibly();
            }
        }
    }

    private static void assertTheWholeEstateOnce(int boltPort) {
        DemoEstate estate = DemoEstate.generate(APPS, SEED);
        int releases = DemoReleases.generate(estate, SEED, DemoEstate.REFERENCE_TIME, 100).size();
        int memberships = estate.people().stream().mapToInt(person -> person.squads().size()).sum();
        try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + boltPort, AuthTokens.none());
                var session = driver.session()) {
            var counts = session.executeRead(tx -> tx
                .run("""
                        RETURN COUNT { (:App) } AS apps, COUNT { (:Squad) } AS squads, COUNT { (:Group) } AS groups,
                            COUNT { (:Person) } AS people, COUNT { (:Release) } AS releases,
                            COUNT { ()-[:DEPENDS_ON]->() } AS dependencies, COUNT { ()-[:MEMBER_OF]->() } AS memberships,
                            COUNT { ()-[:OWNED_BY]->() } AS ownedBy, COUNT { ()-[:HAS_OWNER]->() } AS hasOwner,
                            COUNT { (:Release)-[:OF]->(:App) } AS releaseApps,
                            COUNT { (:Release)-[:TRIGGERED_BY]->(:Person) } AS releasePeople,
                            COUNT { (n) WHERE NOT n:DemoData AND NOT any(label IN labels(n) WHERE label STARTS WITH '__') } AS foreign,
                            head(COLLECT { MATCH (m:__DemoLoad) RETURN m.state }) AS state
                        """)
                .single()
                .asMap());
            assertThat(counts).containsEntry("apps", (long) estate.apps().size())
                .containsEntry("squads", (long) estate.squads().size())
                .containsEntry("groups", (long) estate.groups().size())
                .containsEntry("people", (long) estate.people().size())
                .containsEntry("releases", (long) releases)
                .containsEntry("dependencies", (long) estate.dependencies().size())
                .containsEntry("memberships", (long) memberships)
                .containsEntry("ownedBy", (long) estate.apps().size())
                .containsEntry("hasOwner", (long) estate.apps().size())
                .containsEntry("releaseApps", (long) releases)
                .containsEntry("releasePeople", (long) releases)
                .containsEntry("foreign", 0L)
                .containsEntry("state", DemoEstateLoader.COMPLETE);
        }
    }

    private static String appsServed(int httpPort) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/graphql"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ apps(first: 1) { totalCount } }\"}"))
            .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    // The classes under test and their dependencies, as this JVM runs them.
    private static Process start(Path data, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), "io.appgraph.AppgraphApplication", "--server.port=0",
                "--appgraph.embedded.bolt-port=0", "--appgraph.embedded.data-dir=" + data.toAbsolutePath(),
                "--appgraph.embedded.page-cache=64m", "--appgraph.demo.apps=" + APPS, "--appgraph.demo.seed=" + SEED,
                "--logging.level.io.appgraph.demo=DEBUG", "--spring.main.banner-mode=off"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String awaitLine(Process process, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String content = Files.readString(log);
            if (content.contains(text)) {
                return content;
            }
            if (!process.isAlive()) {
                throw new AssertionError("appgraph ended before logging '" + text + "':\n" + content);
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "appgraph did not log '" + text + "' within " + PATIENCE + ":\n" + Files.readString(log));
    }

    private static int port(Pattern pattern, String log) {
        Matcher matcher = pattern.matcher(log);
        assertThat(matcher.find()).as("%s in the log", pattern).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

}
