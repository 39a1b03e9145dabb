package org.sgdbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.internal.chartpart.Chart;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.hardware.HardwareProfile;
import org.sgdbench.results.AtomicFiles;
import org.sgdbench.results.ThroughputRow;

/**
 * report.html of a run directory: one self-contained file (inline CSS and scripts, plots as base64 PNG data URIs,
 * nothing fetched from the network) with the significance summary first, the run's metadata, the throughput and
 * accuracy tables, and the plots: throughput per kernel with error bars, a roofline against the profile's measured
 * ceilings, variance against step for the confined and diffusive verdict cases, and Langevin's error of the
 * stationary variance against ηλ. The throughput, roofline and variance plots are also drawn interactively (uPlot,
 * inlined from its WebJar; hover for a point's value and interval) over their PNG, which stays the fallback without
 * JavaScript.
 */
public final class ReportWriter {
    public static final String FILE = "report.html";
    /** σ_h values of the Langevin-error sweep. */
    static final double[] SIGMA_H = {0, 0.5, 1};

    private ReportWriter() {}

    /** Writes {@code runDir/report.html} atomically and returns its path. */
    public static Path write(Path runDir) throws IOException {
        RunData run = RunData.load(runDir);
        Path target = runDir.resolve(FILE);
        AtomicFiles.writeString(target, html(run));
        return target;
    }

    /** A named figure of the report. */
    public record Figure(String id, String caption, Chart<?, ?> chart) {}

    /** Every figure of the report, in order. */
    public static List<Figure> figures(RunData run) {
        List<Figure> out = new ArrayList<>();
        List<ThroughputRow> rows = run.throughput();
        for (String kernel : rows.stream().map(ThroughputRow::kernel).distinct().toList()) {
            var c = Plots.throughput(kernel, rows);
            if (c != null) out.add(new Figure("throughput-" + kernel, "Throughput of " + kernel + " per backend and size; "
                + "error bars: JMH's 99.9 % confidence half-width.", c));
        }
        Ceilings ceilings = run.profile() == null ? null : run.profile().ceilings();
        var roof = Plots.roofline(rows, ceilings);
        if (roof != null) out.add(new Figure("roofline", "Roofline: each kernel at its declared arithmetic intensity "
            + "(flops/bytes per unit of work, from the benchmark's DeclaredWork) and its achieved GFLOP/s; the achieved "
            + "GB/s is GFLOP/s ÷ intensity. Roofs: the measured FMA peaks and read bandwidth of profile "
            + run.profileId() + (ceilings == null ? " (no ceilings measured: roofs missing)" : "") + ".", roof));
        Double eta = run.manifest().config().get("eta") instanceof Number n ? n.doubleValue() : null;
        for (PhysicsCurves.Panel p : PhysicsCurves.panels(run.trajectories(), eta))
            out.add(new Figure("variance-" + p.caseId(), "Variance against step, " + p.caseId() + " (" + p.caption()
                + "): " + (run.trajectories().isEmpty() ? "exact SGD and the OU/Langevin prediction from theory "
                + "(the run recorded no trajectories.json)" : "as recorded in trajectories.json, with theory where missing")
                + ".", Plots.variance(p.caseId(), p.caption(), p.curves())));
        out.addAll(MlpReport.figures(run.dir()));
        out.add(new Figure("langevin-error", "Relative error of the Langevin (OU) stationary variance against the exact "
            + "SGD value, λ = σg = 1: exactly −ηλ/2 − ησh²/(2λ); −100 % where SGD's variance diverges (a ≥ 1) while OU's "
            + "stays finite.", Plots.langevinError(PhysicsCurves.langevinError(SIGMA_H, 199))));
        return out;
    }

    /**
     * The plots drawn interactively in the page: throughput per kernel, the roofline and the variance panels of the
     * verdict cases (the same ids as their figures).
     */
    public static List<InteractivePlots.Plot> interactivePlots(RunData run) {
        List<InteractivePlots.Plot> out = new ArrayList<>();
        List<ThroughputRow> rows = run.throughput();
        for (String kernel : rows.stream().map(ThroughputRow::kernel).distinct().toList()) {
            var p = InteractivePlots.throughput(kernel, rows);
            if (p != null) out.add(p);
        }
        var roof = InteractivePlots.roofline(rows, run.profile() == null ? null : run.profile().ceilings());
        if (roof != null) out.add(roof);
        Double eta = run.manifest().config().get("eta") instanceof Number n ? n.doubleValue() : null;
        for (PhysicsCurves.Panel p : PhysicsCurves.panels(run.trajectories(), eta)) {
            var v = InteractivePlots.variance(p.caseId(), p.caption(), p.curves());
            if (v != null) out.add(v);
        }
        return out;
    }

    static String html(RunData run) {
        StringBuilder sb = new StringBuilder();
        String title = "sgdbench report — run " + run.runId();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(Table.escape(title)).append("</title>\n<style>\n")
            .append("body{font-family:sans-serif;margin:2em;max-width:1400px;color:#222}")
            .append("table{border-collapse:collapse;font-size:12px;margin:1em 0}")
            .append("th,td{border:1px solid #ccc;padding:2px 6px;text-align:left}th{background:#f0f0f0}")
            .append("figure{display:inline-block;margin:0.5em;vertical-align:top;max-width:1100px}")
            .append("figcaption{font-size:12px;color:#444}img{max-width:100%}.fail{color:#b00}")
            .append("figure.interactive{display:block;max-width:1000px}.chart:empty{display:none}.note{font-size:12px;color:#444}")
            .append(".plot-tip{position:absolute;display:none;pointer-events:none;white-space:pre;font-size:12px;z-index:100;")
            .append("background:rgba(255,255,255,0.95);border:1px solid #888;padding:4px 6px}.u-legend{font-size:12px}\n")
            .append(InteractivePlots.uplotCss()).append("\n</style>\n</head>\n<body>\n<h1>").append(Table.escape(title)).append("</h1>\n");
        Table summary = ThroughputSummary.table(run.throughput());
        if (summary.size() > 0)
            sb.append("<h2>Summary: fastest backend per kernel, precision, threads and size</h2>\n").append(summary.html())
                .append("<p>").append(Table.escape(ThroughputReport.SUMMARY_NOTE)).append("</p>\n");
        var m = run.manifest();
        Table meta = new Table(List.of("field", "value"));
        meta.add(List.of("profile", m.profileId()));
        meta.add(List.of("status", run.status()));
        meta.add(List.of("started / finished", m.startedAt() + " / " + (m.finishedAt() == null ? "–" : m.finishedAt())));
        meta.add(List.of("suite / git commit", m.suiteVersion() + " / " + m.gitCommit()));
        meta.add(List.of("configuration", new java.util.TreeMap<>(m.config()).toString()));
        if (!m.messages().isEmpty()) meta.add(List.of("messages", String.join("; ", m.messages())));
        HardwareProfile hp = run.profile();
        if (hp != null) {
            meta.add(List.of("CPU", hp.cpu().model() + ", " + hp.cpu().physicalCores() + " cores / "
                + hp.cpu().logicalCores() + " threads"));
            meta.add(List.of("JVM", hp.jvm().vendor() + " " + hp.jvm().version()));
            Ceilings c = hp.ceilings();
            if (c != null) meta.add(List.of("ceilings (" + c.mode() + ")", String.format(Locale.ROOT,
                "read bandwidth %.3g / %.3g GB/s, triad %.3g / %.3g GB/s, F64 FMA %.3g / %.3g GFLOP/s, "
                    + "F32 FMA %.3g / %.3g GFLOP/s (1 / %d threads)",
                c.bandwidthGBs(true, false), c.bandwidthGBs(true, true), c.bandwidthGBs(false, false),
                c.bandwidthGBs(false, true), c.peakGflops(org.sgdbench.problem.Precision.F64, false),
                c.peakGflops(org.sgdbench.problem.Precision.F64, true),
                c.peakGflops(org.sgdbench.problem.Precision.F32, false),
                c.peakGflops(org.sgdbench.problem.Precision.F32, true), c.allThreads())));
            if (c != null) {
                for (Ceilings.CacheLevel l : c.cacheRead())
                    meta.add(List.of(l.level() + " read bandwidth", String.format(Locale.ROOT, "%.3g / %.3g GB/s (1 / %d "
                        + "threads; %s of %.3g MB)", l.read().oneThread().value(), l.read().allThreads().value(),
                        c.allThreads(), l.shared() ? "shared" : "per core", l.capacityBytes() / 1e6)));
                for (Ceilings.Device d : c.devices())
                    meta.add(List.of("device ceilings", String.format(Locale.ROOT, "%s: F32 FMA %.3g GFLOP/s, F64 %s, "
                        + "read %.3g GB/s", d.device(), d.f32Gflops(), d.f64Gflops() == null ? "–"
                        : String.format(Locale.ROOT, "%.3g GFLOP/s", d.f64Gflops()), d.readGBs())));
                if (!c.flagged().isEmpty())
                    meta.add(List.of("ceilings flagged", String.join("; ", c.flagged())));
                meta.add(List.of("ceilings measured", c.measuredAt() + " — " + c.jmhSettings()));
            }
        } else {
            meta.add(List.of("hardware profile", "not found beside results/ (no roofs in the roofline)"));
        }
        sb.append(meta.html());

        sb.append("<h2>Plots</h2>\n");
        List<Figure> figures = figures(run);
        java.util.Set<String> figureIds = new java.util.HashSet<>();
        for (Figure f : figures) figureIds.add(f.id());
        // an interactive plot goes over the figure of the same id (never without its PNG fallback)
        List<InteractivePlots.Plot> interactive = interactivePlots(run).stream().filter(p -> figureIds.contains(p.id())).toList();
        java.util.Set<String> interactiveIds = new java.util.HashSet<>();
        for (InteractivePlots.Plot p : interactive) interactiveIds.add(p.id());
        if (!interactive.isEmpty())
            sb.append("<p id=\"interactive-status\" class=\"note\">The throughput, roofline and variance plots are "
                + "interactive with JavaScript; without it they are the static images below.</p>\n");
        for (Figure f : figures) {
            String b64 = Base64.getEncoder().encodeToString(Plots.png(f.chart()));
            boolean live = interactiveIds.contains(f.id());
            sb.append("<figure id=\"").append(Table.escape(f.id())).append(live ? "\" class=\"interactive\">" : "\">");
            // the PNG stays as the fallback: shown until the script has drawn the interactive plot in its place
            if (live) sb.append("<div class=\"chart\" data-plot=\"").append(Table.escape(f.id())).append("\"></div>");
            sb.append("<img ").append(live ? "class=\"fallback\" " : "").append("alt=\"").append(Table.escape(f.id()))
                .append("\" src=\"data:image/png;base64,").append(b64).append("\"><figcaption>")
                .append(Table.escape(f.caption())).append("</figcaption></figure>\n");
        }

        sb.append("<h2>Throughput</h2>\n");
        sb.append(run.throughput().isEmpty() ? "<p>No throughput in this run.</p>\n" : ThroughputReport.table(run.throughput()).html());
        sb.append("<h2>Accuracy</h2>\n");
        long failing = run.accuracy().stream().filter(AccuracyReport::failing).count();
        if (run.accuracy().isEmpty()) sb.append("<p>No accuracy rows in this run.</p>\n");
        else {
            sb.append(failing == 0 ? "<p>" : "<p class=\"fail\">")
                .append(Table.escape(AccuracyReport.summary(run.accuracy()))).append("</p>\n");
            sb.append(AccuracyReport.table(run.accuracy()).html());
            sb.append("<h3>Can any diffusion reproduce SGD?</h3>\n").append(AccuracyReport.diffusionTable(run.accuracy()).html());
        }
        if (!interactive.isEmpty()) {
            // the plots' data, then uPlot (inlined from its WebJar) and our drawing script: nothing is fetched
            sb.append("<script type=\"application/json\" id=\"sgdbench-plots\">").append(InteractivePlots.json(interactive))
                .append("</script>\n<script>\n").append(InteractivePlots.uplotJs()).append("\n</script>\n<script>\n")
                .append(InteractivePlots.script()).append("</script>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }
}
