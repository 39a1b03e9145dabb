package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.AbstractLinearRegression;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;

/**
 * Scalar reference minibatch SGD on least squares in single precision: the reference semantics of
 * {@link org.sgdbench.kernel.LinearRegressionKernel}, literally. θ is walker-major (theta[w·d + j]) so one walker's
 * parameters stay in cache while it runs all steps of a call. The dataset, θ, the gradient and −η/b are floats
 * (−η/b is the F64 quotient rounded once); the initial θ is computed in F64 and rounded once; every fma is a float
 * fma.
 */
public final class ScalarLinearRegressionF32 extends AbstractLinearRegression {
    private final float[] x, y, theta;
    private final double[] center;
    private final float[][] gradScratch;
    private final float step;

    public ScalarLinearRegressionF32(LinearRegression spec, long seed, KernelOptions options) {
        super(spec, seed, options);
        this.x = toFloat(spec.data().x());
        this.y = toFloat(spec.data().y());
        this.theta = new float[walkers * d];
        this.center = spec.center();
        this.gradScratch = new float[indexScratch.length][d];
        this.step = (float) (-spec.eta() / batch);
    }

    @Override
    public Backend backend() { return Backend.SCALAR; }

    @Override
    public Precision precision() { return Precision.F32; }

    @Override
    public String device() { return "Java scalar"; }

    @Override
    protected void initialise(int from, int to) {
        int[] words = new int[4];
        double[] pair = new double[2];
        for (int w = from; w < to; w++)
            for (int j = 0; j < d; j++) theta[w * d + j] = (float) initialValue(w, j, center, words, pair);
    }

    @Override
    protected void advanceBlock(int from, int to, int first, int steps) {
        int blk = blockOf(from);
        int[] idx = indexScratch[blk], words = wordScratch[blk];
        float[] g = gradScratch[blk];
        for (int w = from; w < to; w++) {
            int off = w * d;
            for (int t = first, end = first + steps; t != end; t++) {
                drawBatch(w, t, idx, words);
                for (int j = 0; j < d; j++) g[j] = 0;
                for (int q = 0; q < batch; q++) {
                    int row = idx[q] * d;
                    float r = -y[idx[q]];
                    for (int j = 0; j < d; j++) r = Math.fma(x[row + j], theta[off + j], r);
                    for (int j = 0; j < d; j++) g[j] = Math.fma(x[row + j], r, g[j]);
                }
                for (int j = 0; j < d; j++) theta[off + j] = Math.fma(step, g[j], theta[off + j]);
            }
        }
    }

    @Override
    public void readState(double[] out) {
        for (int i = 0; i < theta.length; i++) out[i] = theta[i];
    }

}
