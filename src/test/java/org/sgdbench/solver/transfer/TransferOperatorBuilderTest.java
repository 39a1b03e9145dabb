package org.sgdbench.solver.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Grid2D;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseQuadrature;

class TransferOperatorBuilderTest {
    /** Column sums of A plus the leak must be 1; columns within a row increasing; entries positive. */
    static void assertStochasticWithLeak(TransferOperator op) {
        CsrMatrix a = op.matrix();
        double[] colSum = new double[a.cols()];
        for (int r = 0; r < a.rows(); r++) {
            for (int k = a.rowPtr()[r]; k < a.rowPtr()[r + 1]; k++) {
                assertThat(a.values()[k]).isPositive();
                if (k > a.rowPtr()[r]) assertThat(a.colIdx()[k]).isGreaterThan(a.colIdx()[k - 1]);
                colSum[a.colIdx()[k]] += a.values()[k];
            }
        }
        double[] leak = op.leak();
        for (int j = 0; j < colSum.length; j++) assertThat(colSum[j] + leak[j]).as("column %d", j).isCloseTo(1, within(1e-14));
    }

    @Test
    void oneDimensionalColumnsDepositTheirMassOrRecordItAsLeak() {
        Grid1D grid = new Grid1D(-1, 1, 41);
        TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(1, 0.5, 1), NoiseLaw.GAUSSIAN, 0.3, 5, grid);
        assertStochasticWithLeak(op);
        assertThat(op.atoms()).isEqualTo(25);
        // Interior columns keep everything; the edge column loses what its far nodes throw out.
        assertThat(op.leak()[20]).isLessThan(1e-3);
        assertThat(op.leak()[0]).isGreaterThan(0.01);
        // Duplicates merged: at most one entry per (row, column), far fewer than 2 per atom.
        assertThat(op.matrix().nnz()).isLessThanOrEqualTo(41 * 41);
    }

    @Test
    void depositsPreserveTheImageMeanWhereNothingLeaks() {
        Grid1D grid = new Grid1D(-20, 20, 801);
        Mode mode = Mode.of(0.7, 0.4, 1.3);
        double eta = 0.25;
        TransferOperator op = TransferOperatorBuilder.build1D(mode, NoiseLaw.RADEMACHER, eta, 1, grid);
        CsrMatrix a = op.matrix();
        double[] firstMoment = new double[a.cols()];
        for (int r = 0; r < a.rows(); r++)
            for (int k = a.rowPtr()[r]; k < a.rowPtr()[r + 1]; k++) firstMoment[a.colIdx()[k]] += a.values()[k] * grid.centre(r);
        double[] map = op.meanMap();
        assertThat(map[0]).isCloseTo(1 - eta * mode.lambda(), within(1e-15));
        assertThat(map[1]).isCloseTo(0, within(1e-15));
        for (int j = 100; j < 700; j++) {
            assertThat(op.leak()[j]).isZero();
            assertThat(firstMoment[j]).isCloseTo(map[0] * grid.centre(j) + map[1], within(1e-12));
        }
    }

    @Test
    void anImageOnACentreIsOneEntryAndAnImageOffTheGridIsAllLeak() {
        // Flat Rademacher mode, jump ησ_g = 2 cells exactly: every image of an interior centre is a centre.
        Grid1D grid = new Grid1D(-2.5, 2.5, 10); // dx = 0.5, centres at ±0.25, ±0.75, ...
        TransferOperator op = TransferOperatorBuilder.build1D(Mode.of(0, 0, 1), NoiseLaw.RADEMACHER, 1, 1, grid);
        CsrMatrix a = op.matrix();
        assertThat(a.nnz()).isEqualTo(2 * 10 - 4);
        for (double v : a.values()) assertThat(v).isEqualTo(0.5);
        assertThat(op.leak()[0]).isEqualTo(0.5);
        assertThat(op.leak()[5]).isZero();
        assertStochasticWithLeak(op);
    }

    @Test
    void twoDimensionalOperatorIsStochasticWithLeakAndKeepsTheMeanMap() {
        double[] cov = new double[25];
        cov[0] = 0.04; cov[6] = 0.09; cov[12] = 0.01; cov[18] = 1; cov[24] = 0.5; cov[3] = cov[15] = 0.1;
        CoupledQuadratic2D model = new CoupledQuadratic2D(new double[] {1, 0.3, 0.6}, cov, NoiseLaw.GAUSSIAN, 0.2, 10, 1, new double[] {0, 0}, 0);
        Grid2D grid = new Grid2D(new Grid1D(-3, 3, 31), new Grid1D(-4, 4, 33));
        TransferOperator op = TransferOperatorBuilder.build2D(model, 2, grid);
        assertStochasticWithLeak(op);
        double[] map = op.meanMap();
        assertThat(map).containsExactly(new double[] {1 - 0.2, -0.06, -0.06, 1 - 0.12, 0, 0}, within(1e-14));
        CsrMatrix a = op.matrix();
        int centre = grid.index(15, 16);
        double ex = 0, ey = 0;
        for (int r = 0; r < a.rows(); r++)
            for (int k = a.rowPtr()[r]; k < a.rowPtr()[r + 1]; k++)
                if (a.colIdx()[k] == centre) {
                    ex += a.values()[k] * grid.coordinate(r, 0);
                    ey += a.values()[k] * grid.coordinate(r, 1);
                }
        assertThat(op.leak()[centre]).isZero();
        double x = grid.coordinate(centre, 0), y = grid.coordinate(centre, 1);
        assertThat(ex).isCloseTo(map[0] * x + map[1] * y + map[4], within(1e-12));
        assertThat(ey).isCloseTo(map[2] * x + map[3] * y + map[5], within(1e-12));
    }

    @Test
    void badInputIsNamed() {
        Grid1D grid = new Grid1D(-1, 1, 8);
        assertThatThrownBy(() -> TransferOperatorBuilder.build1D(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0, 3, grid)).hasMessageContaining("eta");
        assertThatThrownBy(() -> TransferOperatorBuilder.build1D(NoiseQuadrature.of(Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 3), 0.1, null))
            .hasMessageContaining("grid");
    }
}
