package org.sgdbench.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleContract;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/** The SGD ensemble contract at the JVM's own width (bit-identical to scalar), plus SIMD-specific checks. */
class SimdSgdEnsembleContractTest extends SgdEnsembleContract {
    @Override
    protected SgdEnsembleKernel create(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        return new SimdProvider().sgdEnsemble(spec, precision, seed, options);
    }

    /**
     * Many draws, one step: x₁ = x₀ − η(h x₀ + g) exposes every normal of the step directly, so any lane whose
     * Philox words or Box–Muller differ from scalar (tails of the log, all four quadrants) is caught.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void everyNormalOfManyWalkersIsBitIdenticalToScalar(Precision precision) {
        int n = (1 << 15) + 3;
        QuadraticModes s = new QuadraticModes(List.of(Mode.of(0.5, 1.0, 1.0)), NoiseLaw.GAUSSIAN, 1.0, 1, n, 0.0, 1.0);
        try (SgdEnsembleKernel ref = Backend.SCALAR.require().sgdEnsemble(s, precision, 77, KernelOptions.singleThread());
             SgdEnsembleKernel k = create(s, precision, 77, KernelOptions.singleThread())) {
            ref.reset();
            k.reset();
            ref.advance(2);
            k.advance(2);
            double[] xr = new double[n], pr = new double[n], xk = new double[n], pk = new double[n];
            ref.readState(0, xr, pr);
            k.readState(0, xk, pk);
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToRawLongBits(xk[i])).as("walker %d: %s vs %s", i, xk[i], xr[i])
                    .isEqualTo(Double.doubleToRawLongBits(xr[i]));
                assertThat(Double.doubleToRawLongBits(pk[i])).isEqualTo(Double.doubleToRawLongBits(pr[i]));
            }
        }
    }

    @Test
    void namesTheBackendAndTheVectorShapeItRan() {
        QuadraticModes s = spec(8, NoiseLaw.GAUSSIAN);
        try (SgdEnsembleKernel f32 = create(s, Precision.F32, 1, KernelOptions.singleThread());
             SgdEnsembleKernel f64 = create(s, Precision.F64, 1, KernelOptions.singleThread())) {
            int bits = SimdLanes.BITS;
            assertThat(f32.backend()).isEqualTo(Backend.SIMD);
            assertThat(f32.device()).isEqualTo("SIMD " + bits + "-bit (" + bits / 32 + "×f32)");
            assertThat(f64.device()).isEqualTo("SIMD " + bits + "-bit (" + bits / 64 + "×f64)");
        }
    }
}
