package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.problem.Precision;
import org.sgdbench.report.NativeReference;
import org.sgdbench.results.AtomicFiles;
import org.sgdbench.results.RunDirectory;
import org.sgdbench.solver.transfer.MatrixMarket;

/**
 * The native C reference step of a run, after JMH: exports the transfer-operator benchmarks' operators at the run's
 * sizes, runs scripts/native-reference/run.sh (build with the system's C compiler, then time the same kernels at
 * the same sizes, thread counts and precisions, repetitions as long as JMH's iterations), and deletes the exported
 * files. Bounded in time; whatever goes wrong (no script, no compiler, a timeout) becomes an "unavailable" note in
 * native-reference.json, never a failed run.
 */
final class NativeStep {
    /** Wall-clock bound of the whole step: quick runs must stay within their budget. */
    static final long QUICK_TIMEOUT_S = 240, FULL_TIMEOUT_S = 1200;
    /**
     * Largest operator exported for the native transfer step: 2^21 cells is a 0.6 GB Matrix Market file (about 20 s
     * to write and 10 s to read on 2 cores); 2^23 would be 2.3 GB. Larger benchmark sizes get no native row.
     */
    static final int MAX_EXPORT_CELLS = 1 << 21;

    private NativeStep() {}

    static void run(RunCommand.Plan plan, BenchmarkCatalog.Sizing sizing, boolean quick, RunDirectory run,
                    Progress progress) throws IOException {
        Path home = Path.of(System.getProperty("sgdbench.home", "."));
        Path script = home.resolve("scripts/native-reference/run.sh");
        if (!Files.isExecutable(script)) {
            unavailable(run, "scripts/native-reference/run.sh not found beside the suite (sgdbench.home = " + home + ")");
            return;
        }
        progress.note("native C reference (scripts/native-reference)");
        Path ops = run.file("native-operators");
        try {
            List<String> cmd = new ArrayList<>(List.of(script.toString(), run.path().toString()));
            String threads = String.join(" ", BenchmarkCatalog.threadValues(new BenchmarkCatalog.Sizing(quick, sizing.threads(), true)));
            cmd.addAll(List.of("--threads", threads,
                "--transfer-threads", String.join(" ", BenchmarkCatalog.threadValues(sizing)),
                "--precisions", String.join(" ", plan.precisions().stream().map(Precision::name).toList()),
                "--seconds", quick ? "1.5" : "5", "--reps", "5"));
            for (BenchmarkCatalog.Entry e : BenchmarkCatalog.all()) {
                var params = e.params(sizing);
                if (e.kernelId().equals("sgd-ensemble"))
                    cmd.addAll(List.of("--walkers", String.join(" ", params.get("walkers"))));
                if (!e.kernelId().startsWith("transfer-")) continue;
                for (String cells : params.get("cells")) {
                    if (Integer.parseInt(cells) > MAX_EXPORT_CELLS) continue;
                    var op = OperatorCommand.operator(e.kernelId(), Integer.parseInt(cells));
                    Path mtx = ops.resolve(e.kernelId() + "-" + cells + ".mtx");
                    MatrixMarket.writeMatrix(op.matrix(), "sgdbench " + e.kernelId() + " " + cells + " cells", mtx);
                    cmd.addAll(List.of("--operator", e.kernelId(), cells, mtx.toString()));
                }
            }
            Path log = run.file("logs").resolve("native-reference.log");
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long limit = quick ? QUICK_TIMEOUT_S : FULL_TIMEOUT_S;
            if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                unavailable(run, "the native reference took longer than " + limit + " s (see logs/native-reference.log)");
            } else if (p.exitValue() != 0 || !Files.exists(run.file(NativeReference.FILE))) {
                unavailable(run, "scripts/native-reference/run.sh exited with " + p.exitValue() + " (see logs/native-reference.log)");
            }
            NativeReference.read(run.path()).ifPresent(n -> progress.note("native C reference: "
                + (n.available() ? "done" : "unavailable (see " + NativeReference.FILE + ")")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(run, "interrupted");
        } catch (IOException | RuntimeException e) {
            unavailable(run, "could not run: " + e.getMessage());
        } finally {
            deleteTree(ops);
        }
    }

    private static void unavailable(RunDirectory run, String reason) throws IOException {
        AtomicFiles.writeString(run.file(NativeReference.FILE), "{\"available\": false, \"reason\": "
            + org.sgdbench.results.Json.MAPPER.writeValueAsString(reason) + ", \"rows\": []}\n");
    }

    /** Deletes a temporary tree, best effort (leftover build or export files are harmless). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // leftover exported operators are harmless; the run goes on
        }
    }
}
