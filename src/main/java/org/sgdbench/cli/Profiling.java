package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sgdbench.hardware.CeilingProbe;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.hardware.HardwareProbe;
import org.sgdbench.hardware.HardwareProfile;
import org.sgdbench.hardware.HardwareProfiles;
import org.sgdbench.throughput.Ceiling;
import org.sgdbench.throughput.ProfileCeilings;

/**
 * Captures the hardware profile, measures the machine ceilings (or reuses those already in this machine's
 * profile file when they were measured at least as thoroughly), writes the profile, and exposes the ceiling
 * lookup the throughput tables use.
 */
final class Profiling {
    /** The captured profile and the ceiling lookup derived from it. */
    record Result(HardwareProfile profile, Path file) {
        String profileId() { return profile.profileId(); }

        /** The lookup that decides which measured ceiling judges each throughput row. */
        Ceiling ceiling() { return ProfileCeilings.of(profile.ceilings()); }
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
     * Adds the ceilings of the OpenCL device Aparapi runs on by default ("any": a GPU first), measured on the device;
     * without OpenCL, or when the measurement fails (said in a note), the ceilings stay as they are.
     */
    static Ceilings withDeviceCeilings(Ceilings c, boolean quick, long hostLlcBytes, Progress progress) {
        if (!org.sgdbench.kernel.aparapi.DeviceCeilingProbe.openClAvailable()) return c;
        try {
            progress.note("measuring the OpenCL device's ceilings through Aparapi (FMA peak, global-memory read bandwidth)");
            int elements = org.sgdbench.kernel.aparapi.DeviceCeilingProbe.readElements("any", quick ? 32 << 20 : 64 << 20,
                hostLlcBytes);
            var r = org.sgdbench.kernel.aparapi.DeviceCeilingProbe.measure("any", elements, quick ? 5 : 10);
            return c.withDevices(java.util.List.of(new Ceilings.Device(r.device(), r.f32Gflops(),
                Double.isNaN(r.f64Gflops()) ? null : r.f64Gflops(), r.readGBs(),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), r.accounting())));
        } catch (RuntimeException | LinkageError e) {
            progress.note("OpenCL device ceilings not measured: " + e.getMessage());
            return c;
        }
    }

    /**
     * Why stored ceilings must be measured again, or null when they may be reused: none stored; a quick
     * measurement when a full one is asked for; a measurement flagged as untrustworthy (forks too far apart — never
     * silently cached); or one made before cache levels were measured.
     */
    static String reuseRefusal(Ceilings old, boolean quick) {
        if (old == null) return "none measured";
        if (!quick && !"full".equals(old.mode())) return "measured in " + old.mode() + " mode, a full run needs full";
        if (!old.flagged().isEmpty()) return "flagged: " + String.join("; ", old.flagged());
        if (old.cacheRead().isEmpty()) return "no cache-level ceilings (measured by an older version)";
        return null;
    }

    /**
     * Whether the stored OpenCL device ceilings may be reused: some were measured, all by the current device probe
     * (its read figure names both access patterns; an older probe's grid-strided figure alone was far too low on a
     * CPU device).
     */
    static boolean deviceCeilingsReusable(Ceilings c) {
        return !c.devices().isEmpty() && c.devices().stream()
            .allMatch(d -> d.accounting() != null && d.accounting().contains(org.sgdbench.kernel.aparapi.DeviceCeilingProbe.BOTH_PATTERNS));
    }

    /**
     * @param needCeilings false when the run measures no throughput (accuracy only): the ceilings already in the
     *                     profile are kept, none are measured
     */
    static Result captureAndWrite(Path root, boolean quick, boolean remeasure, boolean needCeilings,
                                  Progress progress) throws IOException {
        return captureAndWrite(root, quick, remeasure, needCeilings, progress, null);
    }

    /**
     * @param nativeCheck when not null, the ceilings are measured again (whatever is stored) with each one's native C
     *                    loop measured just before and just after it
     */
    static Result captureAndWrite(Path root, boolean quick, boolean remeasure, boolean needCeilings,
                                  Progress progress, CeilingProbe.NativeBracket nativeCheck) throws IOException {
        if (nativeCheck != null) remeasure = true;
        HardwareProfile captured = HardwareProbe.capture(null);
        Path file = HardwareProfiles.path(root, captured.profileId());
        Ceilings ceilings = null;
        if (!remeasure && Files.exists(file)) {
            try {
                Ceilings old = HardwareProfiles.read(file).ceilings();
                if (old != null && !needCeilings) ceilings = old;
                else {
                    String why = reuseRefusal(old, quick);
                    if (why == null) {
                        ceilings = old;
                        progress.note("ceilings reused from " + file + " (measured " + old.measuredAt() + ", "
                            + old.mode() + "); --remeasure-ceilings (run) or --remeasure (profile) to measure again");
                    } else {
                        progress.note("ceilings in " + file + " not reused: " + why);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a corrupted profile file (torn by hand, emptied, edited): measure again and replace it
                progress.note("existing profile " + file + " unreadable (" + firstLine(e) + "): "
                    + (needCeilings ? "measuring again" : "replacing it (no ceilings: this run measures no throughput)"));
            }
        }
        if (ceilings == null && needCeilings) {
            progress.note("measuring machine ceilings with JMH (memory and cache bandwidth, FMA peak; 1 and all threads)"
                + (nativeCheck != null ? ", each between two runs of the same loop in native C" : ""));
            ceilings = quietly(() -> CeilingProbe.measure(quick, Runtime.getRuntime().availableProcessors(), false,
                nativeCheck));
            for (String f : ceilings.flagged()) progress.note("WARNING: ceiling not trustworthy: " + f);
        }
        if (needCeilings && ceilings != null && !deviceCeilingsReusable(ceilings)) {
            Ceilings measured = ceilings.withDevices(java.util.List.of());
            long llc = HardwareProbe.totalLastLevelCacheBytes(captured.cpu());
            ceilings = quietly(() -> withDeviceCeilings(measured, quick, llc, progress));
        }
        HardwareProfile profile = captured.withCeilings(ceilings);
        Path written = HardwareProfiles.writeProfile(root, profile);
        progress.note("hardware profile " + profile.profileId() + " → " + written);
        return new Result(profile, written);
    }
}
