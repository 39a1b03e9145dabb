package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.AbstractSgdEnsemble;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/**
 * Scalar reference SGD ensemble in single precision: state, parameters and arithmetic all in float (the
 * parameters are rounded to float once). Layout and streams as {@link ScalarSgdEnsembleF64}.
 */
public final class ScalarSgdEnsembleF32 extends AbstractSgdEnsemble {
    private final float[] x, prev;
    private final float[] lambdaF, sigmaHF, sigmaGF;
    private final boolean gaussian, mixed;
    private final NoiseLaw hLaw, gLaw;

    public ScalarSgdEnsembleF32(QuadraticModes spec, long seed, KernelOptions options) {
        super(spec, seed, options);
        this.x = new float[walkers * modes];
        this.prev = new float[walkers * modes];
        this.lambdaF = toFloat(lambda);
        this.sigmaHF = toFloat(sigmaH);
        this.sigmaGF = toFloat(sigmaG);
        this.gaussian = spec.noise().anyGaussian();
        this.mixed = spec.noise().mixed();
        this.hLaw = spec.noise().hessian();
        this.gLaw = spec.noise().gradient();
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    @Override
    public Backend backend() { return Backend.SCALAR; }

    @Override
    public Precision precision() { return Precision.F32; }

    @Override
    public String device() { return "Java scalar"; }

    @Override
    protected void initialise(int from, int to) {
        int[] w = new int[4];
        float[] z = new float[2];
        float mean = (float) spec.initMean(), spread = (float) spec.initSpread();
        for (int m = 0; m < modes; m++) {
            for (int i = from; i < to; i++) {
                Philox4x32.block(i, 0, m, StreamLayout.INITIAL, key0, key1, w);
                Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
                float x0 = Math.fma(spread, z[0], mean);
                x[m * walkers + i] = x0;
                prev[m * walkers + i] = x0;
            }
        }
    }

    @Override
    protected void advanceBlock(int from, int to, int first, int steps) {
        int[] w = new int[4];
        float[] z = new float[2];
        float eta = (float) spec.eta();
        for (int m = 0; m < modes; m++) {
            float lam = lambdaF[m], sh = sigmaHF[m], sg = sigmaGF[m];
            int base = m * walkers;
            for (int i = from; i < to; i++) {
                float xi = x[base + i], before = xi;
                for (int t = first, end = first + steps; t != end; t++) {
                    Philox4x32.block(i, t, m, StreamLayout.SGD_NOISE, key0, key1, w);
                    float zh, zg;
                    if (mixed) {
                        if (gaussian) Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
                        float r = StreamLayout.mixedSignF(w[3]);
                        zh = hLaw == NoiseLaw.GAUSSIAN ? z[0] : hLaw == NoiseLaw.RADEMACHER ? r : 0f;
                        zg = gLaw == NoiseLaw.GAUSSIAN ? z[1] : gLaw == NoiseLaw.RADEMACHER ? r : 0f;
                    } else if (gaussian) {
                        Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
                        zh = z[0];
                        zg = z[1];
                    } else {
                        zh = StreamLayout.signF(w[0]);
                        zg = StreamLayout.signF(w[1]);
                    }
                    float h = Math.fma(sh, zh, lam);
                    float g = sg * zg;
                    before = xi;
                    xi = Math.fma(-eta, Math.fma(h, xi, g), xi);
                }
                x[base + i] = xi;
                prev[base + i] = before;
            }
        }
    }

    @Override
    public void readState(int mode, double[] xOut, double[] prevOut) {
        int base = mode * walkers;
        for (int i = 0; i < walkers; i++) {
            xOut[i] = x[base + i];
            prevOut[i] = prev[base + i];
        }
    }
}
