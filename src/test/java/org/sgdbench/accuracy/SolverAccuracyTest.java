package org.sgdbench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;
import org.sgdbench.solver.transfer.Checkpoint;
import org.sgdbench.solver.transfer.Densities;
import org.sgdbench.theory.ModeTheory;

/**
 * The distribution-solver half of the accuracy pass: the exact discrete-noise law on a golden grid, a wrong
 * (Gaussian) law caught, the real transfer operator passing against the exact law, tail indices within 2 % of
 * Kesten, and a power tail the grid cannot hold reported as not judged.
 */
class SolverAccuracyTest {
    static VerdictCase rademacherHalf(int steps) {
        return new VerdictCase("r-half", "", Mode.of(1, 0, 1), NoiseLaw.RADEMACHER, 0.5, steps, 1, 0, 0);
    }

    static Rows.Context ctx(VerdictCase c) {
        Baselines b = new Baselines(c);
        return new Rows.Context(c.id(), "confined", Method.TRANSFER_OPERATOR, Backend.SCALAR, Precision.F64, b);
    }

    static AccuracyRow lawRow(VerdictCase c, Grid1D grid, double[] density) {
        ModeTheory th = ModeTheory.of(c.mode(), c.noise(), c.eta());
        Checkpoint end = new Checkpoint(c.steps(), Densities.summarise(grid, density, null, new double[] {1, 0}, 0), density);
        return SolverAccuracy.discreteLawRow(c, ctx(c), th, grid, end, 0, 0, "2 exact atoms (±σ_g)", true,
            new java.util.HashMap<>());
    }

    @Test
    void goldenGridOneStepOfPlusMinusOneNoise() {
        // x_1 = ∓ησ_g = ±0.25 from 0 (η = 0.25, λ = 1, m = 0.75): atoms on the outer centres of a 5-cell grid
        // with Δx = 0.125; D = Δx(1 + m) = 0.21875 < 0.25, so G(0) must be exactly ½
        VerdictCase c = new VerdictCase("golden", "", Mode.of(1, 0, 1), NoiseLaw.RADEMACHER, 0.25, 1, 1, 0, 0);
        Grid1D grid = new Grid1D(-0.3125, 0.3125, 5);
        AccuracyRow right = lawRow(c, grid, new double[] {0.5, 0, 0, 0, 0.5});
        assertThat(right.value()).isZero();
        assertThat(right.outcome()).isEqualTo(Outcome.OK);
        assertThat(right.reason()).contains("= 0.219,");
        AccuracyRow oneSided = lawRow(c, grid, new double[] {0, 0, 0, 0, 1});
        assertThat(oneSided.value()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(oneSided.outcome()).isEqualTo(Outcome.LARGE_ERROR);
        AccuracyRow centred = lawRow(c, grid, new double[] {0, 0, 1, 0, 0});
        assertThat(centred.outcome()).as("all mass at 0 misses both atoms by more than D").isEqualTo(Outcome.LARGE_ERROR);
    }

    @Test
    void aGaussianOfTheRightVarianceIsNotTheLawOfPlusMinusOneNoise() {
        VerdictCase c = rademacherHalf(60);
        // a fine grid: Δx = 1/4096, coupling radius D ≈ 2Δx
        Grid1D grid = Grid1D.centred(0, 2, 16384);
        AccuracyRow gaussian = lawRow(c, grid, Densities.gaussian(grid, 0, Math.sqrt(1.0 / 3)));
        assertThat(gaussian.outcome()).isEqualTo(Outcome.LARGE_ERROR);
        assertThat(gaussian.value()).isGreaterThan(0.05);
        double[] uniform = new double[grid.cells()];
        for (int i = 0; i < uniform.length; i++) if (Math.abs(grid.centre(i)) < 1) uniform[i] = 1.0 / 8192;
        assertThat(lawRow(c, grid, uniform).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void theTransferOperatorPassesAgainstTheExactDiscreteLaw() {
        for (VerdictCase c : List.of(rademacherHalf(60), new VerdictCase("r-osc", "", Mode.of(1.8, 0, 1),
                NoiseLaw.RADEMACHER, 1.0, 80, 1, 0, 0))) {
            List<AccuracyRow> rows = SolverAccuracy.runCase(c, List.of(Backend.SCALAR), List.of(Precision.F64),
                KernelOptions.singleThread(), false, SolverAccuracy.GridOverrides.NONE, s -> {}).rows();
            AccuracyRow law = rows.stream().filter(r -> r.quantity().startsWith("CDF outside")).findFirst().orElseThrow();
            assertThat(law.quantity()).contains("2 exact atoms");
            assertThat(law.outcome()).as(law.reason()).isEqualTo(Outcome.OK);
            assertThat(law.tolerance()).isLessThan(1e-6);
            assertThat(rows).allSatisfy(r -> assertThat(r.outcome()).as(r.method() + " " + r.quantity())
                .isIn(Outcome.OK, Outcome.NOT_JUDGED));
        }
    }

    static List<AccuracyRow> scalarRows(String id) {
        VerdictCase c = VerdictCase.standard(1).stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
        return SolverAccuracy.runCase(c, List.of(Backend.SCALAR), List.of(Precision.F64), KernelOptions.singleThread(),
            false, SolverAccuracy.GridOverrides.NONE, s -> {}).rows();
    }

    static AccuracyRow transfer(List<AccuracyRow> rows, String quantityPrefix) {
        return rows.stream().filter(r -> r.method().equals("transfer-operator") && r.quantity().startsWith(quantityPrefix))
            .findFirst().orElseThrow();
    }

    @Test
    void theTransferOperatorPassesAgainstTheExactGaussianLawWithATightTolerance() {
        AccuracyRow tv = transfer(scalarRows("confined-eta-half"), "TV distance");
        assertThat(tv.outcome()).as(tv.reason()).isEqualTo(Outcome.OK);
        assertThat(tv.tolerance()).isLessThan(0.05);
        assertThat(tv.quantity()).contains("exact Gaussian");
        assertThat(tv.reason()).contains("GH n=96");
    }

    @Test
    void aPowerTailThatTheGridHoldsIsJudgedWithTheTruncationFromTheLaw() {
        // infinite-kurtosis: α = 3.24; ±100 sd hold all but ~1 % of the variance
        AccuracyRow v = transfer(scalarRows("infinite-kurtosis"), "variance");
        assertThat(v.outcome()).as(v.reason()).isEqualTo(Outcome.OK);
        assertThat(v.tolerance()).isLessThan(0.05);
        assertThat(v.reason()).contains("from the stationary law on the wide grid");
    }

    @Test
    void everyBuiltInHeavyTailedCaseHasItsKestenIndexWithinTwoPercent() {
        for (VerdictCase c : VerdictCase.standard(1)) {
            if (c.mode().sigmaH() == 0) continue;
            ModeTheory th = ModeTheory.of(c.mode(), c.noise(), c.eta());
            if (!Double.isFinite(th.kestenTailIndex())) continue;
            AccuracyRow r = SolverAccuracy.TailLaw.compute(c, th, KernelOptions.singleThread()).row(ctx(c));
            assertThat(r.outcome()).as(c.id() + ": " + r.reason()).isEqualTo(Outcome.OK);
            assertThat(Math.abs(r.error())).as(c.id()).isLessThan(0.02);
            assertThat(r.tolerance()).as(c.id()).isLessThan(0.02);
        }
    }

    @Test
    void aGridThatCutsAPowerTailsVarianceIsNotJudged() {
        // η = ½, λ = 1, σ_h = 1.6: α ≈ 2.36, ~18 % of the variance beyond ±100 sd
        VerdictCase c = new VerdictCase("cut", "", Mode.of(1, 1.6, 1), NoiseLaw.GAUSSIAN, 0.5, 200, 1, 0, 0);
        List<AccuracyRow> rows = SolverAccuracy.runCase(c, List.of(Backend.SCALAR), List.of(Precision.F64),
            KernelOptions.singleThread(), false, SolverAccuracy.GridOverrides.NONE, s -> {}).rows();
        AccuracyRow v = rows.stream().filter(r -> r.method().equals("transfer-operator") && r.quantity().startsWith("variance"))
            .findFirst().orElseThrow();
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_JUDGED);
        assertThat(v.reason()).contains("of the variance lies beyond");
        AccuracyRow tail = rows.stream().filter(r -> r.quantity().startsWith("tail index")).findFirst().orElseThrow();
        assertThat(tail.outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void rowsCarryOuItoAndTheBestDiffusionSideBySide() {
        VerdictCase c = VerdictCase.standard(1).stream().filter(v -> v.id().equals("hessian-noise")).findFirst().orElseThrow();
        AccuracyRow r = Rows.judged(ctx(c), "variance at t=300", Baselines.Quantity.VARIANCE, 300, 1.0 / 15, 1.0 / 15, true,
            0.01, 1, "test", true);
        assertThat(r.langevin()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.ito()).isCloseTo(0.0625, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.bestDiffusion()).isCloseTo(1.0 / 15, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.diffusionNote()).contains("power tails");
    }
}
