package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.mlp.MlpModel;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.rng.MinibatchStreams;
import org.sgdbench.rng.StreamLayout;

/**
 * Scalar reference MLP ensemble (see {@link MlpEnsembleKernel} for the semantics). Walker-major state: each walker's
 * P parameters are contiguous, and a block of walkers runs all its steps before the next block (walkers are
 * independent). F64 runs the per-sample code of {@link MlpModel} itself; F32 repeats it operation for operation in
 * float ({@link #stepF32}). Results are bit-identical at any thread count: a walker's arithmetic never depends on
 * which thread runs it.
 */
public final class ScalarMlpEnsemble implements MlpEnsembleKernel {
    private static final int WALKER_BLOCK = 4;

    private final MlpSpec spec;
    private final Precision precision;
    private final MlpModel model;
    private final int walkers, parameters, n, batch, k0, k1;
    private final double[] x64, theta0;
    private final float[] x32;
    private final int[] labels;
    private final double[][] w64;
    private final float[][] w32;
    private final int[] perm;
    private final ParallelBlocks blocks;
    private long steps;

    public ScalarMlpEnsemble(MlpSpec spec, MlpData train, double[] theta0, Precision precision, KernelOptions options) {
        this.spec = Check.notNull("spec", spec);
        this.precision = Check.notNull("precision", precision);
        Check.notNull("train", train);
        if (train.size() != spec.trainSize())
            throw new InvalidSpecException("train", train.size() + " samples", spec.trainSize() + " (the spec's trainSize)");
        this.model = new MlpModel(train.inputs(), spec.hidden(), train.classes());
        this.parameters = model.parameters();
        if (theta0.length != parameters) throw new InvalidSpecException("theta0", theta0.length + " values", parameters + " values");
        this.theta0 = theta0.clone();
        this.walkers = spec.walkers();
        this.n = train.size();
        this.batch = spec.batch();
        this.k0 = StreamLayout.key0(spec.seed());
        this.k1 = StreamLayout.key1(spec.seed());
        this.labels = train.labels().clone();
        this.x64 = train.features().clone();
        if (precision == Precision.F64) {
            this.x32 = null;
            this.w64 = new double[walkers][parameters];
            this.w32 = null;
        } else {
            this.x32 = new float[x64.length];
            for (int i = 0; i < x64.length; i++) x32[i] = (float) x64[i];
            this.w64 = null;
            this.w32 = new float[walkers][parameters];
        }
        this.perm = spec.sampling() == org.sgdbench.problem.Sampling.RESHUFFLING ? new int[walkers * n] : null;
        this.blocks = new ParallelBlocks(options.threads(), WALKER_BLOCK);
        reset();
    }

    @Override
    public Backend backend() { return Backend.SCALAR; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public MlpSpec spec() { return spec; }

    @Override
    public String device() { return "Java scalar"; }

    @Override
    public int threads() { return blocks.threads(); }

    @Override
    public void reset() {
        for (int w = 0; w < walkers; w++) {
            if (w64 != null) System.arraycopy(theta0, 0, w64[w], 0, parameters);
            else for (int i = 0; i < parameters; i++) w32[w][i] = (float) theta0[i];
        }
        steps = 0;
    }

    @Override
    public void advance(int count) {
        if (count < 1) throw new InvalidSpecException("steps", count, "[1, " + Integer.MAX_VALUE + "]");
        long first = steps;
        blocks.forEach(walkers, (from, to) -> {
            int[] idx = new int[batch], words = new int[4];
            if (w64 != null) {
                MlpModel.Workspace ws = model.workspace();
                double[] grad = new double[parameters];
                for (int w = from; w < to; w++)
                    for (int s = 0; s < count; s++) {
                        draw(w, first + s, idx, words);
                        stepF64(w64[w], idx, ws, grad);
                    }
            } else {
                F32Scratch sc = new F32Scratch(model.hidden(), model.classes(), parameters);
                for (int w = from; w < to; w++)
                    for (int s = 0; s < count; s++) {
                        draw(w, first + s, idx, words);
                        stepF32(w32[w], idx, sc);
                    }
            }
        });
        steps += count;
    }

    private void draw(int walker, long step, int[] idx, int[] words) {
        MinibatchStreams.batch(spec.sampling(), k0, k1, walker, (int) step, n, batch, perm, walker * n, idx, 0, words);
    }

    private void stepF64(double[] theta, int[] idx, MlpModel.Workspace ws, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        int D = model.inputs();
        for (int j = 0; j < batch; j++) {
            int s = idx[j];
            model.forward(theta, x64, s * D, labels[s], ws);
            model.addGradient(x64, s * D, ws, 1, grad);
        }
        double eta = spec.eta(), mu = spec.penalty(), b = batch;
        for (int i = 0; i < parameters; i++) theta[i] -= eta * (grad[i] / b + mu * theta[i]);
    }

    /** Float scratch of one walker step. */
    private static final class F32Scratch {
        final float[] h, dh, p, r, grad;

        F32Scratch(int hidden, int classes, int parameters) {
            h = new float[hidden];
            dh = new float[hidden];
            p = new float[classes];
            r = new float[classes];
            grad = new float[parameters];
        }
    }

    /** The F32 step: the operations of {@link MlpModel#forward} and {@link MlpModel#addGradient}, in float. */
    private void stepF32(float[] theta, int[] idx, F32Scratch sc) {
        int D = model.inputs(), H = model.hidden(), C = model.classes();
        int offB1 = model.offsetB1(), offW2 = model.offsetW2(), offB2 = model.offsetB2();
        float[] g = sc.grad, h = sc.h, dh = sc.dh, p = sc.p, r = sc.r;
        java.util.Arrays.fill(g, 0f);
        for (int jb = 0; jb < batch; jb++) {
            int s = idx[jb], xo = s * D, y = labels[s];
            for (int j = 0; j < H; j++) {
                float a = theta[offB1 + j];
                int row = j * D;
                for (int m = 0; m < D; m++) a += theta[row + m] * x32[xo + m];
                float t = (float) Math.tanh(a);
                h[j] = t;
                dh[j] = 1 - t * t;
            }
            float zmax = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < C; k++) {
                float z = theta[offB2 + k];
                int row = offW2 + k * H;
                for (int j = 0; j < H; j++) z += theta[row + j] * h[j];
                p[k] = z;
                zmax = Math.max(zmax, z);
            }
            float sum = 0;
            for (int k = 0; k < C; k++) {
                float ez = (float) Math.exp(p[k] - zmax);
                p[k] = ez;
                sum += ez;
            }
            for (int k = 0; k < C; k++) {
                p[k] /= sum;
                r[k] = p[k] - (k == y ? 1 : 0);
            }
            for (int j = 0; j < H; j++) {
                float d = 0;
                for (int k = 0; k < C; k++) d += theta[offW2 + k * H + j] * r[k];
                float ej = d * dh[j];
                int row = j * D;
                for (int m = 0; m < D; m++) g[row + m] += ej * x32[xo + m];
                g[offB1 + j] += ej;
            }
            for (int k = 0; k < C; k++) {
                float rk = r[k];
                int row = offW2 + k * H;
                for (int j = 0; j < H; j++) g[row + j] += rk * h[j];
                g[offB2 + k] += rk;
            }
        }
        float eta = (float) spec.eta(), mu = (float) spec.penalty(), b = batch;
        for (int i = 0; i < parameters; i++) theta[i] -= eta * (g[i] / b + mu * theta[i]);
    }

    @Override
    public long stepsDone() { return steps; }

    @Override
    public void readWalker(int walker, double[] out) {
        Check.inRange("walker", walker, 0, walkers - 1);
        if (w64 != null) System.arraycopy(w64[walker], 0, out, 0, parameters);
        else for (int i = 0; i < parameters; i++) out[i] = w32[walker][i];
    }

    @Override
    public void close() { blocks.close(); }
}
