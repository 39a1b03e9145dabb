package org.sgdbench.report;

import java.util.List;
import java.util.Locale;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.throughput.ThroughputTable;

/** throughput.md / throughput.csv from the throughput rows: the summary first, then every row, then scaling. */
public final class ThroughputReport {
    /** What the "% of ceiling" column shows for a row above its ceiling: a bug in a ceiling or a declared work. */
    public static final String ABOVE_CEILING = "above ceiling: check";

    private ThroughputReport() {}

    private static String size(ThroughputRow r) { return ThroughputSummary.size(r); }

    /** The % of ceiling cell: a number up to 100 %, {@link #ABOVE_CEILING} beyond (never a number above 100). */
    public static String ceilingCell(ThroughputRow r) {
        if (Double.isNaN(r.ceilingPct())) return "–";
        if (r.ceilingPct() > 100) return ABOVE_CEILING;
        return String.format(Locale.ROOT, "%.1f %%", r.ceilingPct());
    }

    public static Table table(List<ThroughputRow> rows) {
        Table t = new Table(List.of("kernel", "backend", "device", "precision", "threads", "size", "throughput",
            "± (99.9 %)", "speed-up vs scalar (99 % CI)", "% of native", "GFLOP/s", "GB/s", "% of ceiling", "ceiling", "status"));
        for (ThroughputRow r : rows) {
            boolean ok = r.outcome() == Outcome.OK;
            ThroughputRow scalar = ok ? ThroughputTable.scalarPartner(rows, r) : null;
            String speedup = scalar == null ? "–" : ThroughputSummary.times(ThroughputSummary.ratio(scalar, r));
            t.add(List.of(r.kernel(), r.backend(), r.device(), r.precision(), Integer.toString(r.threads()), size(r),
                ok ? Engineering.withUnit(r.score(), r.unit() + "/s") : "–", ok ? Engineering.format(r.scoreError()) : "–",
                speedup, NativeReference.percentCell(r, rows), ok ? Engineering.format(r.gflops()) : "–", ok ? Engineering.format(r.gbytes()) : "–",
                ceilingCell(r), r.ceilingName(), r.outcome() == Outcome.OK ? "ok" : r.outcome().name().toLowerCase(Locale.ROOT)
                    + (r.reason().isEmpty() ? "" : ": " + r.reason())));
        }
        return t;
    }

    /** The scaling table's last column: empty at or above the threshold, else why not (see {@link ScalingNote}). */
    public static final String SCALING_NOTE_COLUMN = "why speed-up below 0.85·N (1.7× at N = 2)";

    /**
     * The scaling view: for every kernel, backend, precision and size measured at 1 thread and at more, the
     * throughput at both and the efficiency throughput(N) / (N · throughput(1)), each with its interval, and
     * {@link ScalingNote}'s reason when the speed-up is below 0.85·N.
     */
    public static Table scaling(List<ThroughputRow> rows) {
        Table t = new Table(List.of("kernel", "backend", "precision", "size", "1 thread", "N threads", "N",
            "speed-up (99 % CI)", "scaling efficiency (99 % CI)", SCALING_NOTE_COLUMN));
        for (ThroughputRow one : rows) {
            if (one.outcome() != Outcome.OK || one.threads() != 1) continue;
            for (ThroughputRow many : rows) {
                if (many.outcome() != Outcome.OK || many.threads() <= 1 || !many.kernel().equals(one.kernel())
                    || !many.backend().equals(one.backend()) || !many.precision().equals(one.precision())
                    || !size(many).equals(size(one))) continue;
                ThroughputSummary.Ratio speedup = ThroughputSummary.ratio(one, many);
                t.add(List.of(one.kernel(), one.backend(), one.precision(), size(one),
                    Engineering.withUnit(one.score(), one.unit() + "/s"), Engineering.withUnit(many.score(), many.unit() + "/s"),
                    Integer.toString(many.threads()), ThroughputSummary.times(speedup),
                    ThroughputSummary.percent(speedup, many.threads()), ScalingNote.explain(one, many, rows)));
            }
        }
        return t;
    }

    public static String markdown(List<ThroughputRow> rows, String title) {
        Table scaling = scaling(rows);
        Table summary = ThroughputSummary.table(rows);
        return "# " + title + "\n\n"
            + (summary.size() == 0 ? "" : "## Summary: fastest backend per kernel, precision, threads and size\n\n"
                + summary.markdown() + "\n" + SUMMARY_NOTE + "\n\n## All rows\n\n")
            + table(rows).markdown()
            + (scaling.size() == 0 ? "" : "\n## Scaling (1 thread → all threads)\n\n" + scaling.markdown()
                + "\nScaling efficiency = throughput(N) / (N · throughput(1)); results are bit-identical at every "
                + "thread count (each walker's random numbers depend on the walker alone). A native-c row's scaling is what "
                + "this machine gave native code's extra threads during the run: judge the Java rows against it. \""
                + SCALING_NOTE_COLUMN + "\" is empty when the speed-up reaches 0.85·N; otherwise it says, from this run's "
                + "data, \"not significantly below\" when the speed-up's 99 % interval contains 0.85·N, else \"machine\" when "
                + "native C of the same kernel, precision and size also scaled below 0.85·N, else the device label's "
                + "thread counts below N, else the backend's documented reason (Aparapi on OpenCL ignores the thread "
                + "count; ND4J's ops and noise pool take turns each step), else \"not explained\".\n")
            + "\nThroughput is JMH's mean over measurement iterations converted to the kernel's natural unit per "
            + "second, in engineering notation (k = 10³, M = 10⁶, G = 10⁹); ± is JMH's 99.9 % confidence half-width. "
            + "Speed-up compares with the scalar row of identical parameters in the same run; % of native compares with the "
            + "native C row (backend native-c, same kernel, precision, threads and size, the suite's own transform) "
            + "measured after JMH in the same run. % of ceiling uses the "
            + "kernel's declared flops or bytes per unit against the hardware profile's measured ceiling named in the "
            + "next column; a row above its ceiling is shown as \"" + ABOVE_CEILING + "\": it means a ceiling "
            + "measured too low or a kernel declaring more work than it does, never a real result.\n";
    }

    /** How to read the summary. */
    public static final String SUMMARY_NOTE = "Margin = throughput of the fastest backend / that of the next, with "
        + "a 99 % Welch t interval on the log ratio from JMH's per-iteration scores (the same for speed-ups and "
        + "scaling efficiencies below). \"not significant\": the interval contains 1, the two cannot be told apart "
        + "on this run's data.";

    public static String csv(List<ThroughputRow> rows) {
        Table t = new Table(List.of("kernel", "backend", "device", "precision", "threads", "size", "score", "score_error",
            "unit", "speedup", "native_pct", "gflops", "gbytes", "ceiling_pct", "ceiling", "outcome", "reason"));
        for (ThroughputRow r : rows)
            t.add(List.of(r.kernel(), r.backend(), r.device(), r.precision(), Integer.toString(r.threads()), size(r),
                Table.raw(r.score()), Table.raw(r.scoreError()), r.unit() + "/s", Table.raw(r.speedup()),
                Table.raw(NativeReference.percentOfNative(r, rows)), Table.raw(r.gflops()),
                Table.raw(r.gbytes()), Table.raw(r.ceilingPct()), r.ceilingName(), r.outcome().name(), r.reason()));
        return t.csv();
    }
}
