package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.AbstractLinearRegression;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;

/**
 * Scalar reference minibatch SGD on least squares in double precision: the reference semantics of
 * {@link org.sgdbench.kernel.LinearRegressionKernel}, literally. θ is walker-major (theta[w·d + j]) so one walker's
 * parameters sit in one cache line or two while it runs all steps of a call.
 */
public final class ScalarLinearRegressionF64 extends AbstractLinearRegression {
    private final double[] x, y, theta, center;
    private final double[][] gradScratch;
    private final double step;

    public ScalarLinearRegressionF64(LinearRegression spec, long seed, KernelOptions options) {
        super(spec, seed, options);
        this.x = spec.data().x();
        this.y = spec.data().y();
        this.theta = new double[walkers * d];
        this.center = spec.center();
        this.gradScratch = new double[indexScratch.length][d];
        this.step = -spec.eta() / batch;
    }

    @Override
    public Backend backend() { return Backend.SCALAR; }

    @Override
    public Precision precision() { return Precision.F64; }

    @Override
    public String device() { return "Java scalar"; }

    @Override
    protected void initialise(int from, int to) {
        int[] words = new int[4];
        double[] pair = new double[2];
        for (int w = from; w < to; w++)
            for (int j = 0; j < d; j++) theta[w * d + j] = initialValue(w, j, center, words, pair);
    }

    @Override
    protected void advanceBlock(int from, int to, int first, int steps) {
        int blk = blockOf(from);
        int[] idx = indexScratch[blk], words = wordScratch[blk];
        double[] g = gradScratch[blk];
        for (int w = from; w < to; w++) {
            int off = w * d;
            for (int t = first, end = first + steps; t != end; t++) {
                drawBatch(w, t, idx, words);
                for (int j = 0; j < d; j++) g[j] = 0;
                for (int q = 0; q < batch; q++) {
                    int row = idx[q] * d;
                    double r = -y[idx[q]];
                    for (int j = 0; j < d; j++) r = Math.fma(x[row + j], theta[off + j], r);
                    for (int j = 0; j < d; j++) g[j] = Math.fma(x[row + j], r, g[j]);
                }
                for (int j = 0; j < d; j++) theta[off + j] = Math.fma(step, g[j], theta[off + j]);
            }
        }
    }

    @Override
    public void readState(double[] out) {
        System.arraycopy(theta, 0, out, 0, theta.length);
    }
}
