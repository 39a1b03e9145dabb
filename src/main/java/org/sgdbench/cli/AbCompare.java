package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.sgdbench.bench.BenchParams;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.report.AbComparison;
import org.sgdbench.report.Comparison;
import org.sgdbench.throughput.JmhResults;
import picocli.CommandLine.Option;

/**
 * {@code sgdbench compare --ab A B}: A and B are two builds of the suite (a jar, or a checkout whose
 * {@code target/sgdbench-all.jar} is built). Their forks alternate on this machine — A, B, A, B, … — each one JMH
 * fork of the same benchmarks with the same settings, and {@link AbComparison} judges B against A from the paired
 * fork means. This is how to test a change on a noisy machine: drift between pairs cancels in each pair's ratio.
 */
final class AbCompare {
    /** The options of {@code --ab} (a picocli mixin of {@code compare}). */
    static final class Options {
        @Option(names = "--ab", description = "A/B: RUN RUN are two builds (jars or checkouts) measured in alternating forks.")
        boolean enabled;

        @Option(names = "--pairs", defaultValue = "6", paramLabel = "N",
            description = "--ab: pairs of forks, 2..100 (default ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--benchmark", defaultValue = "TransferOperatorBenchmark.step", paramLabel = "REGEX",
            description = "--ab: JMH benchmark regex (default ${DEFAULT-VALUE}).")
        String benchmark;

        @Option(names = "--param", paramLabel = "NAME=V[,V]",
            description = "--ab: JMH parameter, repeatable (default: backend=scalar precision=F64 cells=16384 threads=1).")
        List<String> params = new ArrayList<>();

        @Option(names = "--iterations", defaultValue = "5", paramLabel = "N",
            description = "--ab: measurement iterations per fork, 1..100 (default ${DEFAULT-VALUE}; warmup: 3).")
        int iterations;

        @Option(names = "--iteration-ms", defaultValue = "200", paramLabel = "MS",
            description = "--ab: length of each warmup and measurement iteration, 10..60000 ms (default ${DEFAULT-VALUE}).")
        int iterationMs;

        @Option(names = "--test-slowdown", hidden = true, paramLabel = "KERNEL:FACTOR",
            description = "Test only: B's benchmark of KERNEL does FACTOR times its work (proves --ab catches it).")
        String testSlowdown;

        List<String> effectiveParams() {
            return params.isEmpty() ? List.of("backend=scalar", "precision=F64", "cells=16384", "threads=1") : params;
        }

        void validate() {
            if (pairs < 2 || pairs > 100) throw new InvalidSpecException("pairs", pairs, "[2, 100]");
            if (iterations < 1 || iterations > 100) throw new InvalidSpecException("iterations", iterations, "[1, 100]");
            if (iterationMs < 10 || iterationMs > 60_000) throw new InvalidSpecException("iteration-ms", iterationMs, "[10, 60000]");
            for (String p : effectiveParams())
                if (!p.matches("[A-Za-z0-9_]+=[A-Za-z0-9_.,-]+")) throw new InvalidSpecException("param", p, "NAME=VALUE[,VALUE]");
            if (testSlowdown != null && !(testSlowdown.matches("[a-z0-9-]+:\\d{1,3}(\\.\\d+)?")
                && BenchParams.validSlowdownFactor(Double.parseDouble(testSlowdown.substring(testSlowdown.indexOf(':') + 1)))))
                throw new InvalidSpecException("test-slowdown", testSlowdown, "<kernel-id>:<factor 1..100>");
        }

        String describe() {
            return String.format(Locale.ROOT, "JMH %s %s, 1 fork per build and pair, 3 × %d ms warmup + %d × %d ms",
                benchmark, String.join(" ", effectiveParams()), iterationMs, iterations, iterationMs)
                + (testSlowdown == null ? "" : "; TEST ONLY: B slowed by " + testSlowdown);
        }
    }

    /** Runs one fork of a build and returns its JMH results. */
    interface ForkRunner {
        List<JmhResults.Benchmark> run(Path jar, boolean isB, int pair) throws IOException;
    }

    private AbCompare() {}

    /** The jar of a build argument: a .jar file, or a checkout's target/sgdbench-all.jar. */
    static Path jarOf(Path build) {
        if (Files.isRegularFile(build) && build.toString().endsWith(".jar")) return build;
        Path jar = build.resolve("target").resolve("sgdbench-all.jar");
        if (Files.isDirectory(build) && Files.isRegularFile(jar)) return jar;
        throw new BadInputException(build + ": neither a jar nor a checkout with target/sgdbench-all.jar (build it: "
            + "cd " + build + " && mvn -q -DskipTests package)");
    }

    /** A, B, A, B, …: fork k of B runs right after fork k of A. */
    static AbComparison.Result run(Path a, Path b, Options o, Comparison.Settings s, ForkRunner runner) throws IOException {
        List<List<JmhResults.Benchmark>> forksA = new ArrayList<>(), forksB = new ArrayList<>();
        Path jarA = jarOf(a), jarB = jarOf(b);
        for (int k = 0; k < o.pairs; k++) {
            forksA.add(runner.run(jarA, false, k));
            forksB.add(runner.run(jarB, true, k));
            System.err.printf(Locale.ROOT, "sgdbench: A/B pair %d of %d done%n", k + 1, o.pairs);
        }
        return AbComparison.compare(a.toString(), b.toString(), forksA, forksB, s, o.describe());
    }

    /** Forks as child processes: {@code java -jar JAR jmh …} with one JMH fork and the suite's JVM flags. */
    static ForkRunner processes(Options o, Path workDir) {
        return (jar, isB, pair) -> {
            Path json = workDir.resolve(String.format(Locale.ROOT, "fork-%02d-%s.json", pair, isB ? "B" : "A"));
            String flags = "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
                + (isB && o.testSlowdown != null ? " -D" + BenchParams.SLOWDOWN_PROPERTY + "=" + o.testSlowdown : "");
            List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toAbsolutePath().toString(), "jmh", o.benchmark,
                "-f", "1", "-wi", "3", "-w", o.iterationMs + "ms", "-i", Integer.toString(o.iterations),
                "-r", o.iterationMs + "ms", "-rf", "json", "-rff", json.toAbsolutePath().toString(),
                "-jvmArgsAppend", flags));
            for (String p : o.effectiveParams()) {
                cmd.add("-p");
                cmd.add(p);
            }
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(json.getFileName() + ".log").toFile()).start();
            try {
                if (!proc.waitFor(30, TimeUnit.MINUTES)) {
                    proc.destroyForcibly();
                    throw new IOException("fork " + (isB ? "B" : "A") + (pair + 1) + " timed out after 30 min");
                }
            } catch (InterruptedException e) {
                proc.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (proc.exitValue() != 0 || !Files.isRegularFile(json))
                throw new IOException("fork " + (isB ? "B" : "A") + (pair + 1) + " of " + jar + " failed (exit "
                    + proc.exitValue() + "); see " + workDir.resolve(json.getFileName() + ".log"));
            List<JmhResults.Benchmark> r = JmhResults.read(json);
            if (r.isEmpty()) throw new IOException("fork of " + jar + " matched no benchmark: " + o.benchmark);
            return r;
        };
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
