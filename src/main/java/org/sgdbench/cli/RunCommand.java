package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sgdbench.accuracy.EnsembleAccuracy;
import org.sgdbench.accuracy.MlpAccuracy;
import org.sgdbench.accuracy.SolverAccuracy;
import org.sgdbench.accuracy.VerdictCase;
import org.sgdbench.bench.BenchmarkRunner;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseQuadrature;
import org.sgdbench.problem.Precision;
import org.sgdbench.report.ReportWriter;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Json;
import org.sgdbench.results.MlpSummary;
import org.sgdbench.results.RunDirectory;
import org.sgdbench.results.RunStatus;
import org.sgdbench.results.ThroughputRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sgdbench run}: hardware profile → accuracy pass → JMH benchmarks → tables, into a fresh run
 * directory. Every option is validated before anything is written.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Profile the machine, run the accuracy pass and the benchmarks, write tables under results/.")
public final class RunCommand implements Callable<Integer> {
    public static final long DEFAULT_SEED = 20260522L;

    @Option(names = "--quick", description = "Short run (about 5 minutes on 2 cores): one size per kernel, short JMH iterations.")
    boolean quick;

    @Option(names = "--backend", split = ",", paramLabel = "NAME",
        description = "Backends to run (scalar, simd, nd4j, aparapi); default: all. Unavailable ones are reported as such.")
    List<String> backends;

    @Option(names = "--precision", split = ",", paramLabel = "P", description = "F32, F64 (default both).")
    List<String> precisions;

    @Option(names = "--eta", paramLabel = "η", description = "Learning rate for every accuracy case and benchmark model, in (0, 100]; default: each case's own.")
    Double eta;

    @Option(names = "--walkers", paramLabel = "N", description = "Walkers of the ensembles, in [1, 268435456]; default 65536 (quick) or 1048576.")
    Integer walkers;

    @Option(names = "--noise", paramLabel = "LAW",
        description = "Noise law of every verdict case: gaussian or rademacher (default: each case's own).")
    String noise;

    @Option(names = "--cells", paramLabel = "N",
        description = "Cells of the transfer-operator grid for every verdict case, in [2, 67108864] (default: sized from ησ_g and the spread).")
    Integer cells;

    @Option(names = "--nodes", paramLabel = "N",
        description = "Gauss–Hermite nodes per noise axis of the transfer operator, in [1, 128] (default 12, 96 without Hessian noise).")
    Integer nodes;

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads per kernel, in [1, 4096]; default: all cores.")
    Integer threads;

    @Option(names = "--device", paramLabel = "D", defaultValue = "any", description = "Aparapi device: gpu, cpu, any or jtp (default any).")
    String device;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "Philox seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--only", paramLabel = "PART", description = "Run only accuracy or throughput.")
    String only;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
        description = "Where results/ and hardware-profiles/ go (default: the current directory).")
    Path out;

    @Option(names = "--test-slowdown", hidden = true, paramLabel = "KERNEL:FACTOR",
        description = "Test only: make one kernel's benchmark do FACTOR times its work (proves compare catches regressions).")
    String testSlowdown;

    @Option(names = "--remeasure-ceilings", description = "Measure the machine ceilings again even if the profile has them.")
    boolean remeasure;

    /** Everything the run needs, validated. */
    record Plan(List<Backend> backends, List<Precision> precisions, List<VerdictCase> cases, int walkers,
                KernelOptions options, boolean accuracy, boolean throughput, Double eta,
                SolverAccuracy.GridOverrides grid) {}

    Plan plan() {
        if (eta != null && !(eta > 0 && eta <= 100)) throw new InvalidSpecException("eta", eta, "(0, 100]");
        int n = walkers != null ? walkers : quick ? 1 << 16 : 1 << 20;
        if (n < 1 || n > (1 << 28)) throw new InvalidSpecException("walkers", n, "[1, 268435456]");
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1 || t > 4096) throw new InvalidSpecException("threads", t, "[1, 4096]");
        if (!List.of("any", "gpu", "cpu", "jtp").contains(device.toLowerCase(Locale.ROOT)))
            throw new InvalidSpecException("device", device, "one of gpu, cpu, any, jtp");
        List<Backend> bs = new ArrayList<>();
        if (backends == null || backends.isEmpty()) bs.addAll(List.of(Backend.values()));
        else for (String b : new LinkedHashSet<>(backends)) bs.add(Backend.parse("backend", b));
        List<Precision> ps = new ArrayList<>();
        if (precisions == null || precisions.isEmpty()) ps.addAll(List.of(Precision.values()));
        else for (String p : new LinkedHashSet<>(precisions)) {
            try {
                ps.add(Precision.valueOf(p.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("precision", p, "one of F32, F64");
            }
        }
        boolean acc = true, thr = true;
        if (only != null) {
            switch (only.toLowerCase(Locale.ROOT)) {
                case "accuracy" -> thr = false;
                case "throughput" -> acc = false;
                default -> throw new InvalidSpecException("only", only, "one of accuracy, throughput");
            }
        }
        NoiseLaw law = null;
        if (noise != null) {
            switch (noise.trim().toLowerCase(Locale.ROOT)) {
                case "gaussian" -> law = NoiseLaw.GAUSSIAN;
                case "rademacher" -> law = NoiseLaw.RADEMACHER;
                default -> throw new InvalidSpecException("noise", noise,
                    "gaussian or rademacher (a law with unit variance: the moment recursions and the Langevin "
                        + "diffusion ησ² need a finite variance)");
            }
        }
        if (cells != null) new Grid1D(-1, 1, cells); // validates: "cells ... allowed: [2, ...]"
        if (nodes != null) NoiseQuadrature.standard(NoiseLaw.GAUSSIAN, nodes); // validates: "nodes ... allowed: [1, 128]"
        List<VerdictCase> cases = new ArrayList<>();
        for (VerdictCase c : VerdictCase.standard(n)) {
            VerdictCase v = eta != null ? c.withEta(eta) : c;
            if (law != null) v = v.withNoise(law);
            v.spec(); // validates
            cases.add(v);
        }
        if (testSlowdown != null) {
            if (!testSlowdown.matches("[a-z0-9-]+:\\d{1,3}"))
                throw new InvalidSpecException("test-slowdown", testSlowdown, "<kernel-id>:<factor 1..100>");
            System.setProperty(org.sgdbench.bench.BenchParams.SLOWDOWN_PROPERTY, testSlowdown);
        }
        System.setProperty("sgdbench.device", device.toLowerCase(Locale.ROOT));
        // Aparapi's thread pool runs only when asked for by name (never as a silent fallback)
        if ("jtp".equalsIgnoreCase(device)) System.setProperty("sgdbench.aparapi.device", "jtp");
        return new Plan(bs, ps, cases, n, new KernelOptions(t, device.toLowerCase(Locale.ROOT)), acc, thr, eta,
            new SolverAccuracy.GridOverrides(cells, nodes));
    }

    @Override
    public Integer call() throws IOException {
        Plan plan = plan(); // throws InvalidSpecException → exit 2 before anything is written
        Progress progress = new Progress();
        progress.step("hardware profile" + (quick ? " (quick ceilings)" : ""));
        Profiling.Result profile = Profiling.captureAndWrite(out, quick, remeasure, progress);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("quick", quick);
        config.put("backends", plan.backends().stream().map(Backend::id).toList());
        config.put("precisions", plan.precisions().stream().map(Enum::name).toList());
        config.put("walkers", plan.walkers());
        config.put("threads", plan.options().threads());
        config.put("device", plan.options().device());
        config.put("seed", seed);
        if (noise != null) config.put("noise", noise);
        if (cells != null) config.put("cells", cells);
        if (nodes != null) config.put("nodes", nodes);
        config.put("eta", plan.eta() == null ? "per case" : plan.eta());
        if (testSlowdown != null) config.put("testSlowdown", testSlowdown + " (TEST ONLY: numbers are not real)");
        config.put("parts", (plan.accuracy() ? "accuracy " : "") + (plan.throughput() ? "throughput" : ""));
        RunDirectory run = RunDirectory.create(out.resolve("results"), profile.profileId(), config, SgdBench.suiteVersion(), GitInfo.commit());
        progress.step("run directory " + run.path());
        for (Backend b : plan.backends())
            if (b.provider().isEmpty()) {
                run.message(b.id() + " unavailable: " + b.availability().reason());
                progress.note(b.id() + " unavailable: " + b.availability().reason());
            }
        run.stepDone("profile " + profile.profileId());

        boolean failed = false;
        try {
            if (plan.accuracy()) {
                progress.step("accuracy pass");
                List<AccuracyRow> rows = new ArrayList<>(EnsembleAccuracy.run(plan.cases(),
                    new EnsembleAccuracy.Settings(plan.backends(), plan.precisions(), seed, plan.options(), 5.0, quick),
                    progress::note));
                SolverAccuracy.Output solvers = SolverAccuracy.run(plan.cases(), plan.backends(), plan.precisions(),
                    plan.options(), quick, plan.grid(), progress::note);
                rows.addAll(solvers.rows());
                Json.write(run.file("trajectories.json"), solvers.trajectories());
                MlpAccuracy.Output mlp = MlpAccuracy.run(MlpAccuracy.spec(quick, seed, plan.eta()),
                    new MlpAccuracy.Settings(plan.backends(), plan.precisions(), plan.options(),
                        out.resolve("results").resolve(MlpAccuracy.CACHE_DIR), quick,
                        quick ? List.of() : MlpAccuracy.SWEEP_ETAS), progress::note);
                rows.addAll(mlp.rows());
                Json.write(run.file(MlpSummary.FILE), mlp.summary());
                Tables.writeAccuracy(run, rows);
                long bad = rows.stream().filter(r -> !r.passed()).count();
                if (bad > 0) {
                    failed = true;
                    run.message(bad + " accuracy rows failed");
                }
                run.stepDone("accuracy");
                progress.note("accuracy: " + rows.size() + " rows, " + bad + " failing → " + run.file("accuracy.md"));
            }
            if (plan.throughput()) {
                progress.step("benchmarks (JMH)");
                BenchmarkRunner runner = new BenchmarkRunner(quick ? BenchmarkRunner.Timing.quick()
                    : BenchmarkRunner.Timing.full(), run.file("jmh.json"), run.file("logs"));
                List<ThroughputRow> rows = Throughput.run(plan, quick, runner, profile, run, progress);
                if (rows.stream().anyMatch(r -> r.outcome().failing())) failed = true;
                run.stepDone("benchmarks");
                progress.note("throughput: " + rows.size() + " rows → " + run.file("throughput.md"));
            }
            progress.step("report");
            try {
                progress.note("report → " + ReportWriter.write(run.path()));
                run.stepDone("report");
            } catch (RuntimeException e) {
                run.message("report failed: " + e.getMessage());
                progress.note("report failed: " + e.getMessage());
                failed = true;
            }
            run.finish(RunStatus.COMPLETE);
        } catch (IOException | RuntimeException e) {
            run.message("failed: " + e);
            run.finish(RunStatus.INCOMPLETE);
            throw e;
        }
        progress.step("done: " + run.path() + (failed ? " (with failures)" : ""));
        return failed ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }

    /** Progress lines with elapsed time, on stderr so stdout stays clean. */
    static final class Progress implements java.util.function.Consumer<String> {
        private final long start = System.nanoTime();

        void step(String s) { System.err.printf(Locale.ROOT, "[%6.1fs] == %s%n", (System.nanoTime() - start) / 1e9, s); }

        void note(String s) { System.err.printf(Locale.ROOT, "[%6.1fs]    %s%n", (System.nanoTime() - start) / 1e9, s); }

        @Override
        public void accept(String s) { note(s); }
    }
}
