package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdbench.results.VarianceTrajectory;

/** The physics plots' data against the worked numbers of docs/design.md. */
class PhysicsCurvesTest {
    static PhysicsCurves.Panel panel(List<PhysicsCurves.Panel> ps, String id) {
        return ps.stream().filter(p -> p.caseId().equals(id)).findFirst().orElseThrow();
    }

    static double last(VarianceTrajectory v) { return v.variance().get(v.variance().size() - 1); }

    @Test
    void withoutTrajectoriesTheoryPanelsCoverConfinedAndDiffusiveCasesOnly() {
        List<PhysicsCurves.Panel> ps = PhysicsCurves.panels(List.of(), null);
        List<String> ids = ps.stream().map(PhysicsCurves.Panel::caseId).toList();
        assertThat(ids).contains("confined-eta-half", "flat-diffusive", "hessian-noise")
            .doesNotContain("unstable", "heavy-tailed");
        PhysicsCurves.Panel half = panel(ps, "confined-eta-half");
        assertThat(half.curves()).extracting(VarianceTrajectory::method).containsExactly("exact", "langevin-ou");
        assertThat(last(half.curves().get(0))).isCloseTo(1.0 / 3, within(1e-9)); // v∞ = 1/3 at η = 0.5
        assertThat(last(half.curves().get(1))).isCloseTo(0.25, within(1e-9));    // OU says 1/4
        VarianceTrajectory flat = panel(ps, "flat-diffusive").curves().get(0);
        assertThat(flat.steps().get(flat.steps().size() - 1)).isEqualTo(200L);
        assertThat(last(flat)).isCloseTo(0.01 * 200, within(1e-9));               // v_t = 0.01 t
    }

    @Test
    void recordedTrajectoriesAreShownAndCompletedWithTheory() {
        VarianceTrajectory ens = new VarianceTrajectory("confined-eta-half", "confined", "ensemble", "scalar",
            List.of(0L, 30L, 60L), List.of(0.0, 0.33, 0.334));
        VarianceTrajectory unstable = new VarianceTrajectory("unstable", "unstable", "ensemble", "scalar",
            List.of(0L, 30L), List.of(0.0, 1e10));
        List<PhysicsCurves.Panel> ps = PhysicsCurves.panels(List.of(ens, unstable), null);
        assertThat(ps).extracting(PhysicsCurves.Panel::caseId).containsExactly("confined-eta-half");
        assertThat(ps.get(0).curves()).extracting(VarianceTrajectory::method)
            .containsExactly("exact", "ensemble", "langevin-ou");
    }

    @Test
    void langevinErrorIsMinusHalfEtaLambdaWithoutHessianNoiseAndMinus100WhereSgdDiverges() {
        Map<String, double[][]> c = PhysicsCurves.langevinError(new double[] {0, 1}, 199);
        double[][] zero = c.get("σh = 0.00"), one = c.get("σh = 1.00");
        assertThat(zero[0][99]).isCloseTo(1.0, within(1e-12)); // grid point 100 of 199 in (0, 2) is ηλ = 1
        assertThat(zero[1][99]).isCloseTo(-50, within(1e-9));
        // σ_h = 1, λ = 1: a = (1−η)² + η² ≥ 1 from η = 1 on → −100 %; at η = 0.5: −η/2 − η/2 = −50 %
        assertThat(one[1][49]).isCloseTo(-50, within(1e-9));
        assertThat(one[1][150]).isEqualTo(-100);
    }
}
