package org.sgdbench.kernel.scalar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sgdbench.kernel.CoupledEnsembleKernel;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.CoupledFixtures;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.theory.CoupledMomentRecursion;

class ScalarCoupledEnsembleTest {
    private static final double[] H = {1.0, 0.4, 0.7};


    static CoupledQuadratic2D spec(int walkers, NoiseLaw law) {
        return new CoupledQuadratic2D(H, CoupledFixtures.correlatedCovariance(), law, 0.4, 12, walkers, new double[] {3, -2}, 0.5);
    }

    /**
     * Ensemble mean, covariance and lag-1 cross-covariance after 12 steps vs the exact recursion. Tolerance 5
     * standard errors, each estimated from the same sample: sd(x_i)/√N for a mean, sd of the centred products
     * (x_i − x̄_i)(y_j − ȳ_j)/√N for a covariance entry.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GAUSSIAN, F64, 200000", "RADEMACHER, F64, 60000", "GAUSSIAN, F32, 60000", "RADEMACHER, F32, 60000"})
    void ensembleMatchesTheMomentRecursion(NoiseLaw law, Precision precision, int n) {
        int steps = 12;
        CoupledQuadratic2D spec = spec(n, law);
        double[] x1 = new double[n], x2 = new double[n], p1 = new double[n], p2 = new double[n];
        try (ScalarCoupledEnsemble k = new ScalarCoupledEnsemble(spec, precision, 99, KernelOptions.singleThread())) {
            k.reset();
            k.advance(steps);
            k.readState(x1, x2, p1, p2);
        }
        CoupledMomentRecursion r = CoupledMomentRecursion.of(spec);
        CoupledMomentRecursion.Moments before = r.at(steps - 1), exact = r.step(before);
        double[] lag = r.lag1CrossCovariance(before);
        double m1 = mean(x1), m2 = mean(x2), q1 = mean(p1), q2 = mean(p2);
        assertThat(m1).isCloseTo(exact.m1(), within(5 * Math.sqrt(cov(x1, m1, x1, m1)[0] / n)));
        assertThat(m2).isCloseTo(exact.m2(), within(5 * Math.sqrt(cov(x2, m2, x2, m2)[0] / n)));
        assertCov(x1, m1, x1, m1, exact.c11(), n);
        assertCov(x1, m1, x2, m2, exact.c12(), n);
        assertCov(x2, m2, x2, m2, exact.c22(), n);
        assertCov(x1, m1, p1, q1, lag[0], n);
        assertCov(x1, m1, p2, q2, lag[1], n);
        assertCov(x2, m2, p1, q1, lag[2], n);
        assertCov(x2, m2, p2, q2, lag[3], n);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** (sample covariance, sample variance of the centred products). */
    private static double[] cov(double[] x, double mx, double[] y, double my) {
        double s = 0, s2 = 0;
        for (int i = 0; i < x.length; i++) {
            double p = (x[i] - mx) * (y[i] - my);
            s += p;
            s2 += p * p;
        }
        s /= x.length;
        return new double[] {s, s2 / x.length - s * s};
    }

    private static void assertCov(double[] x, double mx, double[] y, double my, double exact, int n) {
        double[] c = cov(x, mx, y, my);
        assertThat(c[0]).isCloseTo(exact, within(5 * Math.sqrt(c[1] / n)));
    }

    @Test
    void resultsDoNotDependOnThreadsOrHowStepsAreSplit() {
        int n = 10_001; // three parallel blocks, the last one short
        double[][] a = run(spec(n, NoiseLaw.GAUSSIAN), Precision.F64, 1, new int[] {20});
        double[][] b = run(spec(n, NoiseLaw.GAUSSIAN), Precision.F64, 2, new int[] {13, 7});
        for (int c = 0; c < 4; c++) assertThat(b[c]).containsExactly(a[c]);
    }

    @Test
    void resetRestartsTheSameTrajectory() {
        try (ScalarCoupledEnsemble k = new ScalarCoupledEnsemble(spec(64, NoiseLaw.RADEMACHER), Precision.F64, 3,
            KernelOptions.singleThread())) {
            double[] a1 = new double[64], a2 = new double[64], b1 = new double[64], b2 = new double[64];
            double[] p1 = new double[64], p2 = new double[64];
            k.reset();
            k.readState(a1, a2, p1, p2);
            assertThat(a1).containsExactly(p1); // prev = x before the first step
            assertThat(a2).containsExactly(p2);
            k.advance(5);
            k.readState(a1, a2, p1, p2);
            k.reset();
            assertThat(k.stepsDone()).isZero();
            k.advance(5);
            k.readState(b1, b2, p1, p2);
            assertThat(b1).containsExactly(a1);
            assertThat(b2).containsExactly(a2);
        }
    }

    @Test
    void differentSeedsDiffer() {
        double[][] a = run(spec(32, NoiseLaw.GAUSSIAN), Precision.F64, 1, new int[] {3}, 1);
        double[][] b = run(spec(32, NoiseLaw.GAUSSIAN), Precision.F64, 1, new int[] {3}, 2);
        assertThat(a[0]).isNotEqualTo(b[0]);
    }

    @Test
    void singlePrecisionTracksDoublePrecisionWithRademacherNoise() {
        // Rademacher signs come from the same words in both precisions, so F32 and F64 follow the same path up to
        // float rounding (~6e-8 relative per operation; 3 steps keep the multiplicative amplification small).
        // Gaussian draws (noise and initial positions) come from other words in F32 (uniform24 of w0, w1), so the
        // start is made deterministic (spread 0) and F32 Gaussian is checked statistically in
        // ensembleMatchesTheMomentRecursion instead.
        int n = 257;
        CoupledQuadratic2D s = new CoupledQuadratic2D(H, CoupledFixtures.correlatedCovariance(), NoiseLaw.RADEMACHER, 0.4, 3, n, new double[] {3, -2}, 0);
        double[][] d = run(s, Precision.F64, 1, new int[] {3});
        double[][] f = run(s, Precision.F32, 1, new int[] {3});
        for (int c = 0; c < 4; c++)
            for (int i = 0; i < n; i++)
                assertThat(f[c][i]).isCloseTo(d[c][i], within(2e-6 * (1 + Math.abs(d[c][i]))));
    }

    @Test
    void noiseFactorReproducesTheCovarianceAndAcceptsSemidefinite() {
        double[] s = CoupledFixtures.correlatedCovariance();
        double[] l = CoupledEnsembleKernel.noiseFactor(spec(1, NoiseLaw.GAUSSIAN));
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++) {
                double v = 0;
                for (int k = 0; k < 5; k++) v += l[i * 5 + k] * l[j * 5 + k];
                assertThat(v).isCloseTo(s[i * 5 + j], within(1e-14));
                if (j > i) assertThat(l[i * 5 + j]).isZero();
            }
        double[] semi = new double[25]; // no Hessian noise, gradient noise only
        semi[3 * 5 + 3] = 1;
        semi[4 * 5 + 4] = 4;
        semi[3 * 5 + 4] = semi[4 * 5 + 3] = 1;
        CoupledQuadratic2D flat = new CoupledQuadratic2D(H, semi, NoiseLaw.GAUSSIAN, 0.1, 1, 1, new double[2], 0);
        double[] lf = CoupledEnsembleKernel.noiseFactor(flat);
        assertThat(lf[3 * 5 + 3]).isEqualTo(1.0);
        assertThat(lf[4 * 5 + 3]).isEqualTo(1.0);
        assertThat(lf[4 * 5 + 4]).isCloseTo(Math.sqrt(3), within(1e-15));
        double[] bad = new double[25];
        bad[0] = 1;
        bad[6] = 1;
        bad[1] = bad[5] = 2; // |correlation| > 1
        CoupledQuadratic2D notPsd = new CoupledQuadratic2D(H, bad, NoiseLaw.GAUSSIAN, 0.1, 1, 1, new double[2], 0);
        assertThatThrownBy(() -> CoupledEnsembleKernel.noiseFactor(notPsd)).isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("noiseCovariance");
    }

    private static double[][] run(CoupledQuadratic2D spec, Precision p, int threads, int[] chunks) {
        return run(spec, p, threads, chunks, 42);
    }

    private static double[][] run(CoupledQuadratic2D spec, Precision p, int threads, int[] chunks, long seed) {
        int n = spec.walkers();
        double[][] out = new double[4][n];
        try (ScalarCoupledEnsemble k = new ScalarCoupledEnsemble(spec, p, seed, new KernelOptions(threads, "any"))) {
            k.reset();
            for (int c : chunks) k.advance(c);
            k.readState(out[0], out[1], out[2], out[3]);
        }
        return out;
    }
}
