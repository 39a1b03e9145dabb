package org.sgdbench.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;
import org.sgdbench.results.VarianceTrajectory;

/** The charts of report.html, built with XChart and rendered to PNG (headless AWT, no display needed). */
public final class Plots {
    static final int WIDTH = 800, HEIGHT = 480;

    private Plots() {}

    /** PNG bytes of a chart. Forces headless AWT first so that a server without a display can render. */
    public static byte[] png(Chart<?, ?> chart) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAntiAlias(true);
    }

    private static String sizeLabel(ThroughputRow r) {
        String s = new TreeMap<>(r.params()).entrySet().stream()
            .filter(e -> !List.of("backend", "precision", "threads").contains(e.getKey()))
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return s.isEmpty() ? "-" : s;
    }

    /**
     * Throughput of one kernel: categories = sizes, one bar series per backend/precision/threads, error bars =
     * JMH's 99.9 % half-width. Null when the kernel has no OK row.
     */
    public static CategoryChart throughput(String kernel, List<ThroughputRow> rows) {
        List<ThroughputRow> ok = rows.stream()
            .filter(r -> r.kernel().equals(kernel) && r.outcome() == Outcome.OK && Double.isFinite(r.score())).toList();
        if (ok.isEmpty()) return null;
        List<String> sizes = ok.stream().map(Plots::sizeLabel).distinct().toList();
        Map<String, Map<String, ThroughputRow>> bySeries = new LinkedHashMap<>();
        for (ThroughputRow r : ok)
            bySeries.computeIfAbsent(r.backend() + " " + r.precision() + " " + r.threads() + (r.threads() == 1 ? " thread" : " threads"), k -> new LinkedHashMap<>())
                .put(sizeLabel(r), r);
        // the legend beside the plot, one entry a line, the chart as tall as the legend needs: never clipped
        CategoryChart c = new CategoryChartBuilder().width(WIDTH + 240).height(legendHeight(bySeries.size(), HEIGHT))
            .title("Throughput: " + kernel).xAxisTitle("size").yAxisTitle(ok.get(0).unit() + "/s").build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setLegendLayout(Styler.LegendLayout.Vertical);
        c.getStyler().setErrorBarsColorSeriesColor(false);
        c.getStyler().setErrorBarsColor(Color.BLACK);
        c.getStyler().setyAxisTickLabelsFormattingFunction(Engineering::format);
        c.getStyler().setYAxisMin(0.0); // a throughput is never negative, even when a wide error bar reaches below 0
        for (Map.Entry<String, Map<String, ThroughputRow>> e : bySeries.entrySet()) {
            List<Double> y = new ArrayList<>(), err = new ArrayList<>();
            for (String size : sizes) {
                ThroughputRow r = e.getValue().get(size);
                y.add(r == null ? 0.0 : r.score());
                err.add(r == null || !Double.isFinite(r.scoreError()) ? 0.0 : r.scoreError());
            }
            c.addSeries(e.getKey(), sizes, y, err);
        }
        return c;
    }

    /**
     * Roofline, log-log: x = arithmetic intensity (declared flops/bytes per unit of work), y = achieved GFLOP/s.
     * Roofs, for 1 thread and for all threads: min(FMA peak, memory read bandwidth × intensity) per precision (the
     * roofline proper), and one min(peak, level bandwidth × intensity) per measured cache level (dashed) — every
     * ceiling the throughput table judges rows against. Rows are marked by thread count. Null when no row has
     * both GFLOP/s and GB/s.
     */
    public static XYChart roofline(List<ThroughputRow> rows, Ceilings ceilings) {
        List<ThroughputRow> ok = rows.stream().filter(r -> r.outcome() == Outcome.OK && r.gflops() > 0 && r.gbytes() > 0)
            .toList();
        if (ok.isEmpty()) return null;
        long points = ok.stream().map(r -> r.kernel() + " " + r.backend() + " " + r.threads()).distinct().count();
        int roofs = ceilings == null ? 0 : 2 * (2 + ceilings.cacheRead().size());
        XYChart c = new XYChartBuilder().width(WIDTH + 260).height(legendHeight((int) points + roofs, HEIGHT + 40))
            .title("Roofline (achieved vs measured ceilings)")
            .xAxisTitle("arithmetic intensity (flop/byte, declared)").yAxisTitle("GFLOP/s").build();
        style(c.getStyler());
        // many series: a vertical legend beside the plot instead of one long line under it
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setLegendLayout(Styler.LegendLayout.Vertical);
        // log axes keep XChart's decade ticks: a tick formatting function would switch it to linear ticks
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(9);
        double minX = Double.MAX_VALUE, maxX = 0;
        for (ThroughputRow r : ok) {
            double ai = r.gflops() / r.gbytes();
            minX = Math.min(minX, ai);
            maxX = Math.max(maxX, ai);
        }
        double x0 = minX / 4, x1 = maxX * 4;
        if (ceilings != null) {
            for (boolean all : new boolean[] {false, true}) {
                if (all && ceilings.allThreads() == 1) continue;
                String t = all ? ceilings.allThreads() + " threads" : "1 thread";
                double mem = ceilings.bandwidthGBs(true, all);
                double f64 = ceilings.peakGflops(org.sgdbench.problem.Precision.F64, all);
                double f32 = ceilings.peakGflops(org.sgdbench.problem.Precision.F32, all);
                // the roofline proper: min(FMA peak, memory bandwidth × intensity), per precision
                roof(c, "roof F32, " + t + ": min(FMA peak, memory)", x0, x1, f32, mem, all, false);
                roof(c, "roof F64, " + t + ": min(FMA peak, memory)", x0, x1, f64, mem, all, false);
                // the cache levels' roofs: rows whose working set fits in a level are judged against it
                for (Ceilings.CacheLevel level : ceilings.cacheRead())
                    roof(c, level.level() + " roof, " + t, x0, x1, Math.max(f32, f64), level.read().pick(all).value(), all, true);
            }
        }
        Map<String, List<ThroughputRow>> byKernel = new LinkedHashMap<>();
        for (ThroughputRow r : ok)
            byKernel.computeIfAbsent(r.kernel() + " " + r.backend() + " " + r.threads() + "t", k -> new ArrayList<>()).add(r);
        for (Map.Entry<String, List<ThroughputRow>> e : byKernel.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(r -> r.gflops() / r.gbytes()).toArray();
            double[] y = e.getValue().stream().mapToDouble(ThroughputRow::gflops).toArray();
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(threadMarker(e.getValue().get(0).threads()));
        }
        return c;
    }

    /** Chart height so that a vertical legend of {@code entries} lines fits beside the plot (at least {@code min}). */
    static int legendHeight(int entries, int min) { return Math.max(min, 22 * entries + 90); }

    /** One mark per thread count: circles for 1 thread, diamonds for more (and other shapes for other counts). */
    static org.knowm.xchart.style.markers.Marker threadMarker(int threads) {
        if (threads <= 1) return SeriesMarkers.CIRCLE;
        return switch (Integer.bitCount(threads) == 1 ? Integer.numberOfTrailingZeros(threads) % 3 : 2) {
            case 1 -> SeriesMarkers.DIAMOND;
            case 2 -> SeriesMarkers.TRIANGLE_UP;
            default -> SeriesMarkers.SQUARE;
        };
    }

    /** A roof min(flat, bandwidth × x) over [x0, x1]; all-thread roofs thicker, cache roofs dashed. */
    private static void roof(XYChart c, String name, double x0, double x1, double flat, double bandwidth, boolean all,
                             boolean dashed) {
        if (!(flat > 0) || !(bandwidth > 0)) return;
        int n = 48;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = x0 * Math.pow(x1 / x0, i / (double) (n - 1));
            y[i] = Math.min(flat, bandwidth * x[i]);
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(all ? 2.2f : 1.2f);
        if (dashed) s.setLineStyle(new java.awt.BasicStroke(all ? 2.2f : 1.2f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }

    /** Variance against the step for one case: one line per method (and backend). */
    public static XYChart variance(String caseId, String subtitle, List<VarianceTrajectory> curves) {
        return variance(caseId, subtitle, curves, WIDTH / 2 + 140);
    }

    /** {@link #variance(String, String, List)} at a given width (panels with many curves need room for the legend). */
    public static XYChart variance(String caseId, String subtitle, List<VarianceTrajectory> curves, int width) {
        // the legend beside the plot, one entry a line, wide and tall enough for every name: never clipped (a
        // horizontal legend under a narrow panel cut the last names off)
        int longest = curves.stream().mapToInt(v -> v.method().length() + (v.backend() == null ? 0 : v.backend().length() + 4))
            .max().orElse(10);
        XYChart c = new XYChartBuilder().width(width + 50 + 7 * longest).height(legendHeight(curves.size(), HEIGHT - 40))
            .title(caseId + ": " + subtitle).xAxisTitle("step t").yAxisTitle("Var x_t").build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setLegendLayout(Styler.LegendLayout.Vertical);
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        for (VarianceTrajectory v : curves) {
            double[] x = v.steps().stream().mapToDouble(Long::doubleValue).toArray();
            double[] y = v.variance().stream().mapToDouble(Double::doubleValue).toArray();
            if (x.length == 0) continue;
            String name = v.method() + ("-".equals(v.backend()) || v.backend() == null || v.backend().isEmpty() ? "" : " " + v.backend());
            XYSeries s = c.addSeries(uniqueName(c, name), x, y);
            s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return c;
    }

    private static String uniqueName(XYChart c, String name) {
        String n = name;
        for (int i = 2; c.getSeriesMap().containsKey(n); i++) n = name + " #" + i;
        return n;
    }

    /** Langevin's relative error of the stationary variance (OU v∞ / exact v∞ − 1, %) against ηλ, per σ_h. */
    public static XYChart langevinError(Map<String, double[][]> curves) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Langevin (OU) error of the stationary variance")
            .xAxisTitle("ηλ").yAxisTitle("OU v∞ / exact v∞ − 1  (%)").build();
        style(c.getStyler());
        c.getStyler().setXAxisDecimalPattern("0.0#");
        for (Map.Entry<String, double[][]> e : curves.entrySet()) {
            XYSeries s = c.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }
}
