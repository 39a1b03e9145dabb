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
 * Scalar reference SGD ensemble in double precision. State is structure-of-arrays: x[mode·N + walker]. Each
 * walker keeps its position in a register through all steps of a call (the walkers are independent).
 */
public final class ScalarSgdEnsembleF64 extends AbstractSgdEnsemble {
    private final double[] x, prev;
    private final boolean gaussian, mixed;
    private final NoiseLaw hLaw, gLaw;

    public ScalarSgdEnsembleF64(QuadraticModes spec, long seed, KernelOptions options) {
        super(spec, seed, options);
        this.x = new double[walkers * modes];
        this.prev = new double[walkers * modes];
        this.gaussian = spec.noise().anyGaussian();
        this.mixed = spec.noise().mixed();
        this.hLaw = spec.noise().hessian();
        this.gLaw = spec.noise().gradient();
    }

    @Override
    public Backend backend() { return Backend.SCALAR; }

    @Override
    public Precision precision() { return Precision.F64; }

    @Override
    public String device() { return "Java scalar"; }

    @Override
    protected void initialise(int from, int to) {
        int[] w = new int[4];
        double[] z = new double[2];
        double mean = spec.initMean(), spread = spec.initSpread();
        for (int m = 0; m < modes; m++) {
            for (int i = from; i < to; i++) {
                Philox4x32.block(i, 0, m, StreamLayout.INITIAL, key0, key1, w);
                Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
                double x0 = Math.fma(spread, z[0], mean);
                x[m * walkers + i] = x0;
                prev[m * walkers + i] = x0;
            }
        }
    }

    @Override
    protected void advanceBlock(int from, int to, int first, int steps) {
        int[] w = new int[4];
        double[] z = new double[2];
        double eta = spec.eta();
        for (int m = 0; m < modes; m++) {
            double lam = lambda[m], sh = sigmaH[m], sg = sigmaG[m];
            int base = m * walkers;
            for (int i = from; i < to; i++) {
                double xi = x[base + i], before = xi;
                for (int t = first, end = first + steps; t != end; t++) {
                    Philox4x32.block(i, t, m, StreamLayout.SGD_NOISE, key0, key1, w);
                    double zh, zg;
                    if (mixed) {
                        if (gaussian) Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
                        double r = StreamLayout.mixedSign(w[3]);
                        zh = hLaw == NoiseLaw.GAUSSIAN ? z[0] : hLaw == NoiseLaw.RADEMACHER ? r : 0;
                        zg = gLaw == NoiseLaw.GAUSSIAN ? z[1] : gLaw == NoiseLaw.RADEMACHER ? r : 0;
                    } else if (gaussian) {
                        Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
                        zh = z[0];
                        zg = z[1];
                    } else {
                        zh = StreamLayout.sign(w[0]);
                        zg = StreamLayout.sign(w[1]);
                    }
                    double h = Math.fma(sh, zh, lam);
                    double g = sg * zg;
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
        System.arraycopy(x, mode * walkers, xOut, 0, walkers);
        System.arraycopy(prev, mode * walkers, prevOut, 0, walkers);
    }
}
