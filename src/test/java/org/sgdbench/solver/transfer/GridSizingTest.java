package org.sgdbench.solver.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Grid2D;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;

class GridSizingTest {
    @Test
    void resolvesTheJumpAndHoldsTheStationarySpread() {
        GridSizing sizing = GridSizing.defaults().withCellsPerJump(8);
        Grid1D g = sizing.forMode(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0.5, Integer.MAX_VALUE, 0, 0);
        assertThat(g.dx()).isCloseTo(0.5 / 8, within(1e-15));
        double sd = Math.sqrt(1.0 / 3);
        assertThat(g.lo()).isLessThanOrEqualTo(-10 * sd).isGreaterThan(-10 * sd - g.dx());
        assertThat(g.hi()).isGreaterThanOrEqualTo(10 * sd);
    }

    @Test
    void followsTheMeanPathAndTheInitialSpread() {
        Grid1D g = GridSizing.defaults().forMode(Mode.of(1.5, 0, 1), NoiseLaw.GAUSSIAN, 1, 20, 5, 0.1);
        // 1 − ηλ = −0.5: the mean jumps to −2.5 after one step, so both sides must be covered.
        assertThat(g.hi()).isGreaterThanOrEqualTo(5 + 10 * 0.1);
        assertThat(g.lo()).isLessThan(-2.5);
    }

    @Test
    void anUnstableModeGetsTheMaxCellWindowAtFullResolution() {
        Grid1D g = GridSizing.defaults().withMaxCells(1000).forMode(Mode.of(-1, 0, 1), NoiseLaw.GAUSSIAN, 0.5, 100_000, 0, 0.1);
        assertThat(g.cells()).isEqualTo(1000);
        assertThat(g.dx()).isCloseTo(0.5 / 4, within(1e-12));
    }

    @Test
    void twoDimensionalSizingIsPerAxis() {
        double[] cov = new double[25];
        cov[18] = 1; cov[24] = 0.25;
        CoupledQuadratic2D m = new CoupledQuadratic2D(new double[] {1, 0, 1}, cov, NoiseLaw.GAUSSIAN, 0.5, 1000, 1, new double[] {0, 0}, 0);
        Grid2D g = GridSizing.defaults().forModel(m);
        assertThat(g.x().dx()).isCloseTo(0.5 / 4, within(1e-12));
        assertThat(g.y().dx()).isCloseTo(0.25 / 4, within(1e-12));
        assertThat(g.x().hi()).isGreaterThanOrEqualTo(10 * Math.sqrt(1.0 / 3));
        assertThat(g.y().hi()).isGreaterThanOrEqualTo(10 * Math.sqrt(0.25 / 3));
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new GridSizing(0, 10, 64, 100)).hasMessageContaining("cellsPerJump");
        assertThatThrownBy(() -> new GridSizing(4, 10, 64, 10)).hasMessageContaining("maxCells");
        assertThatThrownBy(() -> GridSizing.defaults().forMode(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0, 10, 0, 0)).hasMessageContaining("eta");
    }
}
