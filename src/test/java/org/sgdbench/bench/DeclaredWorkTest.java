package org.sgdbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.CsrMatrix;

/** Each benchmark's declared flops and bytes per unit of work against a count by hand. */
class DeclaredWorkTest {
    @Test
    void sgdEnsembleCountsBoxMullerAndUpdateFlopsAndStateTrafficPerWalkerModeStep() {
        DeclaredWork f64 = SgdEnsembleBenchmark.work(Map.of("walkers", "64", "modes", "4", "stepsPerOp", "16",
            "precision", "F64", "noise", "GAUSSIAN"));
        // 64 walkers × 4 modes × 16 steps per JMH op
        assertThat(f64.unitsPerOp()).isEqualTo(4096.0);
        assertThat(f64.unit()).isEqualTo("walker-mode-steps");
        // update θ ← θ − η(hθ + g): 7 flops; portable Box–Muller: 81 in F64
        assertThat(f64.flopsPerUnit()).isEqualTo(88.0);
        // state stays in registers within a call: 2 reads + 2 writes of 8 B per walker-mode per call, over 16 steps
        assertThat(f64.bytesPerUnit()).isEqualTo(2.0);
        assertThat(f64.bound()).isEqualTo(DeclaredWork.Bound.COMPUTE);

        DeclaredWork f32 = SgdEnsembleBenchmark.work(Map.of("walkers", "64", "modes", "4", "stepsPerOp", "8",
            "precision", "F32", "noise", "GAUSSIAN"));
        assertThat(f32.flopsPerUnit()).isEqualTo(64.0); // 7 + 57
        assertThat(f32.bytesPerUnit()).isEqualTo(2.0); // 4 × 4 B / 8 steps
        DeclaredWork rademacher = SgdEnsembleBenchmark.work(Map.of("walkers", "1", "modes", "1", "stepsPerOp", "1",
            "precision", "F64", "noise", "RADEMACHER"));
        assertThat(rademacher.flopsPerUnit()).isEqualTo(7.0); // no Gaussian transform
    }

    @Test
    void transferStepCountsOneFmaPerNonzeroAndTheCsrTrafficOfOneSpmv() {
        // 3 rows, 4 nonzeros: [[a, b, 0], [0, c, 0], [0, 0, d]]
        CsrMatrix a = new CsrMatrix(3, 3, new int[] {0, 2, 3, 4}, new int[] {0, 1, 1, 2}, new double[] {1, 2, 3, 4});
        DeclaredWork f64 = TransferOperatorModels.work(a, true);
        assertThat(f64.unitsPerOp()).isEqualTo(3.0); // one cell-step per row
        assertThat(f64.flopsPerUnit()).isEqualTo(2.0 * 4 / 3);
        // values 4 × 8 + column indices 4 × 4 + row pointers 4 × 4 + x read 3 × 8 + y written 3 × 8 = 112 bytes
        assertThat(f64.bytesPerUnit() * 3).isCloseTo(112.0, within(1e-12));
        DeclaredWork f32 = TransferOperatorModels.work(a, false);
        // values 4 × 4 + indices 16 + row pointers 16 + x 12 + y 12 = 72 bytes
        assertThat(f32.bytesPerUnit() * 3).isCloseTo(72.0, within(1e-12));
        assertThat(f32.bound()).isEqualTo(DeclaredWork.Bound.MEMORY);
    }

    @Test
    void fokkerPlanckStepCountsThomasSweepFlopsAndEightArraysPerCell() {
        DeclaredWork w = FokkerPlanckBenchmark.work(Map.of("cells", "1000"));
        assertThat(w.unitsPerOp()).isEqualTo(1000.0);
        assertThat(w.flopsPerUnit()).isEqualTo(11.0); // forward sweep 9 + backward 2
        // 8 bytes × (2 face arrays of n+1, density n, two factor arrays written n each and read back, density written n)
        assertThat(w.bytesPerUnit() * 1000).isCloseTo(8.0 * (2 * 1001 + 1000 + 2 * 1000 + 2 * 1000 + 1000), within(1e-9));
    }
}
