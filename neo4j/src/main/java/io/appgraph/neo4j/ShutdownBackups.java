package io.appgraph.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A consistent copy of the embedded database at each clean shutdown: once Neo4j has
 * stopped, its files are consistent, so copying the data folder is a backup that starts
 * as it is (point {@code appgraph.embedded.data-dir} at it, or copy it back). Each copy
 * is written to a temporary folder and renamed when complete, so a crash mid-copy never
 * leaves something that looks like a backup; only the newest {@code kept} are kept.
 * Community Neo4j has no online backup; an external server or cluster has its own.
 */
final class ShutdownBackups {

    private static final Log log = LogFactory.getLog(ShutdownBackups.class);

    static final String PREFIX = "appgraph-";

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private final Path directory;

    private final int kept;

    ShutdownBackups(Path directory, int kept) {
        if (kept < 1) {
            throw new IllegalArgumentException("appgraph.embedded.backups-kept must be at least 1, not " + kept);
        }
        this.directory = directory;
        this.kept = kept;
    }

    /**
     * Copies {@code dataDir} to a new backup folder and removes the oldest beyond
     * {@code kept}.
     */
    Path copy(Path dataDir) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(this.directory);
            String name = PREFIX + NAME.format(Instant.now());
            Path partial = this.directory.resolve("." + name + ".partial");
            copyTree(dataDir, partial);
            Path backup = Files.move(partial, this.directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            log.info("Backed up the embedded database to %s in %d ms".formatted(backup,
                    (System.nanoTime() - started) / 1_000_000));
            prune();
            return backup;
        }
        catch (IOException | UncheckedIOException ex) {
            // The database itself stopped cleanly; only its copy failed.
            log.error("Could not back up the embedded database to " + this.directory, ex);
            return null;
        }
    }

    /** The backups, oldest first. */
    List<Path> list() throws IOException {
        if (!Files.isDirectory(this.directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(this.directory)) {
            return entries.filter(path -> path.getFileName().toString().startsWith(PREFIX))
                .filter(Files::isDirectory)
                .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                .toList();
        }
    }

    private void prune() throws IOException {
        List<Path> backups = list();
        for (Path old : backups.subList(0, Math.max(0, backups.size() - this.kept))) {
            deleteTree(old);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

        });
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

}
