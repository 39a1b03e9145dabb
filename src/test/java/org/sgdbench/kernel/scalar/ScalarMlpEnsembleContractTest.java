package org.sgdbench.kernel.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleContract;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.mlp.MlpModel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.rng.MinibatchStreams;
import org.sgdbench.rng.StreamLayout;

class ScalarMlpEnsembleContractTest extends MlpEnsembleContract {
    @Override
    protected MlpEnsembleKernel create(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        return new ScalarMlpEnsemble(spec, train, theta0, precision, options);
    }

    /** The documented semantics, step by step: the minibatch of (walker, step) from the stream, then one SGD step. */
    @Test
    void oneStepIsTheDocumentedUpdateOnTheStreamsMinibatch() {
        MlpSpec s = spec(Sampling.WITHOUT_REPLACEMENT, 3);
        double[] theta = start(s);
        MlpModel m = new MlpModel(64, s.hidden(), 10);
        int[] idx = new int[s.batch()], words = new int[4];
        int walker = 2;
        double[] expected = theta.clone();
        for (int step = 0; step < 2; step++) {
            MinibatchStreams.withoutReplacement(StreamLayout.key0(s.seed()), StreamLayout.key1(s.seed()), walker, step,
                TRAIN.size(), s.batch(), idx, 0, words);
            double[] g = new double[theta.length];
            MlpModel.Workspace w = m.workspace();
            for (int j : idx) {
                m.forward(expected, TRAIN.features(), j * 64, TRAIN.labels()[j], w);
                m.addGradient(TRAIN.features(), j * 64, w, 1, g);
            }
            for (int i = 0; i < theta.length; i++) expected[i] -= s.eta() * (g[i] / s.batch() + s.penalty() * expected[i]);
        }
        try (MlpEnsembleKernel k = create(s, TRAIN, theta, Precision.F64, KernelOptions.singleThread())) {
            k.advance(2);
            double[] got = new double[theta.length];
            k.readWalker(walker, got);
            assertThat(got).containsExactly(expected);
        }
    }
}
