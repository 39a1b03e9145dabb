package org.sgdbench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.sgdbench.results.Json;
import org.sgdbench.results.ReportInputException;

/**
 * The stored baseline of a hardware profile: {@code results/<profile-id>/baseline.json}, a small pointer
 * {@code {"runId": ..., "profileId": ..., "setAt": ...}} naming a run directory beside it. A pointer, not a copy:
 * run directories are never rewritten, so the named run stays what it was; the baseline file is replaced
 * atomically by {@code baseline set}. Deleting the named run directory breaks the baseline (reported by name).
 */
public final class Baselines {
    public static final String FILE = "baseline.json";

    /** The pointer file's content. */
    public record Baseline(String runId, String profileId, String setAt) {}

    private Baselines() {}

    /**
     * Records {@code runDir} as the baseline of its profile; returns the baseline file written. Only a COMPLETE run
     * can be a baseline: an interrupted or failed one would make every later comparison look like news.
     */
    public static Path set(Path runDir) throws IOException {
        RunData run = RunData.load(runDir);
        if (!run.complete())
            throw new ReportInputException(runDir, "run is " + run.status() + ", not COMPLETE: a baseline must be a "
                + "finished run (it holds " + run.accuracy().size() + " accuracy rows, " + run.throughput().size()
                + " throughput rows)");
        Path profileDir = runDir.toAbsolutePath().normalize().getParent();
        if (!run.runId().equals(runDir.toAbsolutePath().normalize().getFileName().toString()))
            throw new ReportInputException(runDir.resolve("run.json"),
                "runId " + run.runId() + " does not match the directory name");
        Path file = profileDir.resolve(FILE);
        Json.write(file, new Baseline(run.runId(), run.profileId(), Instant.now().toString()));
        return file;
    }

    /** The baseline file of the profile that {@code runDir} belongs to. */
    public static Path fileFor(Path runDir) {
        return runDir.toAbsolutePath().normalize().getParent().resolve(FILE);
    }

    /** The run directory recorded as baseline for the profile of {@code runDir}. */
    public static Path baselineRunFor(Path runDir) {
        Path file = fileFor(runDir);
        if (!Files.exists(file))
            throw new ReportInputException(file, "missing: no baseline recorded for this profile (sgdbench baseline set <run-dir>)");
        Baseline b = RunData.readRequired(file, new TypeReference<Baseline>() {});
        if (b.runId() == null || b.runId().isBlank() || b.runId().contains("/") || b.runId().contains(".."))
            throw new ReportInputException(file, "no valid runId");
        Path dir = file.getParent().resolve(b.runId());
        if (!Files.isDirectory(dir)) throw new ReportInputException(dir, "baseline run named in " + file + " is missing");
        return dir;
    }
}
