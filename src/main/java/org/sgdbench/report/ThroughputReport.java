package org.sgdbench.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

/** throughput.md / throughput.csv from the throughput rows. */
public final class ThroughputReport {
    private ThroughputReport() {}

    private static String size(ThroughputRow r) {
        return r.params().entrySet().stream()
            .filter(e -> !List.of("backend", "precision", "threads").contains(e.getKey()))
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    public static Table table(List<ThroughputRow> rows) {
        Table t = new Table(List.of("kernel", "backend", "device", "precision", "threads", "size", "throughput",
            "± (99.9 %)", "unit", "speed-up vs scalar", "% of native", "GFLOP/s", "GB/s", "% of ceiling", "ceiling", "status"));
        for (ThroughputRow r : rows) {
            boolean ok = r.outcome() == Outcome.OK;
            t.add(List.of(r.kernel(), r.backend(), r.device(), r.precision(), Integer.toString(r.threads()), size(r),
                ok ? Table.num(r.score()) : "–", ok ? Table.num(r.scoreError()) : "–", r.unit(),
                Double.isNaN(r.speedup()) ? "–" : String.format(Locale.ROOT, "%.2f×", r.speedup()),
                NativeReference.percentCell(r, rows), ok ? Table.num(r.gflops()) : "–", ok ? Table.num(r.gbytes()) : "–",
                Double.isNaN(r.ceilingPct()) ? "–" : String.format(Locale.ROOT, "%.1f %%", r.ceilingPct()),
                r.ceilingName(), r.outcome() == Outcome.OK ? "ok" : r.outcome().name().toLowerCase(Locale.ROOT)
                    + (r.reason().isEmpty() ? "" : ": " + r.reason())));
        }
        return t;
    }

    /**
     * The scaling view: for every kernel, backend, precision and size measured at 1 thread and at more, the
     * throughput at both and the efficiency throughput(N) / (N · throughput(1)).
     */
    public static Table scaling(List<ThroughputRow> rows) {
        Table t = new Table(List.of("kernel", "backend", "precision", "size", "1 thread", "N threads", "N",
            "speed-up", "scaling efficiency"));
        for (ThroughputRow one : rows) {
            if (one.outcome() != Outcome.OK || one.threads() != 1) continue;
            for (ThroughputRow many : rows) {
                if (many.outcome() != Outcome.OK || many.threads() <= 1 || !many.kernel().equals(one.kernel())
                    || !many.backend().equals(one.backend()) || !many.precision().equals(one.precision())
                    || !size(many).equals(size(one))) continue;
                double speedup = many.score() / one.score();
                t.add(List.of(one.kernel(), one.backend(), one.precision(), size(one), Table.num(one.score()),
                    Table.num(many.score()), Integer.toString(many.threads()), String.format(Locale.ROOT, "%.2f×", speedup),
                    String.format(Locale.ROOT, "%.0f %%", 100 * speedup / many.threads())));
            }
        }
        return t;
    }

    public static String markdown(List<ThroughputRow> rows, String title) {
        Table scaling = scaling(rows);
        return "# " + title + "\n\n" + table(rows).markdown()
            + (scaling.size() == 0 ? "" : "\n## Scaling (1 thread → all threads)\n\n" + scaling.markdown()
                + "\nScaling efficiency = throughput(N) / (N · throughput(1)); results are bit-identical at every "
                + "thread count (each walker's random numbers depend on the walker alone). A native-c row's scaling is what "
                + "this machine gave native code's extra threads during the run: judge the Java rows against it.\n")
            + "\nThroughput is JMH's mean over measurement iterations converted to the kernel's natural unit; "
            + "± is JMH's 99.9 % confidence half-width. Speed-up compares with the scalar row of identical "
            + "parameters in the same run; % of native compares with the native C row (backend native-c, same kernel, "
            + "precision, threads and size, the suite's own transform) measured after JMH in the same run. % of ceiling uses the kernel's declared flops or bytes per unit against "
            + "the hardware profile's measured ceiling for the same thread count.\n";
    }

    public static String csv(List<ThroughputRow> rows) {
        Table t = new Table(List.of("kernel", "backend", "device", "precision", "threads", "size", "score", "score_error",
            "unit", "speedup", "native_pct", "gflops", "gbytes", "ceiling_pct", "ceiling", "outcome", "reason"));
        for (ThroughputRow r : rows)
            t.add(List.of(r.kernel(), r.backend(), r.device(), r.precision(), Integer.toString(r.threads()), size(r),
                Table.raw(r.score()), Table.raw(r.scoreError()), r.unit(), Table.raw(r.speedup()),
                Table.raw(NativeReference.percentOfNative(r, rows)), Table.raw(r.gflops()),
                Table.raw(r.gbytes()), Table.raw(r.ceilingPct()), r.ceilingName(), r.outcome().name(), r.reason()));
        return t.csv();
    }
}
