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
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sgdbench.accuracy.CaseFile;
import org.sgdbench.accuracy.EnsembleAccuracy;
import org.sgdbench.accuracy.LinearRegressionAccuracy;
import org.sgdbench.accuracy.MlpAccuracy;
import org.sgdbench.accuracy.SolverAccuracy;
import org.sgdbench.accuracy.VerdictCase;
import org.sgdbench.bench.BenchParams;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.bench.BenchmarkRunner;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.aparapi.AparapiProvider;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Limits;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseQuadrature;
import org.sgdbench.problem.Precision;
import org.sgdbench.report.AccuracyReport;
import org.sgdbench.report.ReportWriter;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Json;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.MlpSummary;
import org.sgdbench.results.RunDirectory;
import org.sgdbench.results.RunStatus;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.results.VarianceTrajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sgdbench run}: hardware profile → accuracy pass → JMH benchmarks → tables, into a fresh run directory.
 *
 * <p>Every option and the output directory are validated before anything is measured or written (exit 2, one line).
 * The accuracy pass runs case by case; after each case the rows and trajectories so far are rewritten atomically
 * (accuracy.json, accuracy.md/.csv, trajectories.json), so a run killed outright loses at most the case in flight.
 * A backend this machine cannot run is reported as {@code unavailable: <reason>} and does not fail the run, unless
 * it was named with {@code --backend} or {@code --strict} is given. The last line on stdout is the run directory.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Profile the machine, run the accuracy pass and the benchmarks, write tables under results/.")
public final class RunCommand implements Callable<Integer> {
    public static final long DEFAULT_SEED = org.sgdbench.problem.Limits.DEFAULT_SEED;

    @Option(names = "--quick", description = "Short run (5 to 10 minutes on 2 cores, the first build included): one size per kernel, short JMH iterations.")
    boolean quick;

    @Option(names = "--backend", split = ",", paramLabel = "NAME",
        description = "Backends to run (scalar, simd, nd4j, aparapi); default: all, and those this machine lacks are "
            + "reported as unavailable. A backend named here that is unavailable fails the run (exit 1).")
    List<String> backends;

    @Option(names = "--strict", description = "Fail (exit 1) when any backend asked for is unavailable on this machine.")
    boolean strict;

    @Option(names = "--precision", split = ",", paramLabel = "P", description = "F32, F64 (default both).")
    List<String> precisions;

    @Option(names = "--case", split = ",", paramLabel = "NAME",
        description = "Accuracy cases to run (default: all; `sgdbench list` shows them).")
    List<String> caseNames;

    @Option(names = "--kernel", paramLabel = "REGEX",
        description = "Benchmarks to run: a regular expression found in the kernel id or the benchmark class name "
            + "(default: all; `sgdbench list` shows them).")
    String kernel;

    @Option(names = "--eta", paramLabel = "η",
        description = "Learning rate of every accuracy case, in (0, 100]; default: each case's own. The benchmarks keep "
            + "their fixed models (η = 0.1): a throughput does not depend on η.")
    Double eta;

    @Option(names = "--walkers", paramLabel = "N",
        description = "Walkers of the accuracy pass's ensembles, in [1, 268435456]; default 65536 (quick) or 1048576. "
            + "The benchmarks use their own size grid (see `sgdbench list`).")
    Integer walkers;

    @Option(names = "--noise", paramLabel = "LAW",
        description = "Noise law of every accuracy case: gaussian or rademacher (default: each case's own).")
    String noise;

    @Option(names = "--case-file", paramLabel = "FILE",
        description = "Run the accuracy cases of this JSON case file (format: docs/case-file.md) instead of the built-in ones; "
            + "--eta, --noise and --walkers, when given, override its values.")
    Path caseFile;

    @Option(names = "--cells", paramLabel = "N",
        description = "Cells of the transfer-operator grid of every accuracy case, in [2, 67108864] (default: sized from ησ_g and the spread).")
    Integer cells;

    @Option(names = "--nodes", paramLabel = "N",
        description = "Gauss–Hermite nodes per noise axis of the accuracy pass's transfer operator, in [1, 128] (default 12, 96 without Hessian noise).")
    Integer nodes;

    @Option(names = "--threads", paramLabel = "T", description = "CPU threads per kernel, in [1, 4096]; default: all cores.")
    Integer threads;

    @Option(names = "--device", paramLabel = "D", defaultValue = "any", description = "Aparapi device: gpu, cpu, any or jtp (default any).")
    String device;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "Philox seed of the accuracy pass (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--only", paramLabel = "PART", description = "Run only accuracy or throughput.")
    String only;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
        description = "Where results/ and hardware-profiles/ go (default: the current directory).")
    Path out;

    @Option(names = "--test-slowdown", hidden = true, paramLabel = "KERNEL:FACTOR",
        description = "Test only: make one kernel's benchmark do FACTOR times its work (proves compare catches regressions).")
    String testSlowdown;

    @Option(names = "--no-native", description = "Skip the native C reference (scripts/native-reference, built with the system's cc) after the benchmarks.")
    boolean noNative;

    @Option(names = "--remeasure-ceilings", description = "Measure the machine ceilings again even if the profile has them.")
    boolean remeasure;

    @picocli.CommandLine.Mixin
    LinearRegressionOptions regression = new LinearRegressionOptions();

    /** Everything the run needs, validated. */
    record Plan(List<Backend> backends, boolean backendsNamed, List<Precision> precisions, List<VerdictCase> cases,
                List<BenchmarkCatalog.Entry> kernels, int walkers, KernelOptions options, boolean accuracy,
                boolean throughput, Double eta, SolverAccuracy.GridOverrides grid, Map<String, String> forkProperties,
                boolean nativeReference, boolean quick) {}

    /** Validates every option; throws {@link InvalidSpecException} (exit 2) before anything is measured or written. */
    Plan plan() {
        if (eta != null) Limits.eta(eta);
        int n = walkers != null ? walkers : quick ? 1 << 16 : 1 << 20;
        Limits.walkers(n);
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Limits.threads(t);
        String dev = device.trim().toLowerCase(Locale.ROOT);
        if (!List.of("any", "gpu", "cpu", "jtp").contains(dev))
            throw new InvalidSpecException("device", device, "one of gpu, cpu, any, jtp");
        List<Backend> bs = new ArrayList<>();
        boolean named = backends != null && !backends.isEmpty();
        if (!named) bs.addAll(List.of(Backend.values()));
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
        for (VerdictCase c : selectedCases(n)) {
            VerdictCase v = eta != null ? c.withEta(eta) : c;
            if (law != null) v = v.withNoise(law);
            if (caseFile != null && walkers != null) v = v.withWalkers(n);
            v.spec(); // validates
            cases.add(v);
        }
        if (acc) regression.cases(quick); // validates the dataset and linear-regression options
        List<BenchmarkCatalog.Entry> ks = Throughput.kernels(kernelPattern());
        Map<String, String> fork = new LinkedHashMap<>();
        fork.put(BenchParams.DEVICE_PROPERTY, dev);
        // Aparapi's thread pool runs only when asked for by name (never as a silent fallback)
        if ("jtp".equals(dev)) fork.put(AparapiProvider.DEVICE_PROPERTY, "jtp");
        if (testSlowdown != null) {
            if (!testSlowdown.matches("[a-z0-9-]+:\\d{1,3}(\\.\\d+)?")
                || !org.sgdbench.bench.BenchParams.validSlowdownFactor(
                    Double.parseDouble(testSlowdown.substring(testSlowdown.indexOf(':') + 1))))
                throw new InvalidSpecException("test-slowdown", testSlowdown, "<kernel-id>:<factor 1..100>");
            fork.put(BenchParams.SLOWDOWN_PROPERTY, testSlowdown);
        }
        return new Plan(bs, named, ps, cases, ks, n, new KernelOptions(t, dev), acc, thr, eta,
            new SolverAccuracy.GridOverrides(cells, nodes), fork, !noNative, quick);
    }

    /**
     * The linear-regression cases of the accuracy pass: the built-in diabetes ones, or the --dataset ones; none when
     * the quadratic cases were narrowed with --case or --case-file and no --dataset was given.
     */
    /** The MLP experiment runs with the built-in cases, not when --case or --case-file narrowed the pass. */
    private boolean runMlp() {
        return (caseNames == null || caseNames.isEmpty()) && caseFile == null;
    }

    private List<LinearRegressionAccuracy.Case> regressionCases() {
        boolean narrowed = (caseNames != null && !caseNames.isEmpty()) || caseFile != null;
        if (narrowed && regression.dataset == null) return List.of();
        return regression.cases(quick);
    }

    /** The built-in cases, or those named by --case (an unknown name is bad input naming the known ones). */
    private List<VerdictCase> selectedCases(int n) {
        // a case file is read and checked in full here, before anything is measured or written
        List<VerdictCase> all = caseFile != null ? CaseFile.read(caseFile) : VerdictCase.standard(n);
        if (caseNames == null || caseNames.isEmpty()) return all;
        List<VerdictCase> picked = new ArrayList<>();
        for (String name : new LinkedHashSet<>(caseNames)) {
            String id = name.trim();
            picked.add(all.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() ->
                new InvalidSpecException("case", name, "one of " + String.join(", ", all.stream().map(VerdictCase::id).toList()))));
        }
        return picked;
    }

    private Pattern kernelPattern() {
        if (kernel == null) return null;
        Pattern p;
        try {
            p = Pattern.compile(kernel);
        } catch (PatternSyntaxException e) {
            throw new InvalidSpecException("kernel", kernel, "a regular expression (" + e.getDescription() + ")");
        }
        if (Throughput.kernels(p).isEmpty())
            throw new InvalidSpecException("kernel", kernel, "a regular expression that finds one of "
                + String.join(", ", BenchmarkCatalog.all().stream().map(BenchmarkCatalog.Entry::kernelId).toList()));
        return p;
    }

    @Override
    public Integer call() throws IOException {
        Plan plan = plan(); // throws InvalidSpecException → exit 2 before anything is written
        // The Aparapi provider decides at probe time whether its thread pool stands in for OpenCL; --device jtp is
        // the one setting it reads from this JVM's properties, so it is set before any backend is probed.
        if (plan.forkProperties().containsKey(AparapiProvider.DEVICE_PROPERTY))
            System.setProperty(AparapiProvider.DEVICE_PROPERTY, "jtp");
        List<String> missing = new ArrayList<>();
        for (Backend b : plan.backends())
            if (b.provider().isEmpty()) missing.add(b.id() + " (" + b.availability().reason() + ")");
        if (!missing.isEmpty() && (strict || plan.backendsNamed())) {
            System.err.println("sgdbench: asked for but unavailable on this machine: " + String.join("; ", missing));
            return ExitCodes.RUN_FAILED;
        }
        OutputCheck.require(out); // exit 2 naming the path, before anything is measured

        Progress progress = new Progress(0);
        List<Throughput.Job> jobs = plan.throughput() ? Throughput.jobs(plan, quick) : List.of();
        BenchmarkRunner.Timing timing = quick ? BenchmarkRunner.Timing.quick() : BenchmarkRunner.Timing.full();
        RunEstimate estimate = estimate(plan, jobs, timing);
        progress.step(estimate.line(timing));
        progress.step("hardware profile" + (plan.throughput() ? quick ? " (quick ceilings)" : " (ceilings)" : ""));
        Profiling.Result profile = Profiling.captureAndWrite(out, quick, remeasure, plan.throughput(), progress);

        RunDirectory run = RunDirectory.create(out.resolve("results"), profile.profileId(), config(plan),
            SgdBench.suiteVersion(), GitInfo.commit());
        run.copyProfile(profile.file());
        Profiling.saveLog(run.file("logs"));
        progress.step("run directory " + run.path());
        for (String m : missing) {
            run.message("unavailable: " + m);
            progress.note("unavailable: " + m);
        }
        run.stepDone("profile " + profile.profileId());

        List<String> failures = new ArrayList<>();
        try {
            BenchmarkRunner runner = plan.throughput()
                ? new BenchmarkRunner(timing, run.file("jmh.json"), run.file("logs"), plan.forkProperties()) : null;
            double benchSeconds = Throughput.estimatedSeconds(jobs, timing);
            progress.units(plan.accuracy() ? plan.cases().size() + regressionCases().size() + (runMlp() ? 1 : 0) : 0, jobs.size(),
                benchSeconds, estimate.accuracySeconds().orElse(Double.NaN));
            if (plan.accuracy()) {
                List<AccuracyRow> rows = accuracy(plan, run, progress);
                rows.stream().filter(AccuracyReport::failing).forEach(r -> failures.add(
                    String.join(" ", r.caseId(), r.method(), r.backend(), r.precision()) + " (" + r.outcome() + ")"));
                long bad = rows.stream().filter(AccuracyReport::failing).count();
                if (bad > 0) run.message(bad + " accuracy rows failed");
                run.stepDone("accuracy");
                progress.note("accuracy: " + rows.size() + " rows, " + bad + " failing → " + run.file("accuracy.md"));
            }
            if (plan.throughput()) {
                progress.step("benchmarks (JMH; forks' output in " + run.file("logs") + ")");
                List<ThroughputRow> rows = Throughput.run(plan, jobs, runner, profile, run, progress);
                rows.stream().filter(r -> r.outcome().failing()).forEach(r -> failures.add(
                    String.join(" ", r.kernel(), r.backend(), r.precision()) + " (" + r.outcome() + ")"));
                run.stepDone("benchmarks");
                progress.note("throughput: " + rows.size() + " rows → " + run.file("throughput.md"));
            }
            // the status is final before the report is written, so that report.html shows it
            run.finish(RunStatus.COMPLETE);
        } catch (IOException | RuntimeException e) {
            run.message("failed: " + e);
            try {
                run.finish(RunStatus.INCOMPLETE);
            } catch (IOException second) {
                e.addSuppressed(second); // the directory itself is gone or read-only: report the first failure
            }
            ConsoleNoise.saveTo(run.file("logs"));
            throw e;
        }
        progress.step("report");
        try {
            progress.note("report → " + ReportWriter.write(run.path()));
        } catch (RuntimeException e) {
            run.note("report failed: " + e.getMessage());
            progress.note("report failed: " + e.getMessage());
            failures.add("report.html (" + e.getMessage() + ")");
        }
        ConsoleNoise.saveTo(run.file("logs"));
        // stdout's last line is the run directory (for scripts); a failure is the console's last line, on stderr
        System.out.println(run.path());
        System.out.flush();
        if (!failures.isEmpty()) {
            String shown = String.join("; ", failures.subList(0, Math.min(4, failures.size())));
            System.err.println("sgdbench: run failed: " + (failures.size() <= 4 ? shown
                : failures.size() + " failing rows, first: " + shown + " — see accuracy.md / throughput.md in the run directory"));
        }
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    /** What the run should take: see {@link RunEstimate}. */
    private RunEstimate estimate(Plan plan, List<Throughput.Job> jobs, BenchmarkRunner.Timing timing) {
        boolean builtIn = (caseNames == null || caseNames.isEmpty()) && caseFile == null && walkers == null
            && regression.dataset == null;
        double nativeSeconds = plan.throughput() && plan.nativeReference()
            ? RunEstimate.nativeSeconds(new BenchmarkCatalog.Sizing(quick, plan.options().threads(), !quick),
                plan.precisions().size(), quick) : 0;
        return RunEstimate.of(jobs, timing, plan.accuracy() ? builtIn : null, quick, nativeSeconds);
    }

    /** run.json's configuration: what each setting applied to, in words a reader of the file can check. */
    private Map<String, Object> config(Plan plan) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("quick", quick);
        config.put("strict", strict);
        config.put("backends", plan.backends().stream().map(Backend::id).toList());
        config.put("precisions", plan.precisions().stream().map(Enum::name).toList());
        config.put("threads", plan.options().threads());
        config.put("device", plan.options().device());
        config.put("parts", (plan.accuracy() ? "accuracy " : "") + (plan.throughput() ? "throughput" : ""));
        if (plan.accuracy()) {
            config.put("accuracy.cases", plan.cases().stream().map(VerdictCase::id).toList());
            if (caseFile != null) config.put("accuracy.caseFile", caseFile.toAbsolutePath().normalize().toString());
            config.put("accuracy.walkers", caseFile != null && walkers == null ? "per case (case file)" : plan.walkers());
            config.put("accuracy.seed", seed);
            config.put("accuracy.eta", plan.eta() == null ? "per case" : plan.eta());
            if (noise != null) config.put("accuracy.noise", noise);
            if (cells != null) config.put("accuracy.cells", cells);
            if (nodes != null) config.put("accuracy.nodes", nodes);
        }
        if (plan.throughput()) {
            config.put("benchmarks.kernels", plan.kernels().stream().map(BenchmarkCatalog.Entry::kernelId).toList());
            config.put("benchmarks.models", "each benchmark's fixed model and size grid (see `sgdbench list`); "
                + "eta, walkers, noise, cells and nodes apply to the accuracy pass only");
            if (testSlowdown != null)
                config.put("benchmarks.testSlowdown", testSlowdown + " (TEST ONLY: numbers are not real)");
        }
        return config;
    }

    /**
     * Runs the accuracy pass one case at a time (ensemble on every backend, then the solvers) and rewrites the rows
     * and trajectories so far after each case, atomically: a kill loses at most the case in flight.
     */
    private List<AccuracyRow> accuracy(Plan plan, RunDirectory run, Progress progress) throws IOException {
        progress.step("accuracy pass (" + plan.cases().size() + " cases)");
        EnsembleAccuracy.Settings settings = new EnsembleAccuracy.Settings(plan.backends(), plan.precisions(), seed,
            plan.options(), 5.0, quick);
        List<AccuracyRow> rows = new ArrayList<>();
        List<VarianceTrajectory> trajectories = new ArrayList<>();
        // an unavailable (or failed) backend yields one row per precision for the whole pass, not one per case
        rows.addAll(EnsembleAccuracy.unavailableRows(settings));
        for (VerdictCase c : plan.cases()) {
            progress.beginAccuracy("accuracy: " + c.id() + " — " + c.description());
            rows.addAll(EnsembleAccuracy.run(c, settings, progress::note));
            SolverAccuracy.Output solvers = SolverAccuracy.runCase(c, plan.backends(), plan.precisions(),
                plan.options(), quick, plan.grid(), progress::note);
            rows.addAll(solvers.rows());
            trajectories.addAll(solvers.trajectories());
            Json.writeRows(run.file("trajectories.json"), trajectories);
            Tables.writeAccuracy(run, rows);
            progress.endAccuracy();
        }
        LinearRegressionAccuracy.Settings lr = new LinearRegressionAccuracy.Settings(plan.backends(), plan.precisions(),
            seed, plan.options(), 5.0);
        for (LinearRegressionAccuracy.Case c : regressionCases()) {
            progress.beginAccuracy("linear regression: " + c.id());
            for (AccuracyRow r : LinearRegressionAccuracy.run(List.of(c), lr, progress::note))
                // unavailable backends are reported once for the whole pass (above), not once per case
                if (r.outcome() != Outcome.UNAVAILABLE) rows.add(r);
            Tables.writeAccuracy(run, rows);
            progress.endAccuracy();
        }
        if (runMlp()) {
            progress.beginAccuracy("MLP on digits: minimum, Hessian spectrum, ensembles per direction");
            MlpAccuracy.Output mlp = MlpAccuracy.run(MlpAccuracy.spec(quick, seed, plan.eta()),
                new MlpAccuracy.Settings(plan.backends(), plan.precisions(), plan.options(),
                    out.resolve("results").resolve(MlpAccuracy.CACHE_DIR), quick,
                    quick ? List.of() : MlpAccuracy.SWEEP_ETAS), progress::note);
            for (AccuracyRow r : mlp.rows()) if (r.outcome() != Outcome.UNAVAILABLE) rows.add(r);
            Json.write(run.file(MlpSummary.FILE), mlp.summary());
            Tables.writeAccuracy(run, rows);
            progress.endAccuracy();
        }
        return rows;
    }
}
