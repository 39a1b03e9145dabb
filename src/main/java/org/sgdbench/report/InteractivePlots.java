package org.sgdbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

/**
 * The data of report.html's interactive plots (throughput per kernel, the roofline, the variance panels), drawn in
 * the page by uPlot (inlined from its WebJar) and a small script of ours. Everything a reader sees is computed here:
 * the values, the confidence intervals shown on hover, the roofs as minimum envelopes and the axis ticks with their
 * engineering labels; the script only draws. The PNG of the same figure stays in the page as the fallback without JavaScript.
 */
public final class InteractivePlots {
    /** The uPlot version of the WebJar on the classpath (pom.xml). */
    public static final String UPLOT_VERSION = "1.6.30";
    static final String UPLOT_DIR = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    static final String SCRIPT = "/org/sgdbench/report/interactive-plots.js";
    /** Mark shape per thread count, also written as a glyph into the legend label. */
    static final String[] MARKERS = {"circle", "diamond", "triangle", "square"};
    static final String[] GLYPHS = {"●", "◆", "▲", "■"};
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173", "#3182bd", "#e6550d"};

    private InteractivePlots() {}

    /** An axis: its label, log or linear, the range drawn, and the tick positions with their labels. */
    public record Axis(String label, boolean log, double min, double max, List<Double> ticks, List<String> tickLabels) {}

    /**
     * One series over the plot's shared x values (null where it has no point). kind "points": marks (shape per
     * thread count) with whiskers from lo to hi and a hover text per point, drawn dx to the side of their x (the
     * series of one size category side by side); kind "roof": a line.
     */
    public record Series(String label, String kind, String color, double width, List<Double> dash, String marker,
                         boolean line, double dx, List<Double> y, List<Double> lo, List<Double> hi, List<String> tips) {}

    /** One interactive plot. */
    public record Plot(String id, String title, Axis x, Axis y, List<Double> xs, List<Series> series) {}

    /** Mark shape for a thread count: circle for 1 thread, then diamond, triangle, square (by power of two). */
    static int markerIndex(int threads) {
        if (threads <= 1) return 0;
        return Integer.bitCount(threads) == 1 ? 1 + (Integer.numberOfTrailingZeros(threads) - 1) % 3 : 3;
    }

    static String threadsLabel(int threads) {
        return threads + (threads == 1 ? " thread " : " threads ") + GLYPHS[markerIndex(threads)];
    }

    private static String sizeLabel(ThroughputRow r) {
        String s = new TreeMap<>(r.params()).entrySet().stream()
            .filter(e -> !List.of("backend", "precision", "threads").contains(e.getKey()))
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return s.isEmpty() ? "-" : s;
    }

    private static List<ThroughputRow> ok(List<ThroughputRow> rows) {
        return rows.stream().filter(r -> r.outcome() == Outcome.OK && Double.isFinite(r.score()) && r.score() > 0).toList();
    }

    private static String interval(double value, double half, String unit) {
        if (!(Double.isFinite(half) && half > 0)) return Engineering.withUnit(value, unit) + " (no interval)";
        return Engineering.withUnit(value, unit) + " ± " + Engineering.format(half) + "  (99.9 % CI "
            + Engineering.format(Math.max(0, value - half)) + " – " + Engineering.format(value + half) + ")";
    }

    /** The throughput of one kernel: x = sizes (categories), one series per backend/precision/threads. */
    public static Plot throughput(String kernel, List<ThroughputRow> rows) {
        List<ThroughputRow> ok = ok(rows).stream().filter(r -> r.kernel().equals(kernel)).toList();
        if (ok.isEmpty()) return null;
        List<String> sizes = ok.stream().map(InteractivePlots::sizeLabel).distinct().toList();
        Map<String, Map<String, ThroughputRow>> bySeries = new LinkedHashMap<>();
        for (ThroughputRow r : ok)
            bySeries.computeIfAbsent(r.backend() + " " + r.precision() + " · " + threadsLabel(r.threads()),
                k -> new LinkedHashMap<>()).put(sizeLabel(r), r);
        String unit = ok.get(0).unit() + "/s";
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) xs.add((double) i);
        Map<String, String> colors = new LinkedHashMap<>();
        List<Series> series = new ArrayList<>();
        double lo = Double.MAX_VALUE, hi = 0;
        for (Map.Entry<String, Map<String, ThroughputRow>> e : bySeries.entrySet()) {
            ThroughputRow first = e.getValue().values().iterator().next();
            String color = colors.computeIfAbsent(first.backend() + " " + first.precision(),
                k -> PALETTE[colors.size() % PALETTE.length]);
            List<Double> y = new ArrayList<>(), l = new ArrayList<>(), h = new ArrayList<>();
            List<String> tips = new ArrayList<>();
            for (String size : sizes) {
                ThroughputRow r = e.getValue().get(size);
                if (r == null) {
                    y.add(null); l.add(null); h.add(null); tips.add(null);
                    continue;
                }
                double err = Double.isFinite(r.scoreError()) ? r.scoreError() : 0;
                y.add(r.score());
                l.add(Math.max(0, r.score() - err));
                h.add(r.score() + err);
                lo = Math.min(lo, r.score() - err > 0 ? r.score() - err : r.score());
                hi = Math.max(hi, r.score() + err);
                tips.add(kernel + ", " + e.getKey() + "\n" + size + "\n" + interval(r.score(), err, unit)
                    + (Double.isFinite(r.speedup()) ? String.format(Locale.ROOT, "\nspeed-up vs scalar %.3g×", r.speedup()) : "")
                    + (Double.isFinite(r.ceilingPct()) ? String.format(Locale.ROOT, "\n%.3g %% of %s", r.ceilingPct(),
                    r.ceilingName()) : ""));
            }
            // side by side within a size, like grouped bars, so that no two series hide each other
            double dx = bySeries.size() == 1 ? 0 : 0.8 * (series.size() / (bySeries.size() - 1.0) - 0.5);
            series.add(new Series(e.getKey(), "points", color, 0, List.of(), MARKERS[markerIndex(first.threads())],
                false, dx, y, l, h, tips));
        }
        // a log axis when the backends are orders of magnitude apart, else linear from 0
        Axis yAxis = hi / lo >= 20 ? logAxis(unit, lo / 1.5, hi * 1.5) : linearAxis(unit, 0, hi * 1.05);
        List<String> labels = new ArrayList<>(sizes);
        Axis xAxis = new Axis("size", false, -0.5, sizes.size() - 0.5, xs, labels);
        return new Plot("throughput-" + kernel, "Throughput: " + kernel, xAxis, yAxis, xs, series);
    }

    /**
     * The roofline, log-log: each OK row at its declared intensity and achieved GFLOP/s, one series per kernel,
     * backend and thread count, marked by thread count; roofs = min(flat peak, bandwidth × intensity) for 1 and all
     * threads: per precision with memory (the roofline proper), per cache level (dashed), and the OpenCL devices'
     * own roofs (dotted) when the run has rows on them. Null without any row that has GFLOP/s and GB/s.
     */
    public static Plot roofline(List<ThroughputRow> rows, Ceilings ceilings) {
        List<ThroughputRow> ok = ok(rows).stream().filter(r -> r.gflops() > 0 && r.gbytes() > 0).toList();
        if (ok.isEmpty()) return null;
        double minX = Double.MAX_VALUE, maxX = 0, minY = Double.MAX_VALUE, maxY = 0;
        for (ThroughputRow r : ok) {
            double ai = r.gflops() / r.gbytes();
            minX = Math.min(minX, ai);
            maxX = Math.max(maxX, ai);
            minY = Math.min(minY, r.gflops());
            maxY = Math.max(maxY, r.gflops());
        }
        double x0 = minX / 4, x1 = maxX * 4;
        List<Roof> roofs = roofs(ok, ceilings);
        TreeSet<Double> xset = new TreeSet<>(List.of(x0, x1));
        for (ThroughputRow r : ok) xset.add(r.gflops() / r.gbytes());
        // a roof's knee (flat / bandwidth) is a shared x too, so that straight segments between x values draw it exactly
        for (Roof f : roofs) if (f.knee() > x0 && f.knee() < x1) xset.add(f.knee());
        List<Double> xs = new ArrayList<>(xset);
        List<Series> series = new ArrayList<>();
        for (Roof f : roofs) {
            List<Double> y = new ArrayList<>();
            for (double x : xs) {
                double v = f.at(x);
                y.add(v);
                minY = Math.min(minY, v);
                maxY = Math.max(maxY, v);
            }
            series.add(new Series(f.label(), "roof", f.color(), f.all() ? 2.4 : 1.2, f.dash(), null, true, 0, y, null,
                null, null));
        }
        Map<String, List<ThroughputRow>> groups = new LinkedHashMap<>();
        for (ThroughputRow r : ok)
            groups.computeIfAbsent(r.kernel() + " " + r.backend() + " · " + threadsLabel(r.threads()), k -> new ArrayList<>()).add(r);
        Map<String, String> colors = new LinkedHashMap<>();
        for (Map.Entry<String, List<ThroughputRow>> e : groups.entrySet()) {
            ThroughputRow first = e.getValue().get(0);
            String color = colors.computeIfAbsent(first.kernel() + " " + first.backend(),
                k -> PALETTE[colors.size() % PALETTE.length]);
            Map<Double, ThroughputRow> byX = new TreeMap<>();
            for (ThroughputRow r : e.getValue()) byX.merge(r.gflops() / r.gbytes(), r, (a, b) -> a.gflops() >= b.gflops() ? a : b);
            List<Double> y = new ArrayList<>(), l = new ArrayList<>(), h = new ArrayList<>();
            List<String> tips = new ArrayList<>();
            for (double x : xs) {
                ThroughputRow r = byX.get(x);
                if (r == null) {
                    y.add(null); l.add(null); h.add(null); tips.add(null);
                    continue;
                }
                // the GFLOP/s interval is the throughput's, scaled (declared flops per unit of work are exact)
                double rel = Double.isFinite(r.scoreError()) ? r.scoreError() / r.score() : 0;
                double half = r.gflops() * rel;
                y.add(r.gflops());
                l.add(r.gflops() - half > 0 ? r.gflops() - half : null);
                h.add(r.gflops() + half);
                if (r.gflops() - half > 0) minY = Math.min(minY, r.gflops() - half);
                maxY = Math.max(maxY, r.gflops() + half);
                tips.add(r.kernel() + " " + r.backend() + " " + r.precision() + " · " + threadsLabel(r.threads()) + "\n"
                    + sizeLabel(r) + "\nintensity " + Engineering.format(x) + " flop/B\n"
                    + interval(r.gflops() * 1e9, half * 1e9, "FLOP/s") + "\n" + Engineering.withUnit(r.gbytes() * 1e9, "B/s")
                    + (Double.isFinite(r.ceilingPct()) ? String.format(Locale.ROOT, "\n%.3g %% of %s", r.ceilingPct(),
                    r.ceilingName()) : ""));
            }
            series.add(new Series(e.getKey(), "points", color, 0, List.of(), MARKERS[markerIndex(first.threads())],
                false, 0, y, l, h, tips));
        }
        Axis xAxis = logAxis("arithmetic intensity (flop/byte, declared)", x0, x1);
        Axis yAxis = logAxis("FLOP/s", minY / 1.5 * 1e9, maxY * 1.5 * 1e9);
        // the y values are in GFLOP/s; the ticks are labelled in FLOP/s so that the engineering prefix reads naturally
        Axis yInGflops = new Axis(yAxis.label(), true, yAxis.min() / 1e9, yAxis.max() / 1e9,
            yAxis.ticks().stream().map(t -> t / 1e9).toList(), yAxis.tickLabels());
        return new Plot("roofline", "Roofline (achieved vs measured ceilings)", xAxis, yInGflops, xs, series);
    }

    /**
     * Variance against step for one verdict case: one line per method (and backend) over the union of their steps,
     * marks where a curve has few points, hover for a point's value. Null when no curve has a finite point.
     */
    public static Plot variance(String caseId, String subtitle, List<org.sgdbench.results.VarianceTrajectory> curves) {
        TreeSet<Double> xset = new TreeSet<>();
        for (var v : curves) for (Long t : v.steps()) xset.add(t.doubleValue());
        if (xset.isEmpty()) return null;
        List<Double> xs = new ArrayList<>(xset);
        List<Series> series = new ArrayList<>();
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (var v : curves) {
            String name = v.method() + (v.backend() == null || v.backend().isEmpty() || "-".equals(v.backend()) ? "" : " " + v.backend());
            Map<Double, Double> at = new TreeMap<>();
            for (int i = 0; i < Math.min(v.steps().size(), v.variance().size()); i++) {
                Double y = v.variance().get(i);
                if (y != null && Double.isFinite(y)) at.put(v.steps().get(i).doubleValue(), y);
            }
            if (at.isEmpty()) continue;
            List<Double> y = new ArrayList<>();
            List<String> tips = new ArrayList<>();
            for (double x : xs) {
                Double val = at.get(x);
                y.add(val);
                tips.add(val == null ? null : caseId + ", " + name + "\nstep t = " + (long) x + "\nVar x_t = "
                    + String.format(Locale.ROOT, "%.6g", val));
                if (val != null) {
                    lo = Math.min(lo, val);
                    hi = Math.max(hi, val);
                }
            }
            series.add(new Series(name, "line", PALETTE[series.size() % PALETTE.length], 1.6, List.of(),
                at.size() <= 40 ? "circle" : null, true, 0, y, null, null, tips));
        }
        if (series.isEmpty()) return null;
        double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(1e-12, 0.05 * Math.abs(hi));
        Axis yAxis = linearAxis("Var x_t", lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad);
        Axis xAxis = linearAxis("step t", xs.get(0), xs.get(xs.size() - 1));
        return new Plot("variance-" + caseId, caseId + ": " + subtitle, xAxis, yAxis, xs, series);
    }

    /** A roof min(flat, bandwidth × x), its knee at flat / bandwidth. */
    record Roof(String label, double flat, double bandwidth, boolean all, String color, List<Double> dash) {
        double at(double x) { return Math.min(flat, bandwidth * x); }

        double knee() { return flat / bandwidth; }
    }

    /** Every roof the throughput table judges rows against (the ones with a value). */
    static List<Roof> roofs(List<ThroughputRow> rows, Ceilings c) {
        List<Roof> out = new ArrayList<>();
        if (c == null) return out;
        String[] cacheColors = {"#00897b", "#5d4037", "#455a64", "#9e9d24"};
        for (boolean all : new boolean[] {false, true}) {
            if (all && c.allThreads() == 1) continue;
            String t = all ? c.allThreads() + " threads" : "1 thread";
            double mem = c.bandwidthGBs(true, all);
            double f64 = c.peakGflops(Precision.F64, all), f32 = c.peakGflops(Precision.F32, all);
            add(out, "roof F32, " + t + ": min(FMA peak, memory × I)", f32, mem, all, "#616161", List.of());
            add(out, "roof F64, " + t + ": min(FMA peak, memory × I)", f64, mem, all, "#000000", List.of());
            int i = 0;
            for (Ceilings.CacheLevel level : c.cacheRead())
                add(out, level.level() + " roof, " + t + ": min(FMA peak, " + level.level() + " × I)", Math.max(f32, f64),
                    level.read().pick(all).value(), all, cacheColors[i++ % cacheColors.length], List.of(7.0, 4.0));
        }
        // the OpenCL devices the rows ran on: their own roofs (measured through Aparapi)
        var devices = rows.stream().map(ThroughputRow::device).filter(d -> d != null && d.startsWith("OpenCL ")).distinct().toList();
        for (Ceilings.Device d : c.devices()) {
            if (!devices.contains(d.device())) continue;
            add(out, "device F32: " + d.device() + ": min(FMA peak, read × I)", d.f32Gflops(), d.readGBs(), true,
                "#6a1b9a", List.of(2.0, 3.0));
            if (d.f64Gflops() != null)
                add(out, "device F64: " + d.device() + ": min(FMA peak, read × I)", d.f64Gflops(), d.readGBs(), true,
                    "#ad1457", List.of(2.0, 3.0));
        }
        return out;
    }

    private static void add(List<Roof> out, String label, double flat, double bandwidth, boolean all, String color,
                            List<Double> dash) {
        if (flat > 0 && bandwidth > 0 && Double.isFinite(flat) && Double.isFinite(bandwidth))
            out.add(new Roof(label, flat, bandwidth, all, color, dash));
    }

    /** A linear axis over [min, max] widened to whole steps of 1, 2 or 5 × 10^k, labelled in engineering notation. */
    static Axis linearAxis(String label, double min, double max) {
        if (!(max > min)) max = min + 1;
        double raw = (max - min) / 6, mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag <= 1 ? mag : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
        List<Double> ticks = new ArrayList<>();
        long k0 = (long) Math.floor(min / step + 1e-9), k1 = (long) Math.ceil(max / step - 1e-9);
        // multiples of the step, computed as k × step so that 0 stays exactly 0
        for (long k = k0; k <= k1; k++) ticks.add(k * step);
        return new Axis(label, false, k0 * step, k1 * step, ticks, ticks.stream().map(Engineering::tick).toList());
    }

    /** A log axis over whole decades: ticks at the decades, and at 2 and 5 × too when it spans fewer than 3. */
    static Axis logAxis(String label, double min, double max) {
        int d0 = (int) Math.floor(Math.log10(min)), d1 = (int) Math.ceil(Math.log10(max));
        if (d1 <= d0) d1 = d0 + 1;
        List<Double> ticks = new ArrayList<>();
        for (int d = d0; d <= d1; d++) {
            double p = Math.pow(10, d);
            ticks.add(p);
            if (d1 - d0 < 3 && d < d1) {
                ticks.add(2 * p);
                ticks.add(5 * p);
            }
        }
        return new Axis(label, true, Math.pow(10, d0), Math.pow(10, d1), ticks,
            ticks.stream().map(Engineering::tick).toList());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The plots as JSON, safe inside a {@code <script type="application/json">} element. */
    static String json(List<Plot> plots) {
        try {
            // "</" would end the script element early; "<\/" is the same JSON string
            return JSON.writeValueAsString(plots).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text resource of the classpath (the WebJar's files, our script). */
    static String resource(String path) {
        try (InputStream in = InteractivePlots.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing on the classpath: " + path
                + " (the uPlot WebJar is a dependency in pom.xml)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** uPlot's minified script, as shipped in its WebJar. */
    static String uplotJs() { return resource(UPLOT_DIR + "uPlot.iife.min.js"); }

    /** uPlot's stylesheet. */
    static String uplotCss() { return resource(UPLOT_DIR + "uPlot.min.css"); }

    /** Our drawing script (marks per thread count, whiskers, hover text). */
    static String script() { return resource(SCRIPT); }
}
