package org.sgdbench.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.sgdbench.kernel.AbstractLinearRegression;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;

/**
 * Minibatch SGD on least squares in single precision, one walker per vector lane. Each lane draws its own
 * minibatch (the scalar index streams), the rows of x are gathered per lane, and every lane performs exactly the
 * scalar F32 reference's float operations in the same order (negated target, fused residual over j ascending, fused gradient
 * accumulation, fused update), so trajectories are bit-identical to scalar. A block's walkers that do not fill a
 * vector run the scalar loop. θ stays walker-major in memory; a vector of walkers is transposed into a per-block
 * structure-of-arrays scratch for all steps of a call.
 */
public final class SimdLinearRegressionF32 extends AbstractLinearRegression {
    private static final VectorSpecies<Float> S = SimdLanes.FLOAT;
    private static final int L = S.length();

    private final float[] x, y, theta;
    private final double[] center;
    private final float step;
    /** Per block: θ and g of L walkers (j·L + lane), gathered x values (j·L + lane), and per-lane sample rows. */
    private final float[][] thScratch, gScratch, xScratch;
    private final int[][] sampleScratch, rowScratch;

    public SimdLinearRegressionF32(LinearRegression spec, long seed, KernelOptions options) {
        super(spec, seed, options);
        SimdLanes.require();
        this.x = toFloat(spec.data().x());
        this.y = toFloat(spec.data().y());
        this.theta = new float[walkers * d];
        this.center = spec.center();
        this.step = (float) (-spec.eta() / batch);
        int blocks = indexScratch.length;
        this.thScratch = new float[blocks][d * L];
        this.gScratch = new float[blocks][d * L];
        this.xScratch = new float[blocks][d * L];
        this.sampleScratch = new int[blocks][batch * L];
        this.rowScratch = new int[blocks][batch * L];
    }

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Precision precision() { return Precision.F32; }

    @Override
    public String device() { return "SIMD " + S.vectorBitSize() + "-bit (" + L + "×f32)"; }

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
        int[] idx = indexScratch[blk], words = wordScratch[blk], sample = sampleScratch[blk], rows = rowScratch[blk];
        float[] th = thScratch[blk], g = gScratch[blk], xs = xScratch[blk];
        FloatVector stepV = FloatVector.broadcast(S, step);
        int w0 = from;
        for (; w0 + L <= to; w0 += L) {
            for (int lane = 0; lane < L; lane++)
                for (int j = 0; j < d; j++) th[j * L + lane] = theta[(w0 + lane) * d + j];
            for (int t = first, end = first + steps; t != end; t++) {
                for (int lane = 0; lane < L; lane++) {
                    drawBatch(w0 + lane, t, idx, words);
                    for (int q = 0; q < batch; q++) {
                        sample[q * L + lane] = idx[q];
                        rows[q * L + lane] = idx[q] * d;
                    }
                }
                for (int q = 0; q < batch; q++) {
                    FloatVector r = FloatVector.fromArray(S, y, 0, sample, q * L).neg();
                    for (int j = 0; j < d; j++) {
                        FloatVector xv = FloatVector.fromArray(S, x, j, rows, q * L);
                        xv.intoArray(xs, j * L);
                        r = xv.fma(FloatVector.fromArray(S, th, j * L), r);
                    }
                    for (int j = 0; j < d; j++) {
                        FloatVector xv = FloatVector.fromArray(S, xs, j * L);
                        FloatVector gv = q == 0 ? FloatVector.zero(S) : FloatVector.fromArray(S, g, j * L);
                        xv.fma(r, gv).intoArray(g, j * L);
                    }
                }
                for (int j = 0; j < d; j++)
                    stepV.fma(FloatVector.fromArray(S, g, j * L), FloatVector.fromArray(S, th, j * L)).intoArray(th, j * L);
            }
            for (int lane = 0; lane < L; lane++)
                for (int j = 0; j < d; j++) theta[(w0 + lane) * d + j] = th[j * L + lane];
        }
        float[] gs = g; // the tail reuses the first d entries as one walker's gradient
        for (int w = w0; w < to; w++) {
            int off = w * d;
            for (int t = first, end = first + steps; t != end; t++) {
                drawBatch(w, t, idx, words);
                for (int j = 0; j < d; j++) gs[j] = 0;
                for (int q = 0; q < batch; q++) {
                    int row = idx[q] * d;
                    float r = -y[idx[q]];
                    for (int j = 0; j < d; j++) r = Math.fma(x[row + j], theta[off + j], r);
                    for (int j = 0; j < d; j++) gs[j] = Math.fma(x[row + j], r, gs[j]);
                }
                for (int j = 0; j < d; j++) theta[off + j] = Math.fma(step, gs[j], theta[off + j]);
            }
        }
    }

    @Override
    public void readState(double[] out) {
        for (int i = 0; i < theta.length; i++) out[i] = theta[i];
    }

}
