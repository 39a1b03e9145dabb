package org.sgdbench.mlp;

import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.MlpData;

/**
 * The full-batch objective L(θ) = (1/n) Σ_n loss_n(θ) + (μ/2)|θ|² of an {@link MlpModel} on an {@link MlpData}, with
 * its gradient and exact Hessian–vector products, in double precision. Sums run over fixed blocks of
 * {@value #BLOCK} samples whose partial results are added in block order, so every value is bit-identical at any
 * thread count.
 */
public final class MlpObjective implements AutoCloseable {
    static final int BLOCK = 64;

    private final MlpModel model;
    private final MlpData data;
    private final double penalty;
    private final ParallelBlocks blocks;
    private final int nBlocks;
    private final double[][] partial;

    public MlpObjective(MlpModel model, MlpData data, double penalty, int threads) {
        if (data.inputs() != model.inputs() || data.classes() != model.classes())
            throw new InvalidSpecException("data", data.inputs() + " inputs, " + data.classes() + " classes",
                model.inputs() + " inputs and " + model.classes() + " classes (the model's)");
        if (!(penalty >= 0) || !Double.isFinite(penalty)) throw new InvalidSpecException("penalty", penalty, "[0, +inf)");
        this.model = model;
        this.data = data;
        this.penalty = penalty;
        this.blocks = new ParallelBlocks(threads, BLOCK);
        this.nBlocks = (data.size() + BLOCK - 1) / BLOCK;
        this.partial = new double[nBlocks][model.parameters() + 1];
    }

    public MlpModel model() { return model; }

    public MlpData data() { return data; }

    public double penalty() { return penalty; }

    /** Loss at θ; writes the gradient into {@code grad} when it is not null. */
    public double lossAndGradient(double[] theta, double[] grad) {
        int P = model.parameters(), D = data.inputs();
        double[] x = data.features();
        int[] y = data.labels();
        double scale = 1.0 / data.size();
        blocks.forEach(data.size(), (from, to) -> {
            double[] acc = partial[from / BLOCK];
            java.util.Arrays.fill(acc, 0);
            MlpModel.Workspace w = model.workspace();
            double loss = 0;
            for (int i = from; i < to; i++) {
                loss += model.forward(theta, x, i * D, y[i], w);
                if (grad != null) model.addGradient(x, i * D, w, scale, acc);
            }
            acc[P] = loss;
        });
        double loss = 0;
        if (grad != null) java.util.Arrays.fill(grad, 0);
        for (double[] acc : partial) {
            loss += acc[P];
            if (grad != null) for (int i = 0; i < P; i++) grad[i] += acc[i];
        }
        double sq = 0;
        for (int i = 0; i < P; i++) {
            sq += theta[i] * theta[i];
            if (grad != null) grad[i] += penalty * theta[i];
        }
        return loss * scale + 0.5 * penalty * sq;
    }

    /** out = H(θ) v, the exact full-batch Hessian (penalty included) times v. */
    public void hessianVector(double[] theta, double[] v, double[] out) {
        int P = model.parameters(), D = data.inputs();
        double[] x = data.features();
        int[] y = data.labels();
        double scale = 1.0 / data.size();
        blocks.forEach(data.size(), (from, to) -> {
            double[] acc = partial[from / BLOCK];
            java.util.Arrays.fill(acc, 0);
            MlpModel.Workspace w = model.workspace();
            for (int i = from; i < to; i++) {
                model.forward(theta, x, i * D, y[i], w);
                model.addHessianVector(theta, v, x, i * D, w, scale, acc);
            }
        });
        for (int i = 0; i < P; i++) out[i] = penalty * v[i];
        for (double[] acc : partial) for (int i = 0; i < P; i++) out[i] += acc[i];
    }

    /** Fraction of samples whose largest logit is their label. */
    public double accuracy(double[] theta) {
        int D = data.inputs(), hits = 0;
        MlpModel.Workspace w = model.workspace();
        for (int i = 0; i < data.size(); i++) {
            model.forward(theta, data.features(), i * D, data.labels()[i], w);
            if (model.predicted(w) == data.labels()[i]) hits++;
        }
        return hits / (double) data.size();
    }

    ParallelBlocks blocks() { return blocks; }

    @Override
    public void close() { blocks.close(); }
}
