package org.sgdbench.mlp;

import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.rng.MinibatchStreams;
import org.sgdbench.rng.StreamLayout;

/**
 * The linearised ensemble: SGD on the quadratic model of the loss at θ*, with each minibatch's own Hessian and
 * gradient there. For the displacement δ = θ − θ* of walker w at step t, with the very minibatch B the full
 * ensemble draws for (w, t) (same seed, same {@code rng.MinibatchStreams}):
 * <pre>
 *   δ ← δ − η ( (1/b) Σ_{n∈B} [∇loss_n(θ*) + H_n(θ*) δ] + μ(θ* + δ) )
 * </pre>
 * H_n δ by exact Hessian–vector products ({@link MlpModel#addHessianVector}) at the per-sample forward states of θ*,
 * computed once. Against the per-direction recursion it isolates the coupling of directions through the Hessian's
 * minibatch fluctuations (both are quadratic); against the full ensemble with the same minibatches it isolates the
 * landscape's non-quadratic terms. Double precision, host only; walkers in parallel, bit-identical at any thread count.
 */
public final class LinearisedEnsemble implements AutoCloseable {
    private final MlpSpec spec;
    private final MlpModel model;
    private final MlpData train;
    private final double[] theta, states, sampleGrad;
    private final double[][] delta;
    private final int[] perm;
    private final ParallelBlocks blocks;
    private final int p, k0, k1;
    private long steps;

    public LinearisedEnsemble(MlpSpec spec, MlpData train, double[] thetaStar, int threads) {
        this.spec = spec;
        this.train = train;
        this.model = new MlpModel(train.inputs(), spec.hidden(), train.classes());
        this.theta = thetaStar.clone();
        this.p = model.parameters();
        this.states = MlpHessian.forwardStates(model, train, theta);
        int n = train.size(), len = model.savedLength(), D = train.inputs();
        this.sampleGrad = new double[n * p];
        MlpModel.Workspace w = model.workspace();
        double[] g = new double[p];
        for (int i = 0; i < n; i++) {
            model.restore(states, i * len, w);
            java.util.Arrays.fill(g, 0);
            model.addGradient(train.features(), i * D, w, 1, g);
            System.arraycopy(g, 0, sampleGrad, i * p, p);
        }
        this.delta = new double[spec.walkers()][p];
        this.perm = spec.sampling() == org.sgdbench.problem.Sampling.RESHUFFLING ? new int[spec.walkers() * n] : null;
        this.blocks = new ParallelBlocks(threads, 4);
        this.k0 = StreamLayout.key0(spec.seed());
        this.k1 = StreamLayout.key1(spec.seed());
    }

    public void advance(int count) {
        long first = steps;
        int n = train.size(), b = spec.batch(), len = model.savedLength(), D = train.inputs();
        double eta = spec.eta(), mu = spec.penalty();
        blocks.forEach(spec.walkers(), (from, to) -> {
            int[] idx = new int[b], words = new int[4];
            double[] gsum = new double[p];
            MlpModel.Workspace w = model.workspace();
            for (int walker = from; walker < to; walker++) {
                double[] d = delta[walker];
                for (int s = 0; s < count; s++) {
                    MinibatchStreams.batch(spec.sampling(), k0, k1, walker, (int) (first + s), n, b, perm, walker * n,
                        idx, 0, words);
                    java.util.Arrays.fill(gsum, 0);
                    for (int j = 0; j < b; j++) {
                        int sample = idx[j];
                        for (int q = 0; q < p; q++) gsum[q] += sampleGrad[sample * p + q];
                        model.restore(states, sample * len, w);
                        model.addHessianVector(theta, d, train.features(), sample * D, w, 1, gsum);
                    }
                    for (int q = 0; q < p; q++) d[q] -= eta * (gsum[q] / b + mu * (theta[q] + d[q]));
                }
            }
        });
        steps += count;
    }

    public long stepsDone() { return steps; }

    /** θ* + δ of walker {@code walker}. */
    public void readWalker(int walker, double[] out) {
        for (int q = 0; q < p; q++) out[q] = theta[q] + delta[walker][q];
    }

    @Override
    public void close() { blocks.close(); }
}
