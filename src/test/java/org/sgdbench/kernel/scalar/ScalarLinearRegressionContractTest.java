package org.sgdbench.kernel.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.MinibatchStreams;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/** The contract for scalar, plus the reference itself checked against a line-by-line transcription of its semantics. */
class ScalarLinearRegressionContractTest extends LinearRegressionContract {
    @Override
    protected LinearRegressionKernel create(LinearRegression spec, Precision precision, long seed, KernelOptions options) {
        return new ScalarProvider().linearRegression(spec, precision, seed, options);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sampling.class)
    void f64FollowsTheReferenceSemanticsStepByStep(Sampling sampling) {
        Dataset data = Datasets.diabetes();
        LinearRegression s = spec(data, 7, sampling, 0.05, 5);
        int d = data.d(), n = data.n(), b = 7;
        long seed = 0x1234_5678_9ABCL;
        try (LinearRegressionKernel k = create(s, Precision.F64, seed, KernelOptions.singleThread())) {
            k.reset();
            k.advance(150); // > 63 steps per epoch: crosses two reshuffling epochs
            double[] got = state(k);
            int k0 = StreamLayout.key0(seed), k1 = StreamLayout.key1(seed);
            int[] words = new int[4], idx = new int[b], perm = new int[n];
            double[] z = new double[2];
            double[] center = s.center();
            for (int w = 0; w < 5; w++) {
                double[] th = new double[d];
                for (int j = 0; j < d; j++) {
                    Philox4x32.block(w, 0, j, StreamLayout.INITIAL, k0, k1, words);
                    Gaussian.pair(StreamLayout.uniform53(words[0], words[1]), StreamLayout.uniform53(words[2], words[3]), z);
                    th[j] = Math.fma(0.5, z[0], center[j]);
                }
                for (int t = 0; t < 150; t++) {
                    MinibatchStreams.batch(sampling, k0, k1, w, t, n, b, perm, 0, idx, 0, words);
                    double[] g = new double[d];
                    for (int q = 0; q < b; q++) {
                        int i = idx[q];
                        double r = -data.y(i);
                        for (int j = 0; j < d; j++) r = Math.fma(data.x(i, j), th[j], r);
                        for (int j = 0; j < d; j++) g[j] = Math.fma(data.x(i, j), r, g[j]);
                    }
                    for (int j = 0; j < d; j++) th[j] = Math.fma(-0.05 / b, g[j], th[j]);
                }
                for (int j = 0; j < d; j++)
                    assertThat(got[w * d + j]).as("walker %d parameter %d", w, j).isEqualTo(th[j]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sampling.class)
    void f32StaysWithinFloatRoundingOfF64(Sampling sampling) {
        LinearRegression s = spec(Datasets.diabetes(), 5, sampling, 0.05, 9);
        try (LinearRegressionKernel f32 = create(s, Precision.F32, SEED, KernelOptions.singleThread());
             LinearRegressionKernel f64 = create(s, Precision.F64, SEED, KernelOptions.singleThread())) {
            assertThat(f32.precision()).isEqualTo(Precision.F32);
            f32.reset();
            f64.reset();
            f32.advance(40);
            f64.advance(40);
            double[] a = state(f32), r = state(f64);
            // same minibatches; a contracting map (η·λmax(H_B) < 2) keeps the float rounding at ~1e-6 per step
            assertThat(a).as("F32 really runs in float").isNotEqualTo(r);
            for (int i = 0; i < a.length; i++)
                assertThat(Math.abs(a[i] - r[i])).isLessThan(1e-4 * (1 + Math.abs(r[i])));
        }
    }
}
