package org.sgdbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.bench.DeclaredWork;
import org.sgdbench.throughput.Ceiling;
import org.sgdbench.results.Json;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.throughput.ThroughputTable;

/**
 * The native C reference figures of a run (native-reference.json, written by scripts/native-reference/run.sh) as
 * throughput rows of backend {@value #BACKEND}, and the "% of native" of every Java row: its throughput over the
 * native row of the same kernel, precision, threads and size. The native rows with the suite's portable Box–Muller
 * compute bit-identical results (a test checks it) and are the ones the percentage uses; the rows with the C
 * library's transform carry a {@code transform=libm} parameter and are shown beside, never compared against.
 * A run without the file has no native rows; a file that says "unavailable" gives one such row per kernel.
 */
public final class NativeReference {
    public static final String FILE = "native-reference.json";
    public static final String BACKEND = "native-c";
    /** The kernels the native programs implement. */
    public static final List<String> KERNELS = List.of("sgd-ensemble", "transfer-1d", "transfer-2d");

    private final boolean available;
    private final String reason, compiler, flags;
    private final List<JsonNode> figures;

    private NativeReference(boolean available, String reason, String compiler, String flags, List<JsonNode> figures) {
        this.available = available;
        this.reason = reason;
        this.compiler = compiler;
        this.flags = flags;
        this.figures = figures;
    }

    /** The run directory's figures; empty when the run has no native-reference.json. */
    public static Optional<NativeReference> read(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        if (!Files.exists(f)) return Optional.empty();
        JsonNode root = Json.MAPPER.readTree(f.toFile());
        List<JsonNode> figures = new ArrayList<>();
        root.path("rows").forEach(figures::add);
        return Optional.of(new NativeReference(root.path("available").asBoolean(false),
            root.path("reason").asText("unknown"), root.path("compiler").asText(""), root.path("flags").asText(""),
            figures));
    }

    public boolean available() { return available; }

    /** The native figures as throughput rows (GFLOP/s, GB/s and % of ceiling from the kernel's declared work). */
    public List<ThroughputRow> rows(Ceiling ceiling) {
        List<ThroughputRow> rows = new ArrayList<>();
        if (!available) {
            for (String k : KERNELS)
                rows.add(new ThroughputRow(k, BACKEND, "-", 0, "-", Map.of(), "-", Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, "", Outcome.UNAVAILABLE, reason));
            return rows;
        }
        for (JsonNode f : figures) {
            String kernel = f.path("kernel").asText();
            Optional<BenchmarkCatalog.Entry> entry =
                BenchmarkCatalog.all().stream().filter(e -> e.kernelId().equals(kernel)).findFirst();
            if (entry.isEmpty()) continue;
            String precision = f.path("precision").asText();
            int threads = f.path("threads").asInt(1);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("backend", BACKEND);
            params.put("precision", precision);
            params.put("threads", Integer.toString(threads));
            f.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            String transform = f.path("transform").asText("");
            if (transform.equals("libm")) params.put("transform", "libm");
            DeclaredWork work = entry.get().work().apply(params);
            double median = f.path("median").asDouble(Double.NaN);
            boolean finite = f.path("finite").asBoolean(false);
            // the spread of the repetitions in the place of JMH's confidence half-width
            double halfRange = (f.path("max").asDouble(Double.NaN) - f.path("min").asDouble(Double.NaN)) / 2;
            String device = "C " + compiler + " " + flags + (transform.isEmpty() ? "" : ", " + transform + " transform")
                + ", " + threads + (threads == 1 ? " thread" : " pthreads");
            ThroughputRow row = ThroughputTable.row(kernel, BACKEND, precision, threads, device, params, work,
                finite ? median : Double.NaN, finite ? halfRange : Double.NaN, ceiling, null);
            if (!finite)
                row = new ThroughputRow(row.kernel(), row.backend(), row.precision(), row.threads(), row.device(),
                    row.params(), row.unit(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    row.ceilingName(), Outcome.DIVERGED, "non-finite state", null);
            rows.add(row);
        }
        return rows;
    }

    /** The native rows of {@code runDir} (none without the file). */
    public static List<ThroughputRow> rows(Path runDir, Ceiling ceiling) throws IOException {
        Optional<NativeReference> n = read(runDir);
        return n.isPresent() ? n.get().rows(ceiling) : List.of();
    }

    /** 100 · throughput / the matching native row's throughput; NaN without one (and for native rows). */
    public static double percentOfNative(ThroughputRow r, List<ThroughputRow> rows) {
        if (r.outcome() != Outcome.OK || BACKEND.equals(r.backend())) return Double.NaN;
        for (ThroughputRow n : rows)
            if (n.outcome() == Outcome.OK && BACKEND.equals(n.backend()) && n.kernel().equals(r.kernel())
                && n.precision().equals(r.precision()) && n.threads() == r.threads()
                && sizeOf(n.params()).equals(sizeOf(r.params())))
                return 100 * r.score() / n.score();
        return Double.NaN;
    }

    /** The "% of native" cell: "–" without a matching native row. */
    public static String percentCell(ThroughputRow r, List<ThroughputRow> rows) {
        double p = percentOfNative(r, rows);
        return Double.isNaN(p) ? "–" : String.format(Locale.ROOT, "%.0f %%", p);
    }

    private static Map<String, String> sizeOf(Map<String, String> params) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.remove("backend");
        m.remove("precision");
        m.remove("threads");
        return m;
    }
}
