package org.sgdbench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;
import org.sgdbench.theory.ModeTheory;

/**
 * The Monte Carlo half of the accuracy pass on fake kernels whose walkers are drawn from a law with known
 * moments (fixed seed): exact moments pass, a biased variance is a LARGE_ERROR, NaN walkers are DIVERGED, an
 * infinite fourth moment is NOT_JUDGED, and a backend without its scalar reference is not judged.
 */
class EnsembleAccuracyTest {
    static final int N = 1 << 16;
    static final EnsembleAccuracy.Settings SETTINGS = new EnsembleAccuracy.Settings(List.of(Backend.SCALAR),
        List.of(Precision.F64), 1, KernelOptions.singleThread(), 5.0, false);

    /**
     * A kernel that returns, at step s, walkers with SGD's exact mean and variance and the exact lag-1
     * covariance: prev ~ N(μ_{s−1}, v_{s−1}), x = m·prev + N(0, v_s − m²v_{s−1}) with m = 1 − ηλ (exact for a mode
     * without Hessian noise), times {@code varianceFactor}.
     */
    static final class FakeKernel implements SgdEnsembleKernel {
        final VerdictCase c;
        final Backend backend;
        final double scale;
        final BiFunction<Long, double[], double[]> tamper;
        long steps;

        FakeKernel(VerdictCase c, Backend backend, double varianceFactor, BiFunction<Long, double[], double[]> tamper) {
            this.c = c;
            this.backend = backend;
            this.scale = Math.sqrt(varianceFactor);
            this.tamper = tamper;
        }

        public Backend backend() { return backend; }
        public Precision precision() { return Precision.F64; }
        public QuadraticModes spec() { return c.spec(); }
        public String device() { return "fake"; }
        public int threads() { return 1; }
        public void reset() { steps = 0; }
        public void advance(int s) { steps += s; }
        public long stepsDone() { return steps; }

        public void readState(int mode, double[] x, double[] prev) {
            ModeTheory th = ModeTheory.of(c.mode(), c.noise(), c.eta());
            double v0 = c.initSpread() * c.initSpread(), m = th.meanFactor();
            double mp = th.mean(steps - 1, c.initMean()), vp = th.variance(steps - 1, c.initMean(), v0);
            double inj = th.variance(steps, c.initMean(), v0) - m * m * vp;
            SplittableRandom rnd = new SplittableRandom(1000 + steps);
            for (int i = 0; i < x.length; i++) {
                double p = mp + Math.sqrt(vp) * gauss(rnd);
                double xi = m * p + Math.sqrt(inj) * gauss(rnd);
                double mean = th.mean(steps, c.initMean());
                prev[i] = p;
                x[i] = mean + scale * (xi - mean);
            }
            if (tamper != null) tamper.apply(steps, x);
        }

        static double gauss(SplittableRandom r) {
            double u = r.nextDouble(), v = r.nextDouble();
            return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
        }
    }

    static VerdictCase confined() {
        return new VerdictCase("fake-confined", "η=0.5, λ=1", Mode.of(1, 0, 1), NoiseLaw.GAUSSIAN, 0.5, 60, N, 0, 0);
    }

    static List<AccuracyRow> measure(FakeKernel k, Map<String, double[]> scalar) {
        return EnsembleAccuracy.measure(k.c, k, SETTINGS, 0, scalar);
    }

    static AccuracyRow row(List<AccuracyRow> rows, String prefix) {
        return rows.stream().filter(r -> r.quantity().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void exactMomentsPass() {
        List<AccuracyRow> rows = measure(new FakeKernel(confined(), Backend.SCALAR, 1, null), new HashMap<>());
        assertThat(rows).extracting(AccuracyRow::quantity).contains("mean at t=60", "variance at t=60", "lag-1 autocorrelation at t=60");
        assertThat(rows).allSatisfy(r -> assertThat(r.outcome()).as(r.quantity()).isEqualTo(Outcome.OK));
        AccuracyRow v = row(rows, "variance");
        assertThat(v.exact()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v.tolerance()).isBetween(0.005, 0.05);
        // the Brownian columns: OU −25 %, Itô = OU without Hessian noise, the best diffusion exact
        assertThat(v.langevinError()).isCloseTo(-0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.ito()).isEqualTo(v.langevin());
        assertThat(v.bestDiffusionError()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aTenPercentVarianceBiasIsALargeError() {
        List<AccuracyRow> rows = measure(new FakeKernel(confined(), Backend.SCALAR, 1.1, null), new HashMap<>());
        assertThat(row(rows, "variance").outcome()).isEqualTo(Outcome.LARGE_ERROR);
        assertThat(row(rows, "variance").error()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void aShiftedMeanIsALargeError() {
        List<AccuracyRow> rows = measure(new FakeKernel(confined(), Backend.SCALAR, 1, (s, x) -> {
            for (int i = 0; i < x.length; i++) x[i] += 0.05;
            return x;
        }), new HashMap<>());
        assertThat(row(rows, "mean").outcome()).isEqualTo(Outcome.LARGE_ERROR);
    }

    @Test
    void nanWalkersAreDiverged() {
        List<AccuracyRow> rows = measure(new FakeKernel(confined(), Backend.SCALAR, 1, (s, x) -> {
            x[17] = Double.NaN;
            return x;
        }), new HashMap<>());
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.DIVERGED));
    }

    @Test
    void anInfiniteFourthMomentIsNotJudgedWhateverTheSample() {
        // σ_h = 3: Kesten index 3.24 < 4: the sample variance has no standard error
        VerdictCase c = new VerdictCase("fake-kurtosis", "", Mode.of(1, 3, 1), NoiseLaw.GAUSSIAN, 0.1, 300, N, 0, 0);
        List<AccuracyRow> rows = measure(new FakeKernel(c, Backend.SCALAR, 3.0, null), new HashMap<>());
        assertThat(row(rows, "variance").outcome()).isEqualTo(Outcome.NOT_JUDGED);
        assertThat(row(rows, "variance").reason()).contains("fourth moment is infinite");
        assertThat(row(rows, "lag-1").outcome()).isEqualTo(Outcome.NOT_JUDGED);
        assertThat(row(rows, "tail index").reason()).contains("Hill-plot drift");
    }

    /** Replaces the walkers by a symmetric Pareto sample: P(|x| > r) = r^{−α} for r ≥ 0.1·… (exact power tail). */
    static BiFunction<Long, double[], double[]> pareto(double alpha) {
        return (s, x) -> {
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < x.length; i++)
                x[i] = (rnd.nextBoolean() ? 0.1 : -0.1) * Math.pow(1 - rnd.nextDouble(), -1 / alpha);
            return x;
        };
    }

    @Test
    void theHillRowPassesAnExactPowerTailOfTheKestenIndexAndCatchesAnotherOne() {
        VerdictCase c = new VerdictCase("fake-kurtosis", "", Mode.of(1, 3, 1), NoiseLaw.GAUSSIAN, 0.1, 300, N, 0, 0);
        double alpha = ModeTheory.of(c.mode(), c.noise(), c.eta()).kestenTailIndex();
        AccuracyRow right = row(measure(new FakeKernel(c, Backend.SCALAR, 1, pareto(alpha)), new HashMap<>()), "tail index");
        assertThat(right.outcome()).as(right.reason()).isEqualTo(Outcome.OK);
        assertThat(right.tolerance()).as("5/√327 plus a small drift").isBetween(0.27, 0.40);
        AccuracyRow wrong = row(measure(new FakeKernel(c, Backend.SCALAR, 1, pareto(2.0)), new HashMap<>()), "tail index");
        assertThat(wrong.outcome()).as(wrong.reason()).isEqualTo(Outcome.LARGE_ERROR);
    }

    @Test
    void anotherBackendIsComparedWithTheScalarTrajectoriesOrNotJudged() {
        Map<String, double[]> scalar = new HashMap<>();
        AccuracyRow alone = row(measure(new FakeKernel(confined(), Backend.SIMD, 1, null), scalar), "max deviation");
        assertThat(alone.outcome()).isEqualTo(Outcome.NOT_JUDGED);
        measure(new FakeKernel(confined(), Backend.SCALAR, 1, null), scalar);
        assertThat(row(measure(new FakeKernel(confined(), Backend.SIMD, 1, null), scalar), "max deviation").outcome())
            .isEqualTo(Outcome.OK);
        AccuracyRow off = row(measure(new FakeKernel(confined(), Backend.SIMD, 1, (s, x) -> {
            x[3] = Math.nextUp(x[3]);
            return x;
        }), scalar), "max deviation");
        assertThat(off.outcome()).as("bit-identical means bit-identical").isEqualTo(Outcome.LARGE_ERROR);
    }

    @Test
    void theRealScalarKernelPassesAQuickCase() {
        VerdictCase c = VerdictCase.standard(4096).get(1);
        List<AccuracyRow> rows = EnsembleAccuracy.run(c, SETTINGS, s -> {});
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.outcome()).as(r.quantity()).isEqualTo(Outcome.OK));
    }
}
