package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.AbstractSgdEnsemble;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CoupledEnsembleKernel;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/**
 * Scalar reference kernel of {@link CoupledEnsembleKernel} in F64 or F32 (the semantics, stream layout and
 * operation order are those documented there; F32 draws its uniforms with uniform24 of words w0, w1 and does all
 * arithmetic in float, as the F32 SGD ensemble does).
 *
 * <p>Layout: structure of arrays, one array per coordinate — x1[w], x2[w] and prev1[w], prev2[w] — in the
 * kernel's precision. Per (walker, step) it computes three Philox blocks (w, t, g, COUPLED_NOISE), g = 0, 1, 2,
 * giving six standard draws of which the first five are the noise z. A walker's two coordinates stay in registers
 * through all the steps of a call; walkers are split into blocks of {@link AbstractSgdEnsemble#BLOCK} run by
 * {@link ParallelBlocks}, so results are bit-identical at any thread count.
 */
public final class ScalarCoupledEnsemble implements CoupledEnsembleKernel {
    private static final int GROUPS = 3;
    private static final int N5 = CoupledQuadratic2D.NOISE_DIM;

    private final CoupledQuadratic2D spec;
    private final Precision precision;
    private final int walkers, key0, key1;
    private final boolean gaussian;
    private final ParallelBlocks blocks;
    private final double h11, h12, h22, eta, mean1, mean2, spread;
    private final double[] factor;
    private final float[] factorF;
    private final double[] x1, x2, prev1, prev2;
    private final float[] x1f, x2f, prev1f, prev2f;
    private long stepsDone;

    public ScalarCoupledEnsemble(CoupledQuadratic2D spec, Precision precision, long seed, KernelOptions options) {
        this.spec = spec;
        this.precision = precision;
        this.walkers = spec.walkers();
        this.key0 = StreamLayout.key0(seed);
        this.key1 = StreamLayout.key1(seed);
        this.gaussian = spec.noise() == NoiseLaw.GAUSSIAN;
        double[] h = spec.meanHessian();
        this.h11 = h[0];
        this.h12 = h[1];
        this.h22 = h[2];
        this.eta = spec.eta();
        double[] init = spec.initMean();
        this.mean1 = init[0];
        this.mean2 = init[1];
        this.spread = spec.initSpread();
        this.factor = CoupledEnsembleKernel.noiseFactor(spec);
        this.factorF = new float[factor.length];
        for (int i = 0; i < factor.length; i++) factorF[i] = (float) factor[i];
        boolean f64 = precision == Precision.F64;
        this.x1 = f64 ? new double[walkers] : null;
        this.x2 = f64 ? new double[walkers] : null;
        this.prev1 = f64 ? new double[walkers] : null;
        this.prev2 = f64 ? new double[walkers] : null;
        this.x1f = f64 ? null : new float[walkers];
        this.x2f = f64 ? null : new float[walkers];
        this.prev1f = f64 ? null : new float[walkers];
        this.prev2f = f64 ? null : new float[walkers];
        this.blocks = new ParallelBlocks(options.threads(), AbstractSgdEnsemble.BLOCK);
    }

    @Override
    public Backend backend() { return Backend.SCALAR; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public CoupledQuadratic2D spec() { return spec; }

    @Override
    public String device() { return "Java scalar"; }

    @Override
    public int threads() { return blocks.threads(); }

    @Override
    public long stepsDone() { return stepsDone; }

    @Override
    public void reset() {
        blocks.forEach(walkers, precision == Precision.F64 ? this::initialise64 : this::initialise32);
        stepsDone = 0;
    }

    @Override
    public void advance(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        if (stepsDone + steps > 0xFFFFFFFFL)
            throw new IllegalStateException("step counter would exceed the 32-bit Philox step index");
        final int first = (int) stepsDone;
        if (precision == Precision.F64) blocks.forEach(walkers, (from, to) -> advance64(from, to, first, steps));
        else blocks.forEach(walkers, (from, to) -> advance32(from, to, first, steps));
        stepsDone += steps;
    }

    @Override
    public void readState(double[] out1, double[] out2, double[] outPrev1, double[] outPrev2) {
        if (precision == Precision.F64) {
            System.arraycopy(x1, 0, out1, 0, walkers);
            System.arraycopy(x2, 0, out2, 0, walkers);
            System.arraycopy(prev1, 0, outPrev1, 0, walkers);
            System.arraycopy(prev2, 0, outPrev2, 0, walkers);
        } else {
            for (int i = 0; i < walkers; i++) {
                out1[i] = x1f[i];
                out2[i] = x2f[i];
                outPrev1[i] = prev1f[i];
                outPrev2[i] = prev2f[i];
            }
        }
    }

    @Override
    public void close() { blocks.close(); }

    // ------------------------------------------------------------------ F64

    private void initialise64(int from, int to) {
        int[] w = new int[4];
        double[] z = new double[2];
        for (int i = from; i < to; i++) {
            Philox4x32.block(i, 0, 0, StreamLayout.INITIAL, key0, key1, w);
            Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
            x1[i] = prev1[i] = Math.fma(spread, z[0], mean1);
            Philox4x32.block(i, 0, 1, StreamLayout.INITIAL, key0, key1, w);
            Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
            x2[i] = prev2[i] = Math.fma(spread, z[0], mean2);
        }
    }

    private void advance64(int from, int to, int first, int steps) {
        int[] w = new int[4];
        double[] pair = new double[2];
        double[] z = new double[2 * GROUPS];
        double[] xi = new double[N5];
        final double[] l = factor;
        for (int i = from; i < to; i++) {
            double a = x1[i], b = x2[i], pa = a, pb = b;
            for (int t = first, end = first + steps; t != end; t++) {
                for (int g = 0; g < GROUPS; g++) {
                    Philox4x32.block(i, t, g, StreamLayout.COUPLED_NOISE, key0, key1, w);
                    if (gaussian) {
                        Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), pair);
                        z[2 * g] = pair[0];
                        z[2 * g + 1] = pair[1];
                    } else {
                        z[2 * g] = StreamLayout.sign(w[0]);
                        z[2 * g + 1] = StreamLayout.sign(w[1]);
                    }
                }
                for (int k = 0; k < N5; k++) {
                    double s = l[k * N5] * z[0];
                    for (int j = 1; j <= k; j++) s = Math.fma(l[k * N5 + j], z[j], s);
                    xi[k] = s;
                }
                double a11 = h11 + xi[0], a22 = h22 + xi[1], a12 = h12 + xi[2];
                double g1 = Math.fma(a11, a, Math.fma(a12, b, xi[3]));
                double g2 = Math.fma(a12, a, Math.fma(a22, b, xi[4]));
                pa = a;
                pb = b;
                a = Math.fma(-eta, g1, a);
                b = Math.fma(-eta, g2, b);
            }
            x1[i] = a;
            x2[i] = b;
            prev1[i] = pa;
            prev2[i] = pb;
        }
    }

    // ------------------------------------------------------------------ F32

    private void initialise32(int from, int to) {
        int[] w = new int[4];
        float[] z = new float[2];
        float m1 = (float) mean1, m2 = (float) mean2, sp = (float) spread;
        for (int i = from; i < to; i++) {
            Philox4x32.block(i, 0, 0, StreamLayout.INITIAL, key0, key1, w);
            Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
            x1f[i] = prev1f[i] = Math.fma(sp, z[0], m1);
            Philox4x32.block(i, 0, 1, StreamLayout.INITIAL, key0, key1, w);
            Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
            x2f[i] = prev2f[i] = Math.fma(sp, z[0], m2);
        }
    }

    private void advance32(int from, int to, int first, int steps) {
        int[] w = new int[4];
        float[] pair = new float[2];
        float[] z = new float[2 * GROUPS];
        float[] xi = new float[N5];
        final float[] l = factorF;
        final float e = (float) eta, c11 = (float) h11, c12 = (float) h12, c22 = (float) h22;
        for (int i = from; i < to; i++) {
            float a = x1f[i], b = x2f[i], pa = a, pb = b;
            for (int t = first, end = first + steps; t != end; t++) {
                for (int g = 0; g < GROUPS; g++) {
                    Philox4x32.block(i, t, g, StreamLayout.COUPLED_NOISE, key0, key1, w);
                    if (gaussian) {
                        Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), pair);
                        z[2 * g] = pair[0];
                        z[2 * g + 1] = pair[1];
                    } else {
                        z[2 * g] = StreamLayout.signF(w[0]);
                        z[2 * g + 1] = StreamLayout.signF(w[1]);
                    }
                }
                for (int k = 0; k < N5; k++) {
                    float s = l[k * N5] * z[0];
                    for (int j = 1; j <= k; j++) s = Math.fma(l[k * N5 + j], z[j], s);
                    xi[k] = s;
                }
                float a11 = c11 + xi[0], a22 = c22 + xi[1], a12 = c12 + xi[2];
                float g1 = Math.fma(a11, a, Math.fma(a12, b, xi[3]));
                float g2 = Math.fma(a12, a, Math.fma(a22, b, xi[4]));
                pa = a;
                pb = b;
                a = Math.fma(-e, g1, a);
                b = Math.fma(-e, g2, b);
            }
            x1f[i] = a;
            x2f[i] = b;
            prev1f[i] = pa;
            prev2f[i] = pb;
        }
    }
}
