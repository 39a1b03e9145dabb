package org.sgdbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sgdbench.mlp.MlpMinimum;
import org.sgdbench.mlp.MlpModel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/**
 * Contract of every {@link MlpEnsembleKernel} (EJML style): subclass once per backend and implement {@link #create}.
 * The scalar backend is the reference: same seed → same trajectories within {@link #tolerance}, for every sampling
 * mode, at odd sizes (H = 5, 7 walkers, b = 3) and any thread count.
 */
public abstract class MlpEnsembleContract {
    protected static final MlpData TRAIN = MlpData.digitsSplit(50, 3)[0];

    protected abstract MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision,
                                                KernelOptions options);

    /** Allowed max |θ − θ_ref| / (1 + |θ_ref|) after the test's steps; 0 means bit-identical. */
    protected double tolerance(Precision precision) { return 0; }

    protected static MlpSpec spec(Sampling sampling, int walkers) {
        return new MlpSpec(5, 3, sampling, 0.3, 20, walkers, 1e-3, 11, TRAIN.size());
    }

    protected static double[] start(MlpSpec spec) {
        return MlpMinimum.initialWeights(new MlpModel(64, spec.hidden(), 10), 5);
    }

    static double maxDeviation(MlpEnsembleKernel ref, MlpEnsembleKernel k, int walkers, int p) {
        double[] a = new double[p], b = new double[p];
        double dev = 0;
        for (int w = 0; w < walkers; w++) {
            ref.readWalker(w, a);
            k.readWalker(w, b);
            for (int i = 0; i < p; i++) dev = Math.max(dev, Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])));
        }
        return dev;
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void reproducesTheScalarReferenceFromTheSameSeed(Sampling sampling) {
        for (Precision precision : Precision.values()) {
            MlpSpec s = spec(sampling, 7);
            double[] t0 = start(s);
            try (MlpEnsembleKernel ref = Backend.SCALAR.require().mlpEnsemble(s, TRAIN, t0, precision, KernelOptions.singleThread());
                 MlpEnsembleKernel k = create(s, TRAIN, t0, precision, KernelOptions.singleThread())) {
                assertThat(k.precision()).isEqualTo(precision);
                assertThat(maxDeviation(ref, k, 7, s.parameters())).isZero();
                ref.advance(13);
                k.advance(13);
                ref.advance(7); // crosses an epoch of reshuffling (50 / 3 = 16 steps)
                k.advance(7);
                assertThat(k.stepsDone()).isEqualTo(20);
                assertThat(maxDeviation(ref, k, 7, s.parameters())).as(precision.name()).isLessThanOrEqualTo(tolerance(precision));
            }
        }
    }

    @Test
    void threadCountDoesNotChangeTheTrajectories() {
        MlpSpec s = spec(Sampling.RESHUFFLING, 9);
        try (MlpEnsembleKernel a = create(s, TRAIN, start(s), Precision.F32, KernelOptions.singleThread());
             MlpEnsembleKernel b = create(s, TRAIN, start(s), Precision.F32, KernelOptions.singleThread().withThreads(3))) {
            a.advance(20);
            b.advance(20);
            // a backend whose library splits sums by thread may differ, but never beyond its stated tolerance
            assertThat(maxDeviation(a, b, 9, s.parameters())).isLessThanOrEqualTo(tolerance(Precision.F32));
        }
    }

    @Test
    void resetRestartsTheSameTrajectoriesAndWalkersDiffer() {
        MlpSpec s = spec(Sampling.WITH_REPLACEMENT, 2);
        int p = s.parameters();
        try (MlpEnsembleKernel k = create(s, TRAIN, start(s), Precision.F64, KernelOptions.singleThread())) {
            double[] first = new double[p], again = new double[p], other = new double[p];
            k.advance(5);
            k.readWalker(0, first);
            k.readWalker(1, other);
            k.reset();
            assertThat(k.stepsDone()).isZero();
            k.readWalker(0, again);
            assertThat(again).containsExactly(start(s));
            k.advance(5);
            k.readWalker(0, again);
            assertThat(again).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    @Test
    void singlePrecisionFollowsDoublePrecisionClosely() {
        MlpSpec s = spec(Sampling.WITHOUT_REPLACEMENT, 5);
        try (MlpEnsembleKernel a = create(s, TRAIN, start(s), Precision.F64, KernelOptions.singleThread());
             MlpEnsembleKernel b = create(s, TRAIN, start(s), Precision.F32, KernelOptions.singleThread())) {
            a.advance(20);
            b.advance(20);
            // float rounding (2⁻²⁴ per operation) amplified by at most 20 steps of a contraction-or-mild-expansion map
            assertThat(maxDeviation(a, b, 5, s.parameters())).isLessThan(1e-4);
        }
    }
}
