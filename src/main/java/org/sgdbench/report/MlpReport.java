package org.sgdbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sgdbench.results.Json;
import org.sgdbench.results.MlpSummary;
import org.sgdbench.results.VarianceTrajectory;

/**
 * The report's MLP section, from {@code mlp.json} of a run (absent: no section): the Hessian spectrum at θ* and, for
 * the stiffest and a few flat directions, the variance against step as measured by each backend's ensemble beside
 * the per-direction recursion, OU and the diffusion law.
 */
public final class MlpReport {
    private MlpReport() {}

    public static MlpSummary load(Path runDir) {
        Path f = runDir.resolve(MlpSummary.FILE);
        if (!Files.isRegularFile(f)) return null;
        try {
            return Json.read(f, MlpSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + f, e);
        }
    }

    public static List<ReportWriter.Figure> figures(Path runDir) {
        MlpSummary s = load(runDir);
        List<ReportWriter.Figure> out = new ArrayList<>();
        if (s == null) return out;
        out.add(new ReportWriter.Figure("mlp-spectrum", "Eigenvalues of the full-batch Hessian at θ* (" + s.caseId()
            + "), decreasing; direction classes " + s.classes() + ". " + s.minimum() + ".", spectrum(s)));
        Map<String, List<VarianceTrajectory>> byDirection = new LinkedHashMap<>();
        for (VarianceTrajectory v : s.curves()) byDirection.computeIfAbsent(v.caseId(), k -> new ArrayList<>()).add(v);
        int n = 0;
        for (var e : byDirection.entrySet()) {
            String regime = e.getValue().get(0).regime();
            // the diffusion law is the flat directions' prediction; on a confined curve it only squashes the axis
            List<VarianceTrajectory> shown = e.getValue().stream()
                .filter(v -> !"confined".equals(regime) || !v.method().equals("diffusion-law")).toList();
            out.add(new ReportWriter.Figure("mlp-variance-" + n++, "Variance of the walkers' displacement along " + e.getKey()
                + " (" + regime + "): ensembles started at θ*, the linearised ensemble, the per-direction discrete "
                + "recursion (λ, σh, σg), OU (λ, σg)" + ("confined".equals(regime) ? "" : " and the diffusion law tη²σg²")
                + ".", Plots.variance(e.getKey(), regime, shown, Plots.WIDTH)));
        }
        return out;
    }

    static XYChart spectrum(MlpSummary s) {
        XYChart c = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title("Hessian spectrum at θ*: " + s.caseId())
            .xAxisTitle("index (decreasing eigenvalue)").yAxisTitle("eigenvalue").build();
        c.getStyler().setLegendVisible(true);
        List<Double> pos = new ArrayList<>(), posX = new ArrayList<>(), neg = new ArrayList<>(), negX = new ArrayList<>();
        for (int i = 0; i < s.eigenvalues().size(); i++) {
            double v = s.eigenvalues().get(i);
            if (v > 0) {
                posX.add((double) i);
                pos.add(v);
            } else if (v < 0) {
                negX.add((double) i);
                neg.add(-v);
            }
        }
        c.getStyler().setYAxisLogarithmic(true);
        if (!pos.isEmpty()) {
            XYSeries p = c.addSeries("λ > 0", posX, pos);
            p.setMarker(SeriesMarkers.NONE);
        }
        if (!neg.isEmpty()) {
            XYSeries q = c.addSeries("|λ|, λ < 0", negX, neg);
            q.setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }
}
