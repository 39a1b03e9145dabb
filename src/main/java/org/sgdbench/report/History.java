package org.sgdbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ReportInputException;
import org.sgdbench.results.ThroughputRow;

/**
 * {@code sgdbench history}: every run of one hardware profile in time order and, per benchmark row (kernel,
 * backend, precision, threads, size), its throughput series and the change points {@link ChangePoints} finds in
 * it — a regression is a step in the series, not a difference between two noisy points.
 */
public final class History {
    /** One point of a series: a run's throughput for one benchmark row. */
    public record Point(String runId, String startedAt, double score, double error) {}

    /** One benchmark row over the runs. */
    public record Series(String key, String unit, List<Point> points, List<ChangePoints.Change> changes) {
        public Series {
            points = List.copyOf(points);
            changes = List.copyOf(changes);
        }
    }

    /** The runs (in time order) and the series of every benchmark row. */
    public record Result(String profileId, List<String> runs, List<Series> series) {
        public Result {
            runs = List.copyOf(runs);
            series = List.copyOf(series);
        }
    }

    private History() {}

    /** The run directories of a profile folder {@code results/<profile-id>/}: subfolders with a run.json. */
    public static List<RunData> runs(Path profileDir) {
        if (!Files.isDirectory(profileDir)) throw new ReportInputException(profileDir, "not a profile folder of results/");
        List<RunData> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(profileDir)) {
            for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("run.json"))).toList()) out.add(throughputOnly(d));
        } catch (IOException e) {
            throw new ReportInputException(profileDir, "unreadable (" + ReportInputException.firstLine(e) + ")", e);
        }
        out.sort(Comparator.comparing((RunData r) -> String.valueOf(r.manifest().startedAt())).thenComparing(RunData::runId));
        return out;
    }

    /**
     * A run's manifest and throughput rows only: a history needs nothing else, and a run whose other files were
     * written by another version of the suite still has a place in it.
     */
    static RunData throughputOnly(Path runDir) {
        return new RunData(runDir, RunData.readManifest(runDir), RunData.readThroughput(runDir), List.of(), List.of(),
            null, null);
    }

    /** The key of a throughput row across runs. */
    static String key(ThroughputRow r) {
        String size = ThroughputSummary.size(r);
        return r.kernel() + " " + r.backend() + " " + r.precision() + " " + r.threads() + "t" + (size.isEmpty() ? "" : " " + size);
    }

    public static Result of(List<RunData> runs, ChangePoints.Settings settings) {
        Map<String, List<Point>> points = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        String profile = runs.isEmpty() ? "-" : runs.get(0).profileId();
        for (RunData run : runs)
            for (ThroughputRow r : run.throughput()) {
                if (r.outcome() != Outcome.OK || !Double.isFinite(r.score())) continue;
                points.computeIfAbsent(key(r), k -> new ArrayList<>())
                    .add(new Point(run.runId(), run.manifest().startedAt(), r.score(), r.scoreError()));
                units.putIfAbsent(key(r), r.unit());
            }
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, List<Point>> e : points.entrySet()) {
            double[] y = e.getValue().stream().mapToDouble(Point::score).toArray();
            series.add(new Series(e.getKey(), units.get(e.getKey()), e.getValue(), ChangePoints.find(y, settings)));
        }
        return new Result(profile, runs.stream().map(RunData::runId).toList(), series);
    }

    /** The trend tables: per benchmark the latest value, the number of runs, and each change point. */
    public static String markdown(Result h, ChangePoints.Settings s) {
        StringBuilder sb = new StringBuilder("# History of profile " + h.profileId() + "\n\n");
        sb.append(h.runs().size()).append(" runs in time order: ").append(String.join(", ", h.runs())).append("\n\n");
        Table summary = new Table(List.of("benchmark", "runs", "first", "latest", "latest / first", "change points"));
        for (Series x : h.series()) {
            Point first = x.points().get(0), last = x.points().get(x.points().size() - 1);
            summary.add(List.of(x.key(), Integer.toString(x.points().size()),
                Engineering.withUnit(first.score(), x.unit() + "/s"), Engineering.withUnit(last.score(), x.unit() + "/s"),
                String.format(Locale.ROOT, "%.3f", last.score() / first.score()),
                x.changes().isEmpty() ? "none" : String.join("; ", x.changes().stream().map(c -> describe(x, c)).toList())));
        }
        sb.append(summary.markdown()).append('\n');
        for (Series x : h.series()) {
            sb.append("## ").append(x.key()).append("\n\n");
            Table t = new Table(List.of("run", "started", "throughput", "± (99.9 %)", "change"));
            for (int i = 0; i < x.points().size(); i++) {
                Point p = x.points().get(i);
                int at = i;
                String change = x.changes().stream().filter(c -> c.index() == at).map(c -> describe(x, c)).findFirst().orElse("");
                t.add(List.of(p.runId(), String.valueOf(p.startedAt()), Engineering.withUnit(p.score(), x.unit() + "/s"),
                    Engineering.format(p.error()), change));
            }
            sb.append(t.markdown()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Change points: E-divisive means (Matteson & James 2014, energy distance, "
            + "binary segmentation) with a permutation test (%d permutations, fixed seed) at α = %s; segments of at "
            + "least %d runs; shifts below %.0f %% are not reported. A change at run R means R is the first run of the "
            + "new level.%n", s.permutations(), s.alpha(), s.minSize(), 100 * s.minRelativeShift()));
        return sb.toString();
    }

    static String describe(Series x, ChangePoints.Change c) {
        String dir = c.ratio() < 1 ? "slower" : "faster";
        return String.format(Locale.ROOT, "at %s: %s → %s (%.3f×, %s, p = %.3g)", x.points().get(c.index()).runId(),
            Engineering.format(c.before()), Engineering.format(c.after()), c.ratio(), dir, c.pValue());
    }

    /** The trend plot of one series: throughput per run with error bars, each level's mean as a step line. */
    public static XYChart plot(Series x) {
        XYChart c = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(x.key())
            .xAxisTitle("run (time order)").yAxisTitle(x.unit() + "/s").build();
        Plots.style(c.getStyler());
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setyAxisTickLabelsFormattingFunction(Engineering::format);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        int n = x.points().size();
        double[] idx = new double[n], y = new double[n], err = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            y[i] = x.points().get(i).score();
            double e = x.points().get(i).error();
            err[i] = Double.isFinite(e) ? e : 0;
        }
        XYSeries s = c.addSeries("throughput per run", idx, y, err);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        List<Integer> cuts = new ArrayList<>(x.changes().stream().map(ChangePoints.Change::index).toList());
        cuts.add(0, 0);
        cuts.add(n);
        double[] lx = new double[2 * (cuts.size() - 1)], ly = new double[lx.length];
        for (int k = 0; k + 1 < cuts.size(); k++) {
            double m = 0;
            for (int i = cuts.get(k); i < cuts.get(k + 1); i++) m += y[i] / (cuts.get(k + 1) - cuts.get(k));
            lx[2 * k] = cuts.get(k) - 0.5;
            lx[2 * k + 1] = cuts.get(k + 1) - 0.5;
            ly[2 * k] = ly[2 * k + 1] = m;
        }
        XYSeries levels = c.addSeries(x.changes().isEmpty() ? "mean (no change point)" : "level between change points", lx, ly);
        levels.setMarker(SeriesMarkers.NONE);
        levels.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    /** A self-contained HTML page: the Markdown tables as preformatted text and a trend plot per benchmark. */
    public static String html(Result h, ChangePoints.Settings s) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(Table.escape("sgdbench history — " + h.profileId())).append("</title>\n<style>body{font-family:sans-serif;"
                + "margin:2em;max-width:1400px}figure{display:inline-block;margin:0.5em;max-width:820px}img{max-width:100%}"
                + "pre{font-size:12px}</style>\n</head>\n<body>\n<h1>")
            .append(Table.escape("History of profile " + h.profileId())).append("</h1>\n");
        for (Series x : h.series())
            sb.append("<figure><img alt=\"").append(Table.escape(x.key())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Plots.png(plot(x)))).append("\"><figcaption>")
                .append(Table.escape(x.changes().isEmpty() ? "no change point"
                    : String.join("; ", x.changes().stream().map(c -> describe(x, c)).toList())))
                .append("</figcaption></figure>\n");
        sb.append("<pre>").append(Table.escape(markdown(h, s))).append("</pre>\n</body>\n</html>\n");
        return sb.toString();
    }
}
