package org.sgdbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.bench.DeclaredWork;

/**
 * Turns JMH's jmh.json into throughput rows: natural units from each benchmark's declared work, speed-up
 * against the scalar row with the same other parameters, achieved GFLOP/s and GB/s and % of the ceiling.
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

    /** Reads jmh.json (JMH's JSON format) into rows; {@code devices} maps {@link #deviceKey} → device label. */
    public static List<ThroughputRow> fromJmhJson(Path jmhJson, Ceiling ceiling, Map<String, String> devices)
            throws IOException {
        JsonNode root = Json.MAPPER.readTree(jmhJson.toFile());
        List<ThroughputRow> rows = new ArrayList<>();
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText();
            Optional<BenchmarkCatalog.Entry> entry = BenchmarkCatalog.forBenchmark(name);
            if (entry.isEmpty()) continue;
            Map<String, String> params = new LinkedHashMap<>();
            b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            DeclaredWork work = entry.get().work().apply(params);
            JsonNode pm = b.path("primaryMetric");
            double opsPerSec = pm.path("score").asDouble(Double.NaN);
            double opsErr = pm.path("scoreError").asDouble(Double.NaN);
            if (!"ops/s".equals(pm.path("scoreUnit").asText()))
                throw new IOException(name + ": expected a throughput score in ops/s, found " + pm.path("scoreUnit").asText());
            String backend = params.getOrDefault("backend", "-");
            String precision = params.getOrDefault("precision", "-");
            int threads = threadsOf(params.get("threads"));
            double score = opsPerSec * work.unitsPerOp();
            rows.add(row(entry.get().kernelId(), backend, precision, threads,
                devices.getOrDefault(deviceKey(entry.get().kernelId(), backend, precision, threads),
                    devices.getOrDefault(deviceKey(entry.get().kernelId(), backend, precision), backend)),
                params, work, score, opsErr * work.unitsPerOp(), ceiling, Outcome.OK, ""));
        }
        return withSpeedups(rows);
    }

    static int threadsOf(String p) {
        if (p == null) return 1;
        return "all".equals(p) ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p);
    }

    /** A row with derived columns (GFLOP/s, GB/s, % of ceiling); speed-up filled later. */
    public static ThroughputRow row(String kernel, String backend, String precision, int threads, String device,
                                    Map<String, String> params, DeclaredWork work, double score, double err,
                                    Ceiling ceiling, Outcome outcome, String reason) {
        double gflops = score * work.flopsPerUnit() / 1e9, gbytes = score * work.bytesPerUnit() / 1e9;
        Ceiling.Value c = ceiling.lookup(work.bound(), precision, threads);
        double pct = Double.NaN;
        String cname = "";
        if (c != null && c.value() > 0 && outcome == Outcome.OK) {
            pct = 100 * (work.bound() == DeclaredWork.Bound.MEMORY ? gbytes : gflops) / c.value();
            cname = c.name();
        }
        return new ThroughputRow(kernel, backend, precision, threads, device, params, work.unit(), score, err,
            Double.NaN, gflops, gbytes, pct, cname, outcome, reason);
    }

    /** Fills the speed-up column: score over the scalar row whose other parameters are identical. */
    public static List<ThroughputRow> withSpeedups(List<ThroughputRow> rows) {
        List<ThroughputRow> out = new ArrayList<>();
        for (ThroughputRow r : rows) {
            double speedup = Double.NaN;
            for (ThroughputRow s : rows) {
                if (s.outcome() == Outcome.OK && "scalar".equals(s.backend()) && s.kernel().equals(r.kernel())
                    && sameExceptBackend(s.params(), r.params())) {
                    speedup = r.score() / s.score();
                }
            }
            out.add(new ThroughputRow(r.kernel(), r.backend(), r.precision(), r.threads(), r.device(), r.params(),
                r.unit(), r.score(), r.scoreError(), speedup, r.gflops(), r.gbytes(), r.ceilingPct(),
                r.ceilingName(), r.outcome(), r.reason()));
        }
        return out;
    }

    private static boolean sameExceptBackend(Map<String, String> a, Map<String, String> b) {
        if (a.size() != b.size()) return false;
        for (Map.Entry<String, String> e : a.entrySet())
            if (!e.getKey().equals("backend") && !Objects.equals(e.getValue(), b.get(e.getKey()))) return false;
        return true;
    }
}
