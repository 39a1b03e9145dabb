package org.sgdbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.problem.Standardization;

/**
 * Contract of every {@link LinearRegressionKernel} (EJML style): subclass once per backend and implement
 * {@link #create}. The scalar backend is the reference: same seed → same trajectories within {@link #tolerance}
 * (relative to the parameter's scale), for every sampling mode, on diabetes (d = 11) and on a tiny d = 2 dataset,
 * with odd walker counts that exercise vector tails.
 */
public abstract class LinearRegressionContract {
    protected static final long SEED = 0x5EEDL;

    /** The kernel under test. */
    protected abstract LinearRegressionKernel create(LinearRegression spec, Precision precision, long seed,
                                                     KernelOptions options);

    /**
     * Whether {@code KernelOptions.threads()} sets the kernel's {@link LinearRegressionKernel#threads()}: not on an
     * OpenCL device, which schedules its own compute units (the thread test then compares two instances).
     */
    protected boolean threadsOptionApplies() { return true; }

    /**
     * Allowed max |θ − θ_one| / (1 + |θ_one|) between a run on several threads and one on a single thread; 0 (the
     * default) means bit-identical. Kernels whose library reductions split by thread (a BLAS GEMM) state theirs.
     */
    protected double threadTolerance(Precision precision) { return 0; }

    /** Allowed max |θ − θ_ref| / (1 + |θ_ref|) after the test's 20 steps; 0 means bit-identical. */
    protected double tolerance(Precision precision, Sampling sampling) { return 0; }

    /** Five samples, two raw features (no standardisation): every minibatch of the tiny cases is enumerable. */
    public static Dataset tiny() {
        double[][] raw = {{1.0, 0.5}, {0.3, -1.2}, {-0.7, 0.8}, {1.5, 1.1}, {-0.2, -0.4}};
        return Datasets.regression("tiny", List.of("a", "b"), "y", raw, new double[] {0.9, -1.0, 0.4, 2.1, -0.3},
            Standardization.NONE);
    }

    /** A spec on {@code data} with walkers starting around a non-trivial point, spread 0.5. */
    public static LinearRegression spec(Dataset data, int batch, Sampling sampling, double eta, int walkers) {
        double[] center = new double[data.d()];
        for (int j = 0; j < center.length; j++) center[j] = 0.3 - 0.05 * j;
        return new LinearRegression(data, batch, sampling, eta, 20, walkers, center, 0.5);
    }

    static List<Arguments> cases() {
        Dataset diabetes = Datasets.diabetes(), tiny = tiny();
        List<Arguments> list = new ArrayList<>();
        for (int walkers : new int[] {1, 7, 17, 33})
            for (Precision p : Precision.values())
                for (Sampling s : Sampling.values()) {
                    list.add(Arguments.of("diabetes", spec(diabetes, 5, s, 0.05, walkers), p));
                    list.add(Arguments.of("tiny", spec(tiny, 2, s, 0.3, walkers), p));
                }
        return list;
    }

    private boolean isReference() {
        try (LinearRegressionKernel k = create(spec(tiny(), 1, Sampling.WITH_REPLACEMENT, 0.1, 1), Precision.F64, SEED,
            KernelOptions.singleThread())) {
            return k.backend() == Backend.SCALAR;
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void reproducesTheScalarReferenceFromTheSameSeed(String name, LinearRegression s, Precision precision) {
        assumeTrue(!isReference(), "scalar is the reference: comparing it with itself proves nothing");
        try (LinearRegressionKernel ref = Backend.SCALAR.require().linearRegression(s, precision, SEED, KernelOptions.singleThread());
             LinearRegressionKernel k = create(s, precision, SEED, KernelOptions.singleThread())) {
            assertThat(k.precision()).isEqualTo(precision);
            ref.reset();
            k.reset();
            assertClose(ref, k, tolerance(precision, s.sampling()));
            ref.advance(13);
            k.advance(13);
            ref.advance(7);
            k.advance(7);
            assertThat(k.stepsDone()).isEqualTo(20);
            assertClose(ref, k, tolerance(precision, s.sampling()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sampling.class)
    void advancingInPiecesEqualsAdvancingAtOnceAndResetRestarts(Sampling sampling) {
        // tiny: 2 steps per epoch under reshuffling, so the pieces 3 + 1 + 5 cut through epochs
        for (Precision precision : Precision.values()) {
            LinearRegression s = spec(tiny(), 2, sampling, 0.3, 9);
            try (LinearRegressionKernel pieces = create(s, precision, SEED, KernelOptions.singleThread());
                 LinearRegressionKernel once = create(s, precision, SEED, KernelOptions.singleThread())) {
                pieces.reset();
                pieces.advance(3);
                pieces.advance(1);
                pieces.advance(5);
                once.reset();
                once.advance(9);
                double[] a = state(pieces), b = state(once);
                assertThat(a).as("%s %s", sampling, precision).containsExactly(b);
                once.reset();
                assertThat(once.stepsDone()).isZero();
                once.advance(9);
                assertThat(state(once)).containsExactly(b);
            }
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3})
    void resultsDoNotDependOnTheThreadCount(int threads) {
        for (Sampling sampling : Sampling.values())
            for (Precision precision : Precision.values()) {
                LinearRegression s = spec(Datasets.diabetes(), 3, sampling, 0.05, 3 * AbstractLinearRegression.BLOCK + 17);
                try (LinearRegressionKernel one = create(s, precision, SEED, KernelOptions.singleThread());
                     LinearRegressionKernel many = create(s, precision, SEED, KernelOptions.singleThread().withThreads(threads))) {
                    if (threadsOptionApplies()) assertThat(many.threads()).isEqualTo(threads);
                    one.reset();
                    many.reset();
                    one.advance(6);
                    many.advance(6);
                    if (threadTolerance(precision) == 0)
                        assertThat(state(many)).as("%s %s", sampling, precision).containsExactly(state(one));
                    else
                        assertClose(one, many, threadTolerance(precision));
                }
            }
    }

    @Test
    void differentSeedsGiveDifferentTrajectories() {
        LinearRegression s = spec(Datasets.diabetes(), 4, Sampling.WITHOUT_REPLACEMENT, 0.05, 9);
        try (LinearRegressionKernel a = create(s, Precision.F64, 1, KernelOptions.singleThread());
             LinearRegressionKernel b = create(s, Precision.F64, 2, KernelOptions.singleThread())) {
            a.reset();
            b.reset();
            a.advance(3);
            b.advance(3);
            assertThat(state(a)).isNotEqualTo(state(b));
        }
    }

    @Test
    void walkersMoveTowardTheLeastSquaresSolution() {
        // η small, spread 0: every walker descends; the loss must fall (not a property of one lucky walker)
        Dataset data = tiny();
        LinearRegression s = new LinearRegression(data, 2, Sampling.WITHOUT_REPLACEMENT, 0.2, 200, 5,
            new double[] {3, -3}, 0);
        for (Precision precision : Precision.values())
            try (LinearRegressionKernel k = create(s, precision, SEED, KernelOptions.singleThread())) {
                k.reset();
                double before = meanLoss(data, state(k));
                k.advance(200);
                assertThat(meanLoss(data, state(k))).isLessThan(0.5 * before);
            }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void aDivergingRunLeavesNonFiniteParametersInsteadOfThrowing(Precision precision) {
        // η = 100 with single samples of |x|² ≈ 11: |1 − η|x|²| ≈ 10³ per step, overflow within ~100 steps
        LinearRegression s = spec(Datasets.diabetes(), 1, Sampling.WITH_REPLACEMENT, 100, 5);
        try (LinearRegressionKernel k = create(s, precision, SEED, KernelOptions.singleThread())) {
            k.reset();
            k.advance(300);
            boolean nonFinite = false;
            for (double v : state(k)) nonFinite |= !Double.isFinite(v);
            assertThat(nonFinite).as("some parameter overflowed").isTrue();
        }
    }

    @Test
    void readsTheInitialStateAroundTheCenter() {
        LinearRegression s = spec(tiny(), 2, Sampling.WITH_REPLACEMENT, 0.1, 4001);
        try (LinearRegressionKernel k = create(s, Precision.F64, SEED, KernelOptions.singleThread())) {
            k.reset();
            double[] th = state(k);
            double[] c = s.center();
            for (int j = 0; j < 2; j++) {
                double m = 0;
                for (int w = 0; w < 4001; w++) m += th[w * 2 + j];
                m /= 4001;
                // mean of 4001 N(c, 0.5²): standard error 0.0079, 5 standard errors
                assertThat(m).isCloseTo(c[j], org.assertj.core.api.Assertions.within(0.04));
            }
        }
    }

    protected static double[] state(LinearRegressionKernel k) {
        double[] th = new double[k.spec().walkers() * k.spec().dim()];
        k.readState(th);
        return th;
    }

    private static double meanLoss(Dataset data, double[] theta) {
        int d = data.d(), walkers = theta.length / d;
        double sum = 0;
        for (int w = 0; w < walkers; w++)
            for (int i = 0; i < data.n(); i++) {
                double r = -data.y(i);
                for (int j = 0; j < d; j++) r += data.x(i, j) * theta[w * d + j];
                sum += r * r / (2 * data.n());
            }
        return sum / walkers;
    }

    private static void assertClose(LinearRegressionKernel ref, LinearRegressionKernel k, double tol) {
        double[] r = state(ref), a = state(k);
        int d = ref.spec().dim();
        for (int i = 0; i < r.length; i++)
            assertThat(Math.abs(a[i] - r[i]) / (1 + Math.abs(r[i])))
                .as("walker %d parameter %d: %s vs reference %s", i / d, i % d, a[i], r[i]).isLessThanOrEqualTo(tol);
    }
}
