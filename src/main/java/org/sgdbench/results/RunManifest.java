package org.sgdbench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * run.json: what ran, where, when, with which configuration, and whether it finished.
 *
 * @param steps    the steps that finished, in order (profile, accuracy, benchmarks, tables)
 * @param messages one-line notes (unavailable backends, failures) for a reader of the run
 * @param pid      the process that writes the run; with {@code processStartedAt} it tells a run still in progress
 *                 from one whose process is gone (0 in runs written before the field existed)
 * @param processStartedAt when that process started (ISO-8601), so that a recycled pid is not taken for it
 */
public record RunManifest(String suiteVersion, String gitCommit, String runId, String profileId, String startedAt,
                          String finishedAt, RunStatus status, Map<String, Object> config, List<String> steps,
                          List<String> messages, long pid, String processStartedAt) {
    /** How {@link #displayStatus()} names a run whose process died before it could say so. */
    public static final String INTERRUPTED = "INCOMPLETE (interrupted)";

    public RunManifest {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        steps = steps == null ? List.of() : List.copyOf(steps);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** RUNNING in the file, but the process that wrote it is gone (killed outright, machine rebooted). */
    @JsonIgnore
    public boolean interrupted() {
        return status == RunStatus.RUNNING && !processAlive(pid, processStartedAt);
    }

    /** Every step finished. */
    @JsonIgnore
    public boolean complete() { return status == RunStatus.COMPLETE; }

    /** The status as every command shows it: COMPLETE, RUNNING, INCOMPLETE or INCOMPLETE (interrupted). */
    @JsonIgnore
    public String displayStatus() {
        if (status == null) return "UNKNOWN";
        return interrupted() ? INTERRUPTED : status.name();
    }

    static boolean processAlive(long pid, String startedAt) {
        if (pid <= 0) return false;
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) return false;
        if (startedAt == null) return true;
        Optional<Instant> s = h.get().info().startInstant();
        return s.isEmpty() || s.get().toString().equals(startedAt);
    }

    /** This process's start instant as recorded in run.json (null where the platform does not tell). */
    public static String currentProcessStart() {
        return ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(null);
    }
}
