package testsupport.neo4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * With {@code -Dit.external-neo4j=true}, the integration suite's database is a Neo4j
 * server in a second JVM ({@link Neo4jServerMain}), reached over Bolt as production
 * reaches its server, instead of the one embedded in the application under test. Started
 * once per test JVM, on first use; it stops when this JVM exits.
 */
public final class SecondJvmNeo4j {

    private static String uri;

    private SecondJvmNeo4j() {
    }

    /** Whether this run uses the second JVM's server. */
    public static boolean wanted() {
        return Boolean.getBoolean("it.external-neo4j");
    }

    /** The server's Bolt URI, starting it first if need be. */
    public static synchronized String uri() {
        if (uri == null) {
            uri = start();
        }
        return uri;
    }

    private static String start() {
        try {
            Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")),
                    "second-jvm-");
            // Failsafe passes the test classpath here; java.class.path may be a
            // manifest-only jar.
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process server = new ProcessBuilder(
                    List.of(java, "-Xmx768m", "-cp", classpath, Neo4jServerMain.class.getName(), dataDir.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "second-jvm-neo4j-stop"));
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("BOLT ")) {
                    String bolt = line.substring("BOLT ".length()).trim();
                    System.out
                        .println("Integration tests use Neo4j in a second JVM (pid " + server.pid() + ") at " + bolt);
                    return bolt;
                }
            }
            throw new IllegalStateException("The second JVM's Neo4j exited before it was ready: " + server.waitFor());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
