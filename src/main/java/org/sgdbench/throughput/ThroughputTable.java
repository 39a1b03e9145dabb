package org.sgdbench.throughput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.bench.DeclaredWork;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ReportInputException;
import org.sgdbench.results.ThroughputRow;

/**
 * The throughput accounting: turns JMH's results into throughput rows — natural units from each benchmark's
 * declared work, speed-up against the scalar row with the same other parameters, achieved GFLOP/s and GB/s and %
 * of the ceiling that bounds the row. jmh.json itself is read by {@link JmhResults} alone.
 */
public final class ThroughputTable {
    private ThroughputTable() {}

    /** The key of {@code devices}: the device can differ per kernel and precision (e.g. SIMD lane counts). */
    public static String deviceKey(String kernel, String backend, String precision) {
        return kernel + "/" + backend + "/" + precision;
    }

    /** The key of the device measured at one thread count (looked up first, before {@link #deviceKey(String, String, String)}). */
    public static String deviceKey(String kernel, String backend, String precision, int threads) {
        return deviceKey(kernel, backend, precision) + "/" + threads;
    }

    /** Reads jmh.json into rows; {@code devices} maps {@link #deviceKey} → device label. */
    public static List<ThroughputRow> fromJmhJson(Path jmhJson, Ceiling ceiling, Map<String, String> devices) {
        return fromBenchmarks(jmhJson, JmhResults.read(jmhJson), ceiling, devices);
    }

    /** Rows of the benchmarks of the suite's catalog (others are skipped); {@code source} names them in errors. */
    static List<ThroughputRow> fromBenchmarks(Path source, List<JmhResults.Benchmark> benchmarks, Ceiling ceiling,
                                              Map<String, String> devices) {
        List<ThroughputRow> rows = new ArrayList<>();
        for (JmhResults.Benchmark b : benchmarks) {
            Optional<BenchmarkCatalog.Entry> entry = BenchmarkCatalog.forBenchmark(b.name());
            if (entry.isEmpty()) continue;
            if (!"ops/s".equals(b.unit()))
                throw new ReportInputException(source, b.name() + ": expected a throughput score in ops/s, found " + b.unit());
            Map<String, String> params = b.params();
            DeclaredWork work = entry.get().work().apply(params);
            String backend = params.getOrDefault("backend", "-");
            String precision = params.getOrDefault("precision", "-");
            int threads = threadsOf(params.get("threads"));
            double[] samples = b.raw();
            for (int i = 0; i < samples.length; i++) samples[i] *= work.unitsPerOp();
            rows.add(row(entry.get().kernelId(), backend, precision, threads,
                devices.getOrDefault(deviceKey(entry.get().kernelId(), backend, precision, threads),
                    devices.getOrDefault(deviceKey(entry.get().kernelId(), backend, precision), backend)),
                params, work, b.score() * work.unitsPerOp(), b.scoreError() * work.unitsPerOp(), ceiling, samples));
        }
        return withSpeedups(rows);
    }

    static int threadsOf(String p) {
        if (p == null) return 1;
        return "all".equals(p) ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p);
    }

    /**
     * An OK row with its derived columns: GFLOP/s and GB/s from the declared flops and bytes per unit, and % of the
     * ceiling the lookup returns for the row (bandwidth for memory-bound work, FMA peak for compute-bound work).
     * The speed-up is filled by {@link #withSpeedups}.
     */
    public static ThroughputRow row(String kernel, String backend, String precision, int threads, String device,
                                    Map<String, String> params, DeclaredWork work, double score, double err,
                                    Ceiling ceiling, double[] samples) {
        double gflops = score * work.flopsPerUnit() / 1e9, gbytes = score * work.bytesPerUnit() / 1e9;
        Ceiling.Value c = ceiling.lookup(work, backend, device, precision, threads);
        double pct = Double.NaN;
        String cname = "";
        if (c != null && c.value() > 0) {
            pct = 100 * (work.bound() == DeclaredWork.Bound.MEMORY ? gbytes : gflops) / c.value();
            cname = c.name();
        }
        return new ThroughputRow(kernel, backend, precision, threads, device, params, work.unit(), score, err,
            Double.NaN, gflops, gbytes, pct, cname, Outcome.OK, "", samples);
    }

    /** Fills the speed-up column: score over the scalar row whose other parameters are identical. */
    public static List<ThroughputRow> withSpeedups(List<ThroughputRow> rows) {
        List<ThroughputRow> out = new ArrayList<>();
        for (ThroughputRow r : rows) {
            ThroughputRow s = scalarPartner(rows, r);
            out.add(r.withSpeedup(s == null ? Double.NaN : r.score() / s.score()));
        }
        return out;
    }

    /** The OK scalar row with the same kernel and the same parameters except the backend, or null. */
    public static ThroughputRow scalarPartner(List<ThroughputRow> rows, ThroughputRow r) {
        ThroughputRow found = null;
        for (ThroughputRow s : rows)
            if (s.outcome() == Outcome.OK && "scalar".equals(s.backend()) && s.kernel().equals(r.kernel())
                && sameExceptBackend(s.params(), r.params())) found = s;
        return found;
    }

    private static boolean sameExceptBackend(Map<String, String> a, Map<String, String> b) {
        if (a.size() != b.size()) return false;
        for (Map.Entry<String, String> e : a.entrySet())
            if (!e.getKey().equals("backend") && !Objects.equals(e.getValue(), b.get(e.getKey()))) return false;
        return true;
    }
}
