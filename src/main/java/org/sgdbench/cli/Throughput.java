package org.sgdbench.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.sgdbench.bench.BenchParams;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.bench.BenchmarkRunner;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.RunDirectory;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.throughput.ThroughputTable;

/**
 * The benchmark part of a run: one JMH job per (kernel, backend, precision) that can run, a status row for
 * every one that cannot (unavailable backend, kernel not supported, preflight failure), and the tables
 * re-rendered after every job so that a run stopped halfway keeps readable tables of what finished.
 */
final class Throughput {
    private Throughput() {}

    /** One JMH job to run: a kernel on one backend in one precision, with its parameter values. */
    record Job(BenchmarkCatalog.Entry entry, Backend backend, Precision precision, Map<String, List<String>> params) {}

    /** The kernels whose id or benchmark class name {@code kernel} finds (all when null). */
    static List<BenchmarkCatalog.Entry> kernels(Pattern kernel) {
        return BenchmarkCatalog.all().stream().filter(e -> kernel == null || kernel.matcher(e.kernelId()).find()
            || kernel.matcher(e.benchmarkClass().getName()).find()).toList();
    }

    /**
     * Every job the plan asks for on the backends this machine has: one per kernel, backend, precision and parameter
     * grid of the kernel. A backend and precision the benchmark class does not implement gets no job (see
     * {@link #notImplemented}).
     */
    static List<Job> jobs(RunCommand.Plan plan, boolean quick) {
        return jobs(plan.kernels(), plan.backends().stream().filter(b -> b.provider().isPresent()).toList(),
            plan.precisions(), plan.options().threads(), quick);
    }

    /** The jobs for these kernels on these backends (taken as available), precisions and thread count. */
    static List<Job> jobs(List<BenchmarkCatalog.Entry> kernels, List<Backend> backends, List<Precision> precisions,
                          int threads, boolean quick) {
        List<Job> jobs = new ArrayList<>();
        BenchmarkCatalog.Sizing sizing = new BenchmarkCatalog.Sizing(quick, threads, !quick);
        for (BenchmarkCatalog.Entry e : kernels)
            for (Backend b : backends) {
                for (Precision p : precisions) {
                    if (e.implemented().whyNot(b, p).isPresent()) continue;
                    for (Map<String, List<String>> grid : e.grids().apply(sizing)) {
                        Map<String, List<String>> params = new LinkedHashMap<>(grid);
                        if (b == Backend.APARAPI && params.containsKey("threads"))
                            // an OpenCL device always uses all its compute units: a 1-thread row would be a lie
                            params.put("threads", List.of(Integer.toString(threads)));
                        params.put("backend", List.of(b.id()));
                        params.put("precision", List.of(p.name()));
                        if (jobs.stream().noneMatch(j -> j.entry() == e && j.params().equals(params)))
                            jobs.add(new Job(e, b, p, params));
                    }
                }
            }
        return jobs;
    }

    /** Status rows for the kernels, available backends and precisions the plan asks for that have no implementation. */
    static List<ThroughputRow> notImplemented(RunCommand.Plan plan) {
        List<ThroughputRow> rows = new ArrayList<>();
        for (BenchmarkCatalog.Entry e : plan.kernels())
            for (Backend b : plan.backends()) {
                if (b.provider().isEmpty()) continue;
                for (Precision p : plan.precisions())
                    e.implemented().whyNot(b, p).ifPresent(why ->
                        rows.add(status(e, b, p.name(), Outcome.NOT_SUPPORTED, why)));
            }
        return rows;
    }

    /** The benchmark part's estimated seconds: every job's JMH timing (see {@link BenchmarkRunner#estimatedSeconds}). */
    static double estimatedSeconds(List<Job> jobs, BenchmarkRunner.Timing timing) {
        double s = 0;
        for (Job j : jobs) s += BenchmarkRunner.estimatedSeconds(timing, j.params());
        return s;
    }

    /** Parameter combinations the jobs measure (each is one JMH trial of {@code forks} forks). */
    static long combinations(List<Job> jobs) {
        long n = 0;
        for (Job j : jobs) n += BenchmarkRunner.combinations(j.params());
        return n;
    }

    static List<ThroughputRow> run(RunCommand.Plan plan, List<Job> jobs, BenchmarkRunner runner,
                                   Profiling.Result profile, RunDirectory run, Progress progress) throws IOException {
        List<ThroughputRow> statusRows = new ArrayList<>();
        Map<String, String> devices = new HashMap<>();
        for (BenchmarkCatalog.Entry e : plan.kernels())
            for (Backend b : plan.backends())
                if (b.provider().isEmpty()) statusRows.add(status(e, b, "-", Outcome.UNAVAILABLE, b.availability().reason()));
        statusRows.addAll(notImplemented(plan));
        render(run, profile, devices, statusRows);
        for (Job job : jobs) {
            BenchmarkCatalog.Entry e = job.entry();
            Backend b = job.backend();
            Precision p = job.precision();
            double estimate = runner.estimatedSeconds(job.params());
            String label = String.format("benchmark %s %s %s %s", e.kernelId(), b.id(), p, job.params());
            progress.beginBenchmark(label);
            String device = null;
            try {
                // one preflight per thread count: the device label records the threads the kernel really used
                List<String> threadCounts = job.params().getOrDefault("threads",
                    List.of(Integer.toString(plan.options().threads())));
                for (String t : threadCounts) {
                    int threads = BenchParams.threads(t);
                    device = e.preflight().check(b.require(), p, new KernelOptions(threads, plan.options().device()));
                    devices.put(ThroughputTable.deviceKey(e.kernelId(), b.id(), p.name(), threads), device);
                }
            } catch (KernelNotSupportedException ex) {
                // a kernel split into several grids is preflighted once per grid: one row says it
                ThroughputRow row = status(e, b, p.name(), Outcome.NOT_SUPPORTED, ex.getMessage());
                if (!statusRows.contains(row)) statusRows.add(row);
                progress.endBenchmark(estimate, false);
                continue;
            } catch (RuntimeException | LinkageError ex) {
                statusRows.add(status(e, b, p.name(), Outcome.FAILED, "preflight: " + ex));
                progress.endBenchmark(estimate, false);
                continue;
            }
            devices.put(ThroughputTable.deviceKey(e.kernelId(), b.id(), p.name()), device);
            List<RunResult> r = List.copyOf(runner.run(new BenchmarkRunner.Job(e.benchmarkClass(), job.params(), label),
                s -> { }));
            if (r.isEmpty())
                statusRows.add(status(e, b, p.name(), Outcome.FAILED,
                    "JMH reported an error (setup check or crash); see logs/ in the run directory"));
            render(run, profile, devices, statusRows);
            progress.endBenchmark(estimate, true);
        }
        if (plan.nativeReference())
            NativeStep.run(plan, new BenchmarkCatalog.Sizing(plan.quick(), plan.options().threads(), !plan.quick()),
                plan.quick(), run, progress);
        return render(run, profile, devices, statusRows);
    }

    private static List<ThroughputRow> render(RunDirectory run, Profiling.Result profile, Map<String, String> devices,
                                              List<ThroughputRow> statusRows) throws IOException {
        List<ThroughputRow> rows = new ArrayList<>();
        if (java.nio.file.Files.exists(run.file("jmh.json")))
            rows.addAll(ThroughputTable.fromJmhJson(run.file("jmh.json"), profile.ceiling(), devices));
        rows.addAll(statusRows);
        rows.addAll(org.sgdbench.report.NativeReference.rows(run.path(), profile.ceiling()));
        rows = ThroughputTable.withSpeedups(rows);
        Tables.writeThroughput(run, rows);
        return rows;
    }

    private static ThroughputRow status(BenchmarkCatalog.Entry e, Backend b, String precision, Outcome o, String why) {
        return new ThroughputRow(e.kernelId(), b.id(), precision, 0, "-", Map.of(), "-", Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", o, why);
    }
}
