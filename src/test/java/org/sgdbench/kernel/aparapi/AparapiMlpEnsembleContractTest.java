package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleContract;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/**
 * The MLP ensemble contract on the OpenCL device under test (PoCL in CI), within the tolerance the kernel states
 * ({@link AparapiMlpEnsemble}). Skipped, with the reason, where there is no OpenCL device.
 */
class AparapiMlpEnsembleContractTest extends MlpEnsembleContract {
    private static AparapiTarget target;

    /**
     * The layout under test, named rather than left to the device's default, so that both layouts are tested on
     * whatever device runs the tests (the default differs between CPU devices and GPUs).
     */
    AparapiMlpEnsemble.Layout layout() { return AparapiMlpEnsemble.Layout.PARAMETER_MAJOR; }

    @BeforeAll
    static void device() { target = AparapiTestDevice.openCL(); }

    @Override
    protected MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        AparapiTestDevice.assumePrecision(target, precision);
        return new AparapiMlpEnsemble(spec, train, theta0, precision, options, target, layout());
    }

    @Override
    protected double tolerance(Precision precision) {
        return precision == Precision.F64 ? AparapiMlpEnsemble.TOLERANCE_F64 : AparapiMlpEnsemble.TOLERANCE_F32;
    }

    /** The host draws the minibatches in blocks of walkers over its threads: the split must not change anything. */
    @Test
    void hostThreadsDrawingTheMinibatchesDoNotChangeTheTrajectories() {
        MlpSpec s = spec(Sampling.RESHUFFLING, 150); // three blocks of walkers; 20 steps cross a launch and an epoch
        int p = s.parameters();
        try (MlpEnsembleKernel one = create(s, TRAIN, start(s), Precision.F32, KernelOptions.singleThread());
             MlpEnsembleKernel two = create(s, TRAIN, start(s), Precision.F32, KernelOptions.singleThread().withThreads(2))) {
            one.advance(20);
            two.advance(20);
            double[] a = new double[p], b = new double[p];
            for (int w = 0; w < s.walkers(); w++) {
                one.readWalker(w, a);
                two.readWalker(w, b);
                assertThat(b).as("walker %d", w).containsExactly(a);
            }
        }
    }
}
