package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.results.Json;
import org.sgdbench.results.MlpSummary;
import org.sgdbench.results.VarianceTrajectory;

class MlpReportTest {
    @Test
    void noSummaryNoSection(@TempDir Path run) {
        assertThat(MlpReport.figures(run)).isEmpty();
    }

    @Test
    void drawsTheSpectrumAndOnePanelPerDirection(@TempDir Path run) throws Exception {
        List<Long> t = List.of(25L, 50L, 100L);
        MlpSummary s = new MlpSummary("mlp-test", "spec", "L-BFGS", List.of(0.3, 0.01, 1e-4, -1e-6),
            Map.of("confined", 1, "flat", 2, "inert", 1, "other", 0), List.of(
                new VarianceTrajectory("v0", "confined", "recursion", "-", t, List.of(1.0, 1.5, 1.6)),
                new VarianceTrajectory("v0", "confined", "ensemble F64", "scalar", t, List.of(1.1, 1.4, 1.7)),
                new VarianceTrajectory("v9", "flat", "recursion", "-", t, List.of(1.0, 2.0, 4.0))));
        Json.write(run.resolve(MlpSummary.FILE), s);
        List<ReportWriter.Figure> f = MlpReport.figures(run);
        assertThat(f).extracting(ReportWriter.Figure::id).containsExactly("mlp-spectrum", "mlp-variance-0", "mlp-variance-1");
        for (ReportWriter.Figure fig : f) assertThat(Plots.png(fig.chart())).hasSizeGreaterThan(1000);
    }
}
