package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/** What the linear-regression contract does not cover: the device really used, launch chunking, closing. */
class AparapiLinearRegressionTest {
    @Test
    void runsOnTheOpenCLDeviceItWasGivenAndSaysSo() {
        AparapiTarget target = AparapiTestDevice.openCL();
        LinearRegression s = LinearRegressionContract.spec(Datasets.diabetes(), 8, Sampling.WITH_REPLACEMENT, 0.05, 65);
        try (AparapiLinearRegression k = new AparapiLinearRegression(s, Precision.F32, 1, KernelOptions.singleThread(), target)) {
            k.advance(2);
            assertThat(k.device()).isEqualTo(target.description()).startsWith("OpenCL");
            assertThat(k.threads()).isEqualTo(target.computeUnits());
            assertThat(k.buildNanos()).isPositive();
        }
    }

    @Test
    void advancesBeyondOneLaunchContinuingTheStepCounter() {
        // b = 64: 512 steps per launch, so 1100 steps take three launches (512 + 512 + 76)
        AparapiTarget target = AparapiTestDevice.openCL();
        LinearRegression s = LinearRegressionContract.spec(Datasets.diabetes(), 64, Sampling.RESHUFFLING, 0.05, 3);
        try (AparapiLinearRegression chunked = new AparapiLinearRegression(s, Precision.F64, 1, KernelOptions.singleThread(), target);
             AparapiLinearRegression stepwise = new AparapiLinearRegression(s, Precision.F64, 1, KernelOptions.singleThread(), target)) {
            chunked.advance(1100);
            for (int i = 0; i < 11; i++) stepwise.advance(100);
            double[] a = new double[3 * 11], b = new double[3 * 11];
            chunked.readState(a);
            stepwise.readState(b);
            assertThat(chunked.stepsDone()).isEqualTo(1100);
            assertThat(a).containsExactly(b);
        }
    }

    @Test
    void aClosedKernelRefusesWork() {
        LinearRegression s = LinearRegressionContract.spec(LinearRegressionContract.tiny(), 2, Sampling.WITH_REPLACEMENT, 0.1, 3);
        AparapiLinearRegression k = new AparapiLinearRegression(s, Precision.F32, 1, new KernelOptions(1, "jtp"));
        k.close();
        k.close();
        assertThatThrownBy(() -> k.advance(1)).isInstanceOf(IllegalStateException.class);
    }
}
