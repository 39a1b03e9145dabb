package org.sgdbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.sgdbench.results.AtomicFiles;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.throughput.ThroughputTable;

/**
 * The README's headline table and chart, generated from a run so that they are never typed by hand: per kernel and
 * precision, the fastest backend at the kernel's headline size with all threads, its throughput with JMH's interval,
 * its % of the machine ceiling and of native C, and its speed-up from 1 thread to all threads.
 *
 * <p>The headline size of a kernel is the largest size measured at 1 thread and at more (the scaling view), else the
 * largest size; sizes are ordered by the product of their numeric parameters, ties in the order the run measured
 * them. Native C rows are the reference, never a candidate for the fastest backend.
 */
public final class Headline {
    /** The files {@link #write} puts into the run directory. */
    public static final String MARKDOWN = "headline.md", PNG = "headline.png";

    private Headline() {}

    /**
     * One line of the table.
     *
     * @param best    the fastest backend's all-threads row at the headline size
     * @param one     the same backend's 1-thread row (null when not measured)
     * @param others  every backend's all-threads row at that size and precision, best first (the chart's bars)
     */
    public record Line(String kernel, String precision, String size, ThroughputRow best, ThroughputRow one,
                       List<ThroughputRow> others) {}

    private static boolean candidate(ThroughputRow r) {
        return r.outcome() == Outcome.OK && Double.isFinite(r.score()) && !NativeReference.BACKEND.equals(r.backend());
    }

    /** The product of a size's numeric parameters (walkers, cells, batch, …); 1 when none is numeric. */
    static double magnitude(ThroughputRow r) {
        double m = 1;
        for (Map.Entry<String, String> e : r.params().entrySet()) {
            if (List.of("backend", "precision", "threads").contains(e.getKey())) continue;
            try {
                m *= Double.parseDouble(e.getValue());
            } catch (NumberFormatException notNumeric) {
                // a mode (sampling, noise law): not a size
            }
        }
        return m;
    }

    /** The lines, per kernel in the run's order, F32 before F64. */
    public static List<Line> lines(List<ThroughputRow> rows) {
        Map<String, List<ThroughputRow>> byKernel = new LinkedHashMap<>();
        for (ThroughputRow r : rows) if (candidate(r)) byKernel.computeIfAbsent(r.kernel(), k -> new ArrayList<>()).add(r);
        List<Line> out = new ArrayList<>();
        for (Map.Entry<String, List<ThroughputRow>> k : byKernel.entrySet()) {
            List<ThroughputRow> kr = k.getValue();
            Set<String> precisions = new java.util.TreeSet<>();
            kr.forEach(r -> precisions.add(r.precision()));
            for (String p : precisions) {
                List<ThroughputRow> pr = kr.stream().filter(r -> r.precision().equals(p)).toList();
                String size = headlineSize(pr);
                int maxThreads = pr.stream().filter(r -> ThroughputSummary.size(r).equals(size))
                    .mapToInt(ThroughputRow::threads).max().orElseThrow();
                List<ThroughputRow> atSize = pr.stream().filter(r -> ThroughputSummary.size(r).equals(size)
                    && r.threads() == maxThreads).sorted(Comparator.comparingDouble(ThroughputRow::score).reversed()).toList();
                ThroughputRow best = atSize.get(0);
                ThroughputRow one = maxThreads <= 1 ? null : pr.stream().filter(r -> r.threads() == 1
                    && r.backend().equals(best.backend()) && ThroughputSummary.size(r).equals(size)).findFirst().orElse(null);
                out.add(new Line(k.getKey(), p, size, best, one, atSize));
            }
        }
        return out;
    }

    /** The largest size with a 1-thread and a more-thread row, else the largest size. */
    private static String headlineSize(List<ThroughputRow> rows) {
        Map<String, Double> magnitude = new LinkedHashMap<>();
        Map<String, Set<Boolean>> threadKinds = new LinkedHashMap<>();
        for (ThroughputRow r : rows) {
            String s = ThroughputSummary.size(r);
            magnitude.putIfAbsent(s, magnitude(r));
            threadKinds.computeIfAbsent(s, x -> new LinkedHashSet<>()).add(r.threads() > 1);
        }
        Comparator<String> bySize = Comparator.comparingDouble(magnitude::get);
        String scaled = null, largest = null;
        for (String s : magnitude.keySet()) {
            if (largest == null || bySize.compare(s, largest) > 0) largest = s;
            if (threadKinds.get(s).size() == 2 && (scaled == null || bySize.compare(s, scaled) > 0)) scaled = s;
        }
        return scaled != null ? scaled : largest;
    }

    /** The Markdown table with a note on how to read it. */
    public static String markdown(RunData run) {
        List<ThroughputRow> rows = run.throughput();
        Table t = new Table(List.of("kernel", "precision", "size", "fastest backend (of measured)", "throughput (± 99.9 %)",
            "% of ceiling", "% of native C", "1 → N threads (99 % CI)"));
        for (Line l : lines(rows)) {
            ThroughputRow b = l.best();
            String device = b.device().equals(b.backend()) || b.device().isEmpty() ? "" : " (" + b.device() + ")";
            t.add(List.of(l.kernel(), l.precision(), l.size().isEmpty() ? "–" : l.size(),
                b.backend() + device + " (of " + l.others().size() + ")",
                Engineering.withUnit(b.score(), b.unit() + "/s") + " ± " + Engineering.format(b.scoreError()),
                ThroughputReport.ceilingCell(b) + (Double.isNaN(b.ceilingPct()) ? "" : " (" + b.ceilingName() + ")"),
                NativeReference.percentCell(b, rows),
                l.one() == null ? "–" : ThroughputSummary.times(ThroughputSummary.ratio(l.one(), b)) + " at N = " + b.threads()));
        }
        String machine = run.profile() == null ? run.profileId()
            : run.profile().cpu().model() + ", " + run.profile().cpu().physicalCores() + " cores / "
                + run.profile().cpu().logicalCores() + " threads (profile " + run.profileId() + ")";
        return "Run " + run.runId() + " on " + machine + ", " + run.status()
            + (run.manifest().gitCommit() == null ? "" : ", commit " + run.manifest().gitCommit()) + ".\n\n"
            + t.markdown() + "\n"
            + "Per kernel and precision: the fastest backend with all threads at the kernel's headline size (the largest "
            + "size measured at 1 and N threads, else the largest), JMH's mean throughput with its 99.9 % half-width, the "
            + "% of the measured ceiling that bounds it, the % of the native C row of the same kernel, size and threads, "
            + "and the same backend's speed-up from 1 to N threads. Generated by `sgdbench report --headline` from the "
            + "run's throughput.json; every row is in throughput.md.\n";
    }

    /** The chart: per kernel and precision, each backend's throughput at the headline size relative to scalar. */
    public static CategoryChart chart(RunData run) {
        List<Line> lines = lines(run.throughput());
        CategoryChart c = new CategoryChartBuilder().width(Plots.WIDTH + 200).height(Plots.HEIGHT)
            .title("Speed-up over scalar at each kernel's headline size, all threads (" + run.profileId() + ")")
            .xAxisTitle("kernel, precision").yAxisTitle("throughput / scalar's").build();
        Plots.style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setXAxisLabelRotation(30);
        // the suite's backend order, so that a backend keeps its colour from one run's chart to the next
        Set<String> backends = new LinkedHashSet<>();
        for (org.sgdbench.kernel.Backend b : org.sgdbench.kernel.Backend.values()) backends.add(b.id());
        lines.forEach(l -> l.others().forEach(r -> backends.add(r.backend())));
        List<String> categories = lines.stream().map(l -> l.kernel() + " " + l.precision()).toList();
        for (String backend : backends) {
            List<Double> ys = new ArrayList<>();
            for (Line l : lines) {
                ThroughputRow r = l.others().stream().filter(x -> x.backend().equals(backend)).findFirst().orElse(null);
                ThroughputRow scalar = r == null ? null : ThroughputTable.scalarPartner(run.throughput(), r);
                // a kernel without a scalar row (or this backend) gets no bar: a gap, never a made-up value
                ys.add(r == null || scalar == null ? null : r.score() / scalar.score());
            }
            if (ys.stream().anyMatch(java.util.Objects::nonNull)) c.addSeries(backend, categories, ys);
        }
        return c;
    }

    /**
     * Writes headline.md and headline.png into the run directory and returns the Markdown. A run without a throughput
     * row that ran is bad input (a report of nothing would look like one).
     */
    public static String write(Path runDir) throws IOException {
        RunData run = RunData.load(runDir);
        if (lines(run.throughput()).isEmpty())
            throw new org.sgdbench.results.ReportInputException(runDir.resolve("throughput.json"),
                "no benchmark that ran (a headline needs at least one OK throughput row)");
        String md = markdown(run);
        AtomicFiles.writeString(runDir.resolve(MARKDOWN), md);
        AtomicFiles.write(runDir.resolve(PNG), Plots.png(chart(run)));
        return md;
    }
}
