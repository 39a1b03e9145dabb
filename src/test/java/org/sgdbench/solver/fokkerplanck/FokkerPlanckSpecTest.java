package org.sgdbench.solver.fokkerplanck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;

class FokkerPlanckSpecTest {
    private static final Mode MODE = Mode.of(1, 0, 1);
    private static final FvGrid GRID = FvGrid.symmetric(3, 60);

    private static void rejects(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidSpecException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(field));
    }

    private static FokkerPlanckSpec spec(int substeps, int steps, int interval, double eta, double initMean, double initSpread) {
        return new FokkerPlanckSpec(MODE, eta, Generator.LANGEVIN_OU, GRID, TimeScheme.BACKWARD_EULER, substeps, steps,
            interval, initMean, initSpread);
    }

    @Test
    void badGridsNameTheirField() {
        rejects(() -> new FvGrid(-1, 1, 0), "grid.cells");
        rejects(() -> new FvGrid(-1, 1, -5), "grid.cells");
        rejects(() -> new FvGrid(1, 1, 10), "grid.hi");
        rejects(() -> new FvGrid(Double.NaN, 1, 10), "grid.lo");
        rejects(() -> new FvGrid(-Double.MAX_VALUE, Double.MAX_VALUE, 10), "grid.hi");
        rejects(() -> FvGrid.symmetric(0, 10), "grid.halfWidth");
    }

    @Test
    void badSpecsNameTheirField() {
        rejects(() -> spec(-3, 10, 1, 0.1, 0, 0), "substepsPerSgdStep");
        rejects(() -> spec(0, 10, 1, 0.1, 0, 0), "substepsPerSgdStep");
        rejects(() -> spec(1, -1, 1, 0.1, 0, 0), "steps");
        rejects(() -> spec(1, 10, 0, 0.1, 0, 0), "checkpointInterval");
        rejects(() -> spec(1, 10, 1, 0, 0, 0), "eta");
        rejects(() -> spec(1, 10, 1, Double.NaN, 0, 0), "eta");
        rejects(() -> spec(1, 10, 1, 0.1, 3.0, 0), "initMean");
        rejects(() -> spec(1, 10, 1, 0.1, 0, -1), "initSpread");
        rejects(() -> new FokkerPlanckSpec(Mode.of(1, 0, 0), 0.1, Generator.LANGEVIN_OU, GRID,
            TimeScheme.BACKWARD_EULER, 1, 1, 1, 0, 0), "mode.sigmaG");
        rejects(() -> new FokkerPlanckSpec(MODE, 0.1, null, GRID, TimeScheme.BACKWARD_EULER, 1, 1, 1, 0, 0), "generator");
    }

    @Test
    void crankNicolsonWithTooFewSubstepsForPositivityIsRejected() {
        FokkerPlanckSpec cn = spec(1, 10, 1, 0.1, 0, 0).withTimeStepping(TimeScheme.CRANK_NICOLSON, 1);
        rejects(() -> FokkerPlanckSolver.solve(cn), "substepsPerSgdStep");
        int min = FokkerPlanckSolver.minCrankNicolsonSubsteps(cn);
        FokkerPlanckSolver.solve(cn.withTimeStepping(TimeScheme.CRANK_NICOLSON, min)); // accepted at the minimum
        rejects(() -> new FokkerPlanckStepKernel(GRID, cn.model(), 1.0, TimeScheme.CRANK_NICOLSON), "dtau");
    }
}
