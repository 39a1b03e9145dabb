package org.sgdbench.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.sgdbench.results.AtomicFiles;

/**
 * Runs JMH through its Runner API, one JMH invocation per {@link Job} (a benchmark class with one set of
 * parameter values), so that a job that fails does not take the others with it. After each job the combined
 * results are rewritten atomically to jmh.json in JMH's own JSON format: a run stopped halfway keeps every
 * finished job.
 */
public final class BenchmarkRunner {
    /** The JVM flags every fork needs (Vector API, native libraries of ND4J and OpenCL, logging into the job's log). */
    public static final String[] FORK_FLAGS = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        ForkLogging.FLAG};

    /** A benchmark class with its parameter values (each value list may hold several values). */
    public record Job(Class<?> benchmark, Map<String, List<String>> params, String label) {}

    /** How long JMH measures. */
    public record Timing(int warmupIterations, int warmupMillis, int iterations, int iterationMillis, int forks) {
        /** 5 measured iterations: the fewest for which compare's Mann–Whitney test can reach p < 0.01. */
        public static Timing quick() { return new Timing(1, 400, 5, 300, 1); }

        public static Timing full() { return new Timing(3, 1000, 5, 1000, 2); }
    }

    /**
     * System properties the user may have given the CLI's own JVM ({@code SGDBENCH_JAVA_OPTS}) that a fork must see
     * too: a forced SIMD width, backends switched off. They are the user's -D at the JVM boundary, passed on as-is.
     */
    public static final List<String> USER_PROPERTIES = List.of("sgdbench.simd.bits", "sgdbench.disable");

    private final Timing timing;
    private final Path jmhJson, jmhLogDir;
    private final Map<String, String> forkProperties;
    private int jobs;
    private final List<RunResult> results = new ArrayList<>();

    /**
     * @param forkProperties settings of the run every fork receives as {@code -Dname=value} (device choice, the
     *                       test-only slow-down): the run's configuration, passed explicitly at the fork boundary
     */
    public BenchmarkRunner(Timing timing, Path jmhJson, Path jmhLogDir, Map<String, String> forkProperties)
            throws IOException {
        this.timing = timing;
        this.jmhJson = jmhJson;
        this.jmhLogDir = java.nio.file.Files.createDirectories(jmhLogDir);
        this.forkProperties = Map.copyOf(forkProperties);
    }

    /** Seconds one job should take: per parameter combination and fork, warm-up + measurement + fork start-up. */
    public double estimatedSeconds(Map<String, List<String>> params) { return estimatedSeconds(timing, params); }

    /** {@link #estimatedSeconds(Map)} under {@code timing}, for planning before a runner exists. */
    public static double estimatedSeconds(Timing timing, Map<String, List<String>> params) {
        return combinations(params) * timing.forks() * secondsPerFork(timing);
    }

    /** Parameter combinations of a job: the product of its value counts. */
    public static long combinations(Map<String, List<String>> params) {
        long combos = 1;
        for (List<String> v : params.values()) combos *= Math.max(1, v.size());
        return combos;
    }

    /** One fork of one parameter combination: warm-up, measurement, and about 2 s to start the JVM and set up. */
    public static double secondsPerFork(Timing timing) {
        return (timing.warmupIterations() * timing.warmupMillis()
            + timing.iterations() * timing.iterationMillis()) / 1000.0 + 2.0;
    }

    /** Runs one job; returns its results (empty when JMH reported an error for it) and rewrites jmh.json. */
    public Collection<RunResult> run(Job job, Consumer<String> progress) throws IOException {
        ChainedOptionsBuilder ob = new OptionsBuilder()
            .include("^" + java.util.regex.Pattern.quote(job.benchmark().getName()) + "\\.")
            .warmupIterations(timing.warmupIterations())
            .warmupTime(TimeValue.milliseconds(timing.warmupMillis()))
            .measurementIterations(timing.iterations())
            .measurementTime(TimeValue.milliseconds(timing.iterationMillis()))
            .forks(timing.forks())
            .jvmArgsAppend(forkArgs(forkProperties))
            .shouldFailOnError(false)
            .output(jmhLogDir.resolve("jmh-" + (jobs++) + ".log").toString());
        for (Map.Entry<String, List<String>> e : job.params().entrySet())
            ob.param(e.getKey(), e.getValue().toArray(String[]::new));
        progress.accept(job.label());
        Collection<RunResult> r;
        try {
            r = new Runner(ob.build()).run();
        } catch (RunnerException e) {
            throw new IOException("JMH failed for " + job.label() + ": " + e.getMessage(), e);
        }
        results.addAll(r);
        writeJson();
        return r;
    }

    public List<RunResult> results() { return List.copyOf(results); }

    /** The fork flags, -D for each of the run's fork properties, and the user's own -D that forks must share. */
    static String[] forkArgs(Map<String, String> forkProperties) {
        List<String> args = new ArrayList<>(List.of(FORK_FLAGS));
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(forkProperties).entrySet())
            args.add("-D" + e.getKey() + "=" + e.getValue());
        for (String p : USER_PROPERTIES) {
            String v = System.getProperty(p);
            if (v != null && !forkProperties.containsKey(p)) args.add("-D" + p + "=" + v);
        }
        return args.toArray(String[]::new);
    }

    private void writeJson() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
        AtomicFiles.write(jmhJson, bytes.toByteArray());
    }
}
