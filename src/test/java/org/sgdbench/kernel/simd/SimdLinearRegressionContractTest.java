package org.sgdbench.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/** The linear-regression contract at the JVM's own width: bit-identical to scalar. */
class SimdLinearRegressionContractTest extends LinearRegressionContract {
    @Override
    protected LinearRegressionKernel create(LinearRegression spec, Precision precision, long seed, KernelOptions options) {
        return new SimdProvider().linearRegression(spec, precision, seed, options);
    }

    @Test
    void namesTheBackendAndTheVectorShapeItRan() {
        LinearRegression s = spec(Datasets.diabetes(), 2, Sampling.WITH_REPLACEMENT, 0.05, 8);
        try (LinearRegressionKernel f32 = create(s, Precision.F32, 1, KernelOptions.singleThread());
             LinearRegressionKernel f64 = create(s, Precision.F64, 1, KernelOptions.singleThread())) {
            assertThat(f64.backend()).isEqualTo(Backend.SIMD);
            assertThat(f32.device()).isEqualTo("SIMD " + SimdLanes.BITS + "-bit (" + SimdLanes.BITS / 32 + "×f32)");
            assertThat(f64.device()).isEqualTo("SIMD " + SimdLanes.BITS + "-bit (" + SimdLanes.BITS / 64 + "×f64)");
        }
    }
}
