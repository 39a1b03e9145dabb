package org.sgdbench.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.bench.BenchmarkRunner;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.RunDirectory;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.results.ThroughputTable;

/**
 * The benchmark part of a run: one JMH job per (kernel, backend, precision) that can run, a status row for
 * every one that cannot (unavailable backend, kernel not supported, preflight failure), and the tables
 * re-rendered after every job so that a run stopped halfway keeps readable tables of what finished.
 */
final class Throughput {
    private Throughput() {}

    static List<ThroughputRow> run(RunCommand.Plan plan, boolean quick, BenchmarkRunner runner,
                                   Profiling.Result profile, RunDirectory run, RunCommand.Progress progress)
            throws IOException {
        List<ThroughputRow> statusRows = new ArrayList<>();
        Map<String, String> devices = new HashMap<>();
        BenchmarkCatalog.Sizing sizing = new BenchmarkCatalog.Sizing(quick, plan.options().threads(), !quick);
        for (BenchmarkCatalog.Entry e : BenchmarkCatalog.all()) {
            for (Backend b : plan.backends()) {
                if (b.provider().isEmpty()) {
                    statusRows.add(status(e, b, "-", Outcome.UNAVAILABLE, b.availability().reason()));
                    continue;
                }
                for (Precision p : plan.precisions()) {
                    Map<String, List<String>> params = new LinkedHashMap<>(e.params().apply(sizing));
                    if (b == Backend.APARAPI && params.containsKey("threads"))
                        // an OpenCL device always uses all its compute units: a 1-thread row would be a lie
                        params.put("threads", List.of(Integer.toString(plan.options().threads())));
                    // one preflight per thread count: the device label records the threads the kernel really used
                    List<String> threadCounts = params.getOrDefault("threads", List.of(Integer.toString(plan.options().threads())));
                    try {
                        for (String t : threadCounts) {
                            String device = e.preflight().check(b.require(), p, Integer.parseInt(t));
                            devices.put(ThroughputTable.deviceKey(e.kernelId(), b.id(), p.name()), device);
                            devices.put(ThroughputTable.deviceKey(e.kernelId(), b.id(), p.name(), Integer.parseInt(t)), device);
                        }
                    } catch (KernelNotSupportedException ex) {
                        statusRows.add(status(e, b, p.name(), Outcome.NOT_SUPPORTED, ex.getMessage()));
                        continue;
                    } catch (RuntimeException | LinkageError ex) {
                        statusRows.add(status(e, b, p.name(), Outcome.FAILED, "preflight: " + ex));
                        continue;
                    }
                    params.put("backend", List.of(b.id()));
                    params.put("precision", List.of(p.name()));
                    String label = String.format("%s %s %s %s", e.kernelId(), b.id(), p, params);
                    List<RunResult> r = List.copyOf(runner.run(new BenchmarkRunner.Job(e.benchmarkClass(), params, label),
                        progress::note));
                    if (r.isEmpty())
                        statusRows.add(status(e, b, p.name(), Outcome.FAILED,
                            "JMH reported an error (setup check or crash); see logs/ in the run directory"));
                    render(run, profile, devices, statusRows);
                }
            }
        }
        if (plan.nativeReference()) NativeStep.run(plan, sizing, quick, run, progress);
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
