package org.sgdbench.kernel.aparapi;

import static org.sgdbench.kernel.aparapi.KernelConstants.*;

import com.aparapi.Kernel;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/**
 * The SGD ensemble as an Aparapi kernel, double precision: one work-item per (mode, walker), all steps of a
 * launch in a loop inside {@link #run} so that the launch cost is paid once per {@code advance}.
 *
 * <p>Written for Aparapi's translator: flat final primitive arrays, primitive fields, no objects, no switch, no
 * exceptions; the Philox rounds and the portable Box–Muller of {@link Gaussian} are inlined with the reference's
 * constants and operation order (see {@link org.sgdbench.kernel.SgdEnsembleKernel} for the semantics). OpenCL has
 * no bit casts through Aparapi, so ln u₁ takes the exponent and mantissa of u₁ = (2b+1)·2⁻⁵³ from the integer
 * 2b+1 with {@code clz}: the same m ∈ [1, 2) and e the reference reads from the double's bits.
 */
final class SgdKernelF64 extends Kernel {
    static final int PHASE_INITIALISE = 0;
    static final int PHASE_ADVANCE = 1;

    /** Positions after / before the last step, [mode·walkers + walker]. */
    final double[] x;
    final double[] prev;
    /** Per mode: λ, σ_h, σ_g as given. */
    final double[] lambda;
    final double[] sigmaH;
    final double[] sigmaG;
    /** Philox key schedule, (k0, k1) per round. */
    final int[] roundKeys;
    final int walkers;
    final int total;
    final double eta;
    final double initMean;
    final double initSpread;
    /** 1: Gaussian noise, 0: Rademacher. */
    final int gaussian;

    int phase;
    int firstStep;
    int steps;

    SgdKernelF64(int walkers, int modes, double[] lambda, double[] sigmaH, double[] sigmaG, int[] roundKeys, double eta,
                 double initMean, double initSpread, boolean gaussian) {
        this.walkers = walkers;
        this.total = walkers * modes;
        this.x = new double[total];
        this.prev = new double[total];
        this.lambda = lambda;
        this.sigmaH = sigmaH;
        this.sigmaG = sigmaG;
        this.roundKeys = roundKeys;
        this.eta = eta;
        this.initMean = initMean;
        this.initSpread = initSpread;
        this.gaussian = gaussian ? 1 : 0;
    }

    @Override
    public void run() {
        int gid = getGlobalId();
        if (gid < total) {
            int mode = gid / walkers;
            int walker = gid - mode * walkers;
            int init = 0;
            int count = steps;
            int stream = StreamLayout.SGD_NOISE;
            if (phase == PHASE_INITIALISE) {
                init = 1;
                count = 1;
                stream = StreamLayout.INITIAL;
            }
            double lam = lambda[mode];
            double sh = sigmaH[mode];
            double sg = sigmaG[mode];
            double xi = x[gid];
            double before = prev[gid];
            for (int s = 0; s < count; s++) {
                // Philox4x32-10 block (walker, step, mode, stream)
                int c0 = walker;
                int c1 = (1 - init) * (firstStep + s);
                int c2 = mode;
                int c3 = stream;
                for (int r = 0; r < Philox4x32.ROUNDS; r++) {
                    long p0 = (Philox4x32.M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
                    long p1 = (Philox4x32.M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
                    int n0 = ((int) (p1 >>> 32)) ^ c1 ^ roundKeys[2 * r];
                    int n2 = ((int) (p0 >>> 32)) ^ c3 ^ roundKeys[2 * r + 1];
                    c1 = (int) p1;
                    c3 = (int) p0;
                    c0 = n0;
                    c2 = n2;
                }
                double zh = 0.0;
                double zg = 0.0;
                if (gaussian + init > 0) {
                    // Box–Muller of u1 = uniform53(w0, w1), u2 = uniform53(w2, w3)
                    long bits1 = ((c0 & 0xFFFFFFFFL) << 20) | ((c1 & 0xFFFFFFFFL) >>> 12);
                    long bits2 = ((c2 & 0xFFFFFFFFL) << 20) | ((c3 & 0xFFFFFFFFL) >>> 12);
                    double rad = sqrt(-2.0 * logUniform53(bits1));
                    double u2 = (bits2 + 0.5) * 0x1.0p-52;
                    double q = rint(4.0 * u2);
                    double a = (u2 - 0.25 * q) * Gaussian.TWO_PI;
                    double sn = sinPoly(a);
                    double cs = cosPoly(a);
                    int quadrant = ((int) q) & 3;
                    double cosT = cs;
                    double sinT = sn;
                    if (quadrant == 1) {
                        cosT = -sn;
                        sinT = cs;
                    } else if (quadrant == 2) {
                        cosT = -cs;
                        sinT = -sn;
                    } else if (quadrant == 3) {
                        cosT = sn;
                        sinT = -cs;
                    }
                    zh = rad * cosT;
                    zg = rad * sinT;
                } else {
                    zh = c0 < 0 ? -1.0 : 1.0;
                    zg = c1 < 0 ? -1.0 : 1.0;
                }
                if (init == 1) {
                    xi = fma(initSpread, zh, initMean);
                    before = xi;
                } else {
                    double h = fma(sh, zh, lam);
                    double g = sg * zg;
                    before = xi;
                    xi = fma(-eta, fma(h, xi, g), xi);
                }
            }
            x[gid] = xi;
            prev[gid] = before;
        }
    }

    /** ln((2b+1)·2⁻⁵³) for b ∈ [0, 2⁵²): Gaussian.log(double) without bit casts. */
    private double logUniform53(long b) {
        long n = 2 * b + 1;
        int top = 63 - (int) clz(n);
        double m = (n << (52 - top)) * 0x1.0p-52;
        int e = top - 53;
        if (m > Gaussian.SQRT2) {
            m = m * 0.5;
            e = e + 1;
        }
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double s2 = s * s;
        double p = LOG_D0;
        p = fma(p, s2, LOG_D1);
        p = fma(p, s2, LOG_D2);
        p = fma(p, s2, LOG_D3);
        p = fma(p, s2, LOG_D4);
        p = fma(p, s2, LOG_D5);
        p = fma(p, s2, LOG_D6);
        p = fma(p, s2, LOG_D7);
        p = fma(p, s2, LOG_D8);
        p = fma(p, s2, LOG_D9);
        p = fma(p, s2, LOG_D10);
        p = fma(p, s2, 1.0);
        return fma((double) e, Gaussian.LN2, 2.0 * s * p);
    }

    private double sinPoly(double a) {
        double a2 = a * a;
        double p = SIN_D0;
        p = fma(p, a2, SIN_D1);
        p = fma(p, a2, SIN_D2);
        p = fma(p, a2, SIN_D3);
        p = fma(p, a2, SIN_D4);
        p = fma(p, a2, SIN_D5);
        p = fma(p, a2, SIN_D6);
        p = fma(p, a2, SIN_D7);
        p = fma(p, a2, SIN_D8);
        return fma(p * a2, a, a);
    }

    private double cosPoly(double a) {
        double a2 = a * a;
        double p = COS_D0;
        p = fma(p, a2, COS_D1);
        p = fma(p, a2, COS_D2);
        p = fma(p, a2, COS_D3);
        p = fma(p, a2, COS_D4);
        p = fma(p, a2, COS_D5);
        p = fma(p, a2, COS_D6);
        p = fma(p, a2, COS_D7);
        p = fma(p, a2, COS_D8);
        return fma(p, a2, 1.0);
    }
}
