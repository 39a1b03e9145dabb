package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks an output root before anything is measured: it exists or can be created, it is a directory, files can be
 * created in it (and in its results/ and hardware-profiles/ folders when they exist), and its file system has room
 * for a run's files. Each failure is a {@link BadInputException} (exit 2, one line) naming the path.
 *
 * <p>Writability is checked by creating and deleting a probe file, not by permission bits: a process running as
 * root passes every permission test and still cannot write to /proc or a read-only mount.
 */
final class OutputCheck {
    /** Room a run needs: its tables, JSON, report and JMH logs are a few MB; 64 MB leaves a wide margin. */
    static final long RUN_BYTES = 64L << 20;

    private OutputCheck() {}

    static void require(Path out) { require(out, RUN_BYTES); }

    static void require(Path out, long bytesNeeded) {
        Path abs = out.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) throw new BadInputException("--out " + abs + ": no existing parent directory");
        if (!Files.isDirectory(existing))
            throw new BadInputException("--out " + abs + ": " + existing + " is not a directory");
        try {
            Files.createDirectories(abs);
        } catch (IOException | SecurityException e) {
            throw new BadInputException("--out " + abs + ": cannot be created (" + reason(e) + ")");
        }
        for (Path d : List.of(abs, abs.resolve("results"), abs.resolve(org.sgdbench.hardware.HardwareProfiles.FOLDER)))
            if (Files.isDirectory(d)) probe(d);
            else if (Files.exists(d)) throw new BadInputException("--out " + abs + ": " + d + " is not a directory");
        try {
            FileStore store = Files.getFileStore(abs);
            long free = store.getUsableSpace();
            if (free < bytesNeeded)
                throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "--out %s: not enough room (%d MB free, a run needs %d MB)", abs, free >> 20, bytesNeeded >> 20));
        } catch (IOException e) {
            throw new BadInputException("--out " + abs + ": cannot read its free space (" + reason(e) + ")");
        }
    }

    private static void probe(Path dir) {
        Path p = null;
        try {
            p = Files.createTempFile(dir, ".sgdbench-write-check", ".tmp");
        } catch (IOException | SecurityException e) {
            throw new BadInputException("--out: " + dir + " is not writable (" + reason(e) + ")");
        } finally {
            if (p != null) try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a probe that cannot be removed is hidden and harmless
            }
        }
    }

    /** The cause in words (no exception class names on the console). */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file is in the way";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? "refused" : e.getMessage();
    }
}
