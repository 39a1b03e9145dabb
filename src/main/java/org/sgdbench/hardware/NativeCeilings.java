package org.sgdbench.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The native C loops of {@code scripts/native-ceilings.c}, built once with the script and then run one ceiling at a
 * time: {@link CeilingProbe} measures each C figure just before and just after its own measurement of the same
 * ceiling, with the same array sizes, so that both see the same clock and the same neighbours (a sitting's C figures
 * drift by 10–16 % on a shared machine: comparing against C figures taken minutes apart compares the drift).
 */
public final class NativeCeilings implements CeilingProbe.NativeBracket {
    /** A C figure takes a few seconds (1 s of warm-up per loop shape); this only stops a hung process. */
    static final long TIMEOUT_S = 120;
    private final Path binary;
    private final String compiler;

    private NativeCeilings(Path binary, String compiler) {
        this.binary = binary;
        this.compiler = compiler;
    }

    /**
     * Builds the C loops with {@code <home>/scripts/native-ceilings.sh --build-only} into {@code buildDir}.
     *
     * @throws CeilingProbeException when the script is missing or the build fails (no C compiler, no OpenMP)
     */
    public static NativeCeilings build(Path home, Path buildDir) {
        Path script = home.resolve("scripts/native-ceilings.sh");
        if (!Files.isExecutable(script))
            throw new CeilingProbeException("--native-check needs scripts/native-ceilings.sh beside the suite; not found "
                + "under " + home.toAbsolutePath() + " (run from the repository root)");
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "--build-only", buildDir.toString());
        Output out = run(pb, "building the native ceilings with " + script);
        if (out.code() != 0)
            throw new CeilingProbeException("--native-check: building the C loops failed (exit " + out.code()
                + "; it needs gcc with OpenMP, or CC naming such a compiler): " + out.text().strip());
        List<String> lines = out.text().lines().filter(l -> !l.isBlank()).toList();
        Path binary = Path.of(lines.get(lines.size() - 1).strip());
        String cc = System.getenv().getOrDefault("CC", "gcc");
        String version = run(new ProcessBuilder(cc, "--version"), cc + " --version").text().lines().findFirst().orElse(cc);
        return new NativeCeilings(binary, version + ", -O3 -march=native -fopenmp");
    }

    /** The compiler's first version line and the flags, for the record. */
    @Override
    public String compiler() { return compiler; }

    @Override
    public double measure(String kind, int threads, int elements) {
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "one", kind, Integer.toString(threads),
            Integer.toString(elements));
        pb.environment().put("OMP_PROC_BIND", "spread");
        pb.environment().put("OMP_PLACES", "cores");
        Output out = run(pb, "native " + kind);
        if (out.code() != 0)
            throw new CeilingProbeException("native " + kind + " (" + threads + " threads, " + elements
                + " elements) exited with " + out.code() + ": " + out.text().strip());
        try {
            double v = Double.parseDouble(out.text().strip());
            if (!(v > 0) || !Double.isFinite(v)) throw new NumberFormatException("not a positive figure");
            return v;
        } catch (NumberFormatException e) {
            throw new CeilingProbeException(String.format(Locale.ROOT, "native %s printed '%s', not a figure", kind,
                out.text().strip()), e);
        }
    }

    private record Output(int code, String text) {}

    /**
     * Runs a process with its output in a temporary file, so that the time limit holds (reading a pipe to its end
     * would wait for the process however long it hangs).
     */
    private static Output run(ProcessBuilder pb, String what) {
        Path log = null;
        try {
            log = Files.createTempFile("sgdbench-native-ceilings", ".log");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CeilingProbeException(what + ": no answer within " + TIMEOUT_S + " s");
            }
            return new Output(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CeilingProbeException(what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CeilingProbeException(what + ": interrupted", e);
        } finally {
            if (log != null) log.toFile().delete();
        }
    }
}
