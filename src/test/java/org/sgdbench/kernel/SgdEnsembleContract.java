package org.sgdbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * Contract of every {@link SgdEnsembleKernel} (EJML style): subclass once per backend and implement
 * {@link #create}. The scalar backend is the reference: same seed → same trajectories within
 * {@link #tolerance} (relative to the trajectory's scale), on odd sizes that exercise SIMD tails.
 */
public abstract class SgdEnsembleContract {
    protected static final long SEED = 0x5EEDL;

    /** The kernel under test. */
    protected abstract SgdEnsembleKernel create(QuadraticModes spec, Precision precision, long seed, KernelOptions options);

    /** Allowed max |x − x_ref| / (1 + |x_ref|) after the test's steps; 0 means bit-identical. */
    protected double tolerance(Precision precision, NoiseLaws noise) { return 0; }

    protected static QuadraticModes spec(int walkers, NoiseLaw noise) {
        return spec(walkers, NoiseLaws.both(noise));
    }

    protected static QuadraticModes spec(int walkers, NoiseLaws noise) {
        return new QuadraticModes(List.of(Mode.of(1.0, 0.3, 1.0), Mode.of(0.0, 0.0, 0.5), Mode.of(1.8, 0.0, 1.0)),
            noise, 0.1, 20, walkers, 0.5, 1.0);
    }

    /** Mixed pairs of laws (the mixed-pair rule of the stream layout), and NONE on each axis. */
    protected static final List<NoiseLaws> MIXED = List.of(
        new NoiseLaws(NoiseLaw.GAUSSIAN, NoiseLaw.RADEMACHER), new NoiseLaws(NoiseLaw.RADEMACHER, NoiseLaw.GAUSSIAN),
        new NoiseLaws(NoiseLaw.GAUSSIAN, NoiseLaw.NONE), new NoiseLaws(NoiseLaw.NONE, NoiseLaw.RADEMACHER),
        NoiseLaws.both(NoiseLaw.NONE));

    static List<Arguments> cases() {
        List<Arguments> list = new java.util.ArrayList<>();
        for (int n : new int[] {1, 7, 15, 17, 63, 1023, 1025})
            for (Precision p : Precision.values())
                for (NoiseLaw law : List.of(NoiseLaw.GAUSSIAN, NoiseLaw.RADEMACHER))
                    list.add(Arguments.of(n, p, NoiseLaws.both(law)));
        // mixed pairs: sizes with a vector tail, one past a SIMD block
        for (int n : new int[] {17, 1025})
            for (Precision p : Precision.values())
                for (NoiseLaws laws : MIXED) list.add(Arguments.of(n, p, laws));
        return list;
    }

    @ParameterizedTest(name = "N={0} {1} {2}")
    @MethodSource("cases")
    void reproducesTheScalarReferenceFromTheSameSeed(int walkers, Precision precision, NoiseLaws noise) {
        QuadraticModes s = spec(walkers, noise);
        try (SgdEnsembleKernel ref = Backend.SCALAR.require().sgdEnsemble(s, precision, SEED, KernelOptions.singleThread());
             SgdEnsembleKernel k = create(s, precision, SEED, KernelOptions.singleThread())) {
            assertThat(k.precision()).isEqualTo(precision);
            org.junit.jupiter.api.Assumptions.assumeTrue(k.backend() != ref.backend(),
                "scalar is the reference: comparing it with itself proves nothing");
            ref.reset();
            k.reset();
            assertClose(ref, k, tolerance(precision, noise));
            ref.advance(13);
            k.advance(13);
            ref.advance(7);
            k.advance(7);
            assertThat(k.stepsDone()).isEqualTo(20);
            assertClose(ref, k, tolerance(precision, noise));
        }
    }

    @Test
    void resetRestartsTheSameTrajectory() {
        try (SgdEnsembleKernel k = create(spec(100, NoiseLaw.GAUSSIAN), Precision.F64, SEED, KernelOptions.singleThread())) {
            k.reset();
            k.advance(5);
            double[] a = new double[100], p = new double[100], b = new double[100];
            k.readState(1, a, p);
            k.reset();
            assertThat(k.stepsDone()).isZero();
            k.advance(5);
            k.readState(1, b, p);
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void differentSeedsGiveDifferentTrajectories() {
        QuadraticModes s = spec(64, NoiseLaw.GAUSSIAN);
        try (SgdEnsembleKernel a = create(s, Precision.F64, 1, KernelOptions.singleThread());
             SgdEnsembleKernel b = create(s, Precision.F64, 2, KernelOptions.singleThread())) {
            a.reset();
            b.reset();
            a.advance(3);
            b.advance(3);
            double[] xa = new double[64], xb = new double[64], p = new double[64];
            a.readState(0, xa, p);
            b.readState(0, xb, p);
            assertThat(xa).isNotEqualTo(xb);
        }
    }

    @ParameterizedTest(name = "threads={0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3})
    void resultsDoNotDependOnTheThreadCount(int threads) {
        QuadraticModes s = spec(3 * AbstractSgdEnsemble.BLOCK + 17, NoiseLaw.GAUSSIAN);
        for (Precision precision : Precision.values()) {
            try (SgdEnsembleKernel one = create(s, precision, SEED, KernelOptions.singleThread());
                 SgdEnsembleKernel many = create(s, precision, SEED, KernelOptions.singleThread().withThreads(threads))) {
                one.reset();
                many.reset();
                one.advance(9);
                many.advance(9);
                assertThat(EnsembleTrajectory.measure(many)).isEqualTo(EnsembleTrajectory.measure(one));
            }
        }
    }

    private static void assertClose(SgdEnsembleKernel ref, SgdEnsembleKernel k, double tol) {
        int n = ref.spec().walkers();
        double[] xr = new double[n], pr = new double[n], xk = new double[n], pk = new double[n];
        for (int m = 0; m < ref.spec().modeCount(); m++) {
            ref.readState(m, xr, pr);
            k.readState(m, xk, pk);
            for (int i = 0; i < n; i++) {
                assertThat(Math.abs(xk[i] - xr[i]) / (1 + Math.abs(xr[i])))
                    .as("mode %d walker %d x: %s vs reference %s", m, i, xk[i], xr[i]).isLessThanOrEqualTo(tol);
                assertThat(Math.abs(pk[i] - pr[i]) / (1 + Math.abs(pr[i])))
                    .as("mode %d walker %d prev", m, i).isLessThanOrEqualTo(tol);
            }
        }
    }
}
