package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;

class AccuracyReportTest {
    static AccuracyRow row(String caseId, double ito, String note) {
        return new AccuracyRow(caseId, "confined", "ensemble", "scalar", "F64", "variance at t=300", 0.0667, 0.0667,
            0.001, true, 0.03, "5σ Monte Carlo", 0.0667, 0.05, -0.25, Outcome.OK, ito, ito / 0.0667 - 1, 0.0667, 0,
            note);
    }

    @Test
    void showsOuItoAndTheBestDiffusionSideBySideAndWhereADiffusionCanExist() {
        String md = AccuracyReport.markdown(List.of(row("hessian-noise", 0.0625, "no diffusion is exact: Hessian noise"),
            row("hessian-noise", 0.0625, "no diffusion is exact: Hessian noise")), "t");
        assertThat(md).contains("| OU (error) | Itô–Langevin (error) | best diffusion (error) |");
        assertThat(md).contains("0.05000 (-25.0 %)").contains("0.06250 (-6.3 %)").contains("0.06670 (+0.0 %)");
        assertThat(md).contains("## Can any diffusion reproduce SGD?");
        assertThat(md.split("no diffusion is exact", -1)).as("one line per case").hasSize(2);
        assertThat(AccuracyReport.csv(List.of(row("c", 0.0625, "n")))).contains("best_diffusion_error");
    }
}
