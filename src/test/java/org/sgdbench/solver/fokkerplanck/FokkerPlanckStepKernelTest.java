package org.sgdbench.solver.fokkerplanck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sgdbench.problem.Mode;

class FokkerPlanckStepKernelTest {

    /** Drift-dominated on a coarse grid (cell Péclet ≫ 1), started from an off-centre point mass. */
    private static FokkerPlanckStepKernel stiffKernel(TimeScheme scheme, double dtau) {
        FvGrid grid = new FvGrid(-4, 6, 41);
        LinearFokkerPlanckModel model = Generator.ITO_LANGEVIN.model(Mode.of(3.0, 0.7, 0.2), 0.1);
        FokkerPlanckStepKernel k = new FokkerPlanckStepKernel(grid, model, dtau, scheme);
        k.load(FokkerPlanckSolver.initialDensity(grid, 4.9, 0.0));
        return k;
    }

    @ParameterizedTest
    @EnumSource(TimeScheme.class)
    void massIsConservedToRoundOffOverManySteps(TimeScheme scheme) {
        FokkerPlanckStepKernel k = stiffKernel(scheme, scheme == TimeScheme.CRANK_NICOLSON ? 1e-3 : 0.05);
        double worst = 0;
        for (int s = 0; s < 20_000; s++) {
            k.step();
            worst = Math.max(worst, Math.abs(k.mass() - 1));
        }
        assertThat(worst).isLessThan(1e-12);
    }

    @ParameterizedTest
    @EnumSource(TimeScheme.class)
    void densityStaysNonNegativeFromAPointMassUnderStrongDrift(TimeScheme scheme) {
        FokkerPlanckStepKernel k = stiffKernel(scheme, scheme == TimeScheme.CRANK_NICOLSON ? 1e-3 : 0.5);
        double[] p = new double[k.cells()];
        for (int s = 0; s < 2_000; s++) {
            k.step();
            k.copyDensityTo(p);
            for (double v : p) assertThat(v).isGreaterThanOrEqualTo(0.0);
        }
    }

    @ParameterizedTest
    @EnumSource(TimeScheme.class)
    void directStationaryLawIsAFixedPointOfTheStep(TimeScheme scheme) {
        FvGrid grid = FvGrid.symmetric(4, 101);
        LinearFokkerPlanckModel model = Generator.ETA_CORRECTED.model(Mode.of(1.0, 0.8, 1.0), 0.3);
        double[] stationary = FokkerPlanckStepKernel.stationaryDensity(grid, model);
        FokkerPlanckStepKernel k = new FokkerPlanckStepKernel(grid, model, 1e-3, scheme);
        k.load(stationary);
        for (int s = 0; s < 100; s++) k.step();
        double[] p = new double[grid.cells()];
        k.copyDensityTo(p);
        double peak = 0;
        for (double v : stationary) peak = Math.max(peak, v);
        for (int i = 0; i < p.length; i++) assertThat(p[i]).isCloseTo(stationary[i], within(1e-12 * peak));
    }

    @Test
    void aNonFiniteDensityReachesTheMassSoTheSolverCanReportDivergence() {
        FokkerPlanckStepKernel k = stiffKernel(TimeScheme.BACKWARD_EULER, 0.1);
        double[] p = FokkerPlanckSolver.initialDensity(k.grid(), 0.0, 1.0);
        p[3] = Double.NaN;
        k.load(p);
        k.step();
        assertThat(k.mass()).isNaN();
        k.copyDensityTo(p);
        for (double v : p) assertThat(v).isNaN();
    }

    @Test
    void declaredWorkMatchesTheTridiagonalSweeps() {
        FvGrid grid = FvGrid.symmetric(1, 1000);
        LinearFokkerPlanckModel model = Generator.LANGEVIN_OU.model(Mode.of(1, 0, 1), 0.1);
        FokkerPlanckStepKernel be = new FokkerPlanckStepKernel(grid, model, 1e-5, TimeScheme.BACKWARD_EULER);
        FokkerPlanckStepKernel cn = new FokkerPlanckStepKernel(grid, model, 1e-5, TimeScheme.CRANK_NICOLSON);
        // BE: 3 streams read + 2 written forward, 2 read + 1 written backward = 8 doubles per cell, +2 wall faces.
        assertThat(be.bytesPerStep()).isEqualTo(64L * 1000 + 16);
        assertThat(cn.bytesPerStep()).isEqualTo(64L * 1000 + 32);
        assertThat(be.flopsPerStep()).isEqualTo(11L * 1000);
        assertThat(cn.flopsPerStep()).isEqualTo(17L * 1000);
    }

    @Test
    void stepAllocatesNothing() {
        var bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) return;
        FokkerPlanckStepKernel k = stiffKernel(TimeScheme.CRANK_NICOLSON, 1e-3);
        for (int s = 0; s < 20_000; s++) k.step(); // let the JIT settle
        long tid = Thread.currentThread().getId();
        long before = sun.getThreadAllocatedBytes(tid);
        for (int s = 0; s < 10_000; s++) k.step();
        long after = sun.getThreadAllocatedBytes(tid);
        assertThat(after - before).isLessThan(1024); // a step allocating even 1 byte would cost ≥ 10 kB here
    }

    @Test
    void bernoulliFunctionIsAccurateNearZeroAndForLargeArguments() {
        assertThat(FokkerPlanckStepKernel.bernoulli(0)).isEqualTo(1.0);
        assertThat(FokkerPlanckStepKernel.bernoulli(1e-7)).isCloseTo(1e-7 / Math.expm1(1e-7), within(1e-15));
        assertThat(FokkerPlanckStepKernel.bernoulli(1.0)).isCloseTo(1 / (Math.E - 1), within(1e-15));
        assertThat(FokkerPlanckStepKernel.bernoulli(800)).isEqualTo(0.0);
        assertThat(FokkerPlanckStepKernel.bernoulli(-800)).isCloseTo(800, within(1e-9));
        // B(−w) − B(w) = w: the identity that makes the face flux exact on the local equilibrium.
        for (double w : new double[] {1e-5, 0.3, 7.0, 50.0})
            assertThat(FokkerPlanckStepKernel.bernoulli(-w) - FokkerPlanckStepKernel.bernoulli(w)).isCloseTo(w, within(1e-12 * (1 + w)));
    }
}
