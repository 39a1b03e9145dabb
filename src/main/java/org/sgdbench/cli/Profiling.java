package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sgdbench.bench.DeclaredWork;
import org.sgdbench.hardware.CeilingProbe;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.hardware.HardwareProbe;
import org.sgdbench.hardware.HardwareProfile;
import org.sgdbench.hardware.HardwareProfiles;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.Ceiling;

/**
 * Captures the hardware profile, measures the machine ceilings (or reuses those already in this machine's
 * profile file when they were measured at least as thoroughly), writes the profile, and exposes the ceiling
 * lookup the throughput tables use.
 */
final class Profiling {
    /** The captured profile and the ceiling lookup derived from it. */
    record Result(HardwareProfile profile, Path file) {
        String profileId() { return profile.profileId(); }

        /**
         * Memory-bound kernels are compared with the read-only streaming bandwidth (the transfer-operator
         * SpMV is read-dominated: CSR arrays and the input vector are read, one vector is written); compute-bound
         * ones with the best measured FMA peak of their precision. One-thread ceilings for one-thread rows,
         * all-thread ceilings otherwise.
         */
        Ceiling ceiling() {
            Ceilings c = profile.ceilings();
            if (c == null) return Ceiling.NONE;
            return (bound, precision, threads) -> {
                boolean all = threads > 1;
                String t = all ? c.allThreads() + " threads" : "1 thread";
                if (bound == DeclaredWork.Bound.MEMORY)
                    return new Ceiling.Value(c.bandwidthGBs(true, all), "read bandwidth, " + t);
                Precision p = "F64".equals(precision) ? Precision.F64 : Precision.F32;
                return new Ceiling.Value(c.peakGflops(p, all), p + " FMA peak, " + t);
            };
        }
    }

    private Profiling() {}

    /** What JMH and its forks printed while the ceilings were measured (their JVM warnings); saved to logs/. */
    private static final StringBuilder CEILING_OUTPUT = new StringBuilder();

    /**
     * Runs {@code work} with this JVM's stdout and stderr held in memory: the ceiling probe's JMH forks echo their
     * JVM warnings to the host's stdout, where they would bury the run's own lines. {@link #saveLog} keeps them.
     */
    private static <T> T quietly(java.util.function.Supplier<T> work) {
        java.io.PrintStream out = System.out, err = System.err;
        java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
        java.io.PrintStream into = new java.io.PrintStream(held, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(into);
        System.setErr(into);
        try {
            return work.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
            synchronized (CEILING_OUTPUT) {
                CEILING_OUTPUT.append(held.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** Writes the ceiling probe's output, if any, to {@code logsDir/ceilings.log}. */
    static void saveLog(Path logsDir) throws IOException {
        String text;
        synchronized (CEILING_OUTPUT) {
            text = CEILING_OUTPUT.toString();
        }
        if (!text.isEmpty()) org.sgdbench.results.AtomicFiles.writeString(logsDir.resolve("ceilings.log"), text);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * @param needCeilings false when the run measures no throughput (accuracy only): the ceilings already in the
     *                     profile are kept, none are measured
     */
    static Result captureAndWrite(Path root, boolean quick, boolean remeasure, boolean needCeilings,
                                  Progress progress) throws IOException {
        HardwareProfile captured = HardwareProbe.capture(null);
        Path file = HardwareProfiles.path(root, captured.profileId());
        Ceilings ceilings = null;
        if (!remeasure && Files.exists(file)) {
            try {
                Ceilings old = HardwareProfiles.read(file).ceilings();
                if (old != null && !needCeilings) ceilings = old;
                else if (old != null && (quick || "full".equals(old.mode()))) {
                    ceilings = old;
                    progress.note("ceilings reused from " + file + " (measured " + old.measuredAt() + ", "
                        + old.mode() + "); --remeasure-ceilings to measure again");
                }
            } catch (IOException | RuntimeException e) {
                // a corrupted profile file (torn by hand, emptied, edited): measure again and replace it
                progress.note("existing profile " + file + " unreadable (" + firstLine(e) + "): "
                    + (needCeilings ? "measuring again" : "replacing it (no ceilings: this run measures no throughput)"));
            }
        }
        if (ceilings == null && needCeilings) {
            progress.note("measuring machine ceilings with JMH (memory bandwidth, FMA peak; 1 and all threads)");
            ceilings = quietly(() -> CeilingProbe.measure(quick, Runtime.getRuntime().availableProcessors()));
        }
        HardwareProfile profile = captured.withCeilings(ceilings);
        Path written = HardwareProfiles.writeProfile(root, profile);
        progress.note("hardware profile " + profile.profileId() + " → " + written);
        return new Result(profile, written);
    }
}
