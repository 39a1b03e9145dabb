package org.sgdbench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sgdbench.hardware.HardwareProfile;
import org.sgdbench.hardware.HardwareProfiles;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Json;
import org.sgdbench.results.RunDirectory;
import org.sgdbench.results.RunManifest;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.results.VarianceTrajectory;
import org.sgdbench.results.ReportInputException;
import org.sgdbench.throughput.JmhResults;

/**
 * Everything a report needs from one run directory {@code <root>/results/<profile-id>/<run-id>/}: run.json (required)
 * and, when present, throughput.json, accuracy.json, trajectories.json, jmh.json and the hardware profile
 * — the run's own copy {@code hardware-profile.json} when it has one (so a copied run reports the ceilings it was
 * measured against), else {@code <root>/hardware-profiles/<profile-id>.json}. A file that is present but unreadable
 * (empty, truncated, not the expected layout) is an error naming it, never silently skipped.
 *
 * <p>A run whose run.json says RUNNING while its process is gone is shown as
 * {@link RunManifest#INTERRUPTED}: it holds what finished before the kill.
 *
 * @param profile the hardware profile, null when its file is absent
 * @param jmhJson the jmh.json path, null when the run has none (an accuracy-only run)
 */
public record RunData(Path dir, RunManifest manifest, List<ThroughputRow> throughput, List<AccuracyRow> accuracy,
                      List<VarianceTrajectory> trajectories, HardwareProfile profile, Path jmhJson) {
    public RunData {
        throughput = List.copyOf(throughput);
        accuracy = List.copyOf(accuracy);
        trajectories = List.copyOf(trajectories);
    }

    public String runId() { return manifest.runId(); }

    public String profileId() { return manifest.profileId(); }

    /** COMPLETE, RUNNING, INCOMPLETE or INCOMPLETE (interrupted). */
    public String status() { return manifest.displayStatus(); }

    /** Every step of the run finished. */
    public boolean complete() { return manifest.complete(); }

    /** One line: the status and what the run holds (for commands that show an incomplete run). */
    public String summary() {
        return status() + ": holds " + accuracy.size() + " accuracy rows, " + throughput.size() + " throughput rows"
            + (manifest.steps().isEmpty() ? "" : "; finished steps: " + String.join(", ", manifest.steps()));
    }

    /** The output root that holds results/ and hardware-profiles/: three levels above the run directory. */
    public static Path rootOf(Path runDir) {
        Path abs = runDir.toAbsolutePath().normalize();
        Path profileDir = abs.getParent(), results = profileDir == null ? null : profileDir.getParent();
        return results == null || results.getParent() == null ? abs : results.getParent();
    }

    public static RunData load(Path runDir) {
        if (!Files.isDirectory(runDir)) throw new ReportInputException(runDir, "not a run directory");
        Path manifestFile = runDir.resolve("run.json");
        RunManifest manifest = readRequired(manifestFile, new TypeReference<RunManifest>() {});
        if (manifest.runId() == null || manifest.profileId() == null || manifest.status() == null)
            throw new ReportInputException(manifestFile, "no runId, profileId or status");
        List<ThroughputRow> thr = readThroughput(runDir);
        List<AccuracyRow> acc = readOptional(runDir.resolve("accuracy.json"), new TypeReference<List<AccuracyRow>>() {});
        List<VarianceTrajectory> traj = readOptional(runDir.resolve("trajectories.json"),
            new TypeReference<List<VarianceTrajectory>>() {});
        HardwareProfile profile = null;
        Path profileFile = null;
        try {
            profileFile = HardwareProfiles.path(rootOf(runDir), manifest.profileId());
        } catch (RuntimeException e) {
            throw new ReportInputException(manifestFile, "invalid profileId " + manifest.profileId());
        }
        Path copy = runDir.resolve(RunDirectory.PROFILE_COPY);
        if (Files.exists(copy)) profile = readRequired(copy, new TypeReference<HardwareProfile>() {});
        else if (Files.exists(profileFile)) profile = readRequired(profileFile, new TypeReference<HardwareProfile>() {});
        Path jmh = runDir.resolve("jmh.json");
        return new RunData(runDir, manifest, thr, acc, traj, profile, Files.exists(jmh) ? jmh : null);
    }

    /** The run's throughput.json rows; none when the file is absent (the one reader of that file). */
    static List<ThroughputRow> readThroughput(Path runDir) {
        return readOptional(runDir.resolve("throughput.json"), new TypeReference<List<ThroughputRow>>() {});
    }

    /** The run's run.json (required, with a run id and a profile id). */
    static RunManifest readManifest(Path runDir) {
        Path manifestFile = runDir.resolve("run.json");
        RunManifest manifest = readRequired(manifestFile, new TypeReference<RunManifest>() {});
        if (manifest.runId() == null || manifest.profileId() == null)
            throw new ReportInputException(manifestFile, "no runId or profileId");
        return manifest;
    }

    /** jmh.json's results; a run without jmh.json has none. */
    public List<JmhResults.Benchmark> jmh() {
        return jmhJson == null ? List.of() : JmhResults.read(jmhJson);
    }

    static <T> T readRequired(Path file, TypeReference<T> type) {
        if (!Files.isRegularFile(file)) throw new ReportInputException(file, "missing");
        try {
            T v = Json.MAPPER.readValue(file.toFile(), type);
            if (v == null) throw new ReportInputException(file, "empty");
            return v;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ReportInputException r) throw r;
            throw new ReportInputException(file, "unreadable (" + ReportInputException.firstLine(e) + ")", e);
        }
    }

    static <T> List<T> readOptional(Path file, TypeReference<List<T>> type) {
        if (!Files.exists(file)) return List.of();
        try {
            List<T> rows = Json.readRows(file, type);
            if (rows.contains(null)) throw new ReportInputException(file, "unreadable (a row is null)");
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ReportInputException r) throw r;
            throw new ReportInputException(file, "unreadable (" + ReportInputException.firstLine(e) + ")", e);
        }
    }
}
