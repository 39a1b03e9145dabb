package org.sgdbench.kernel.aparapi;

import static org.sgdbench.kernel.aparapi.KernelConstants.*;

import com.aparapi.Kernel;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
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
    static final int AXIS_GAUSSIAN = 0;
    static final int AXIS_RADEMACHER = 1;
    static final int AXIS_NONE = 2;
    /** The Philox multipliers, zero-extended. */
    private static final long M0 = Philox4x32.M0 & 0xFFFFFFFFL;
    private static final long M1 = Philox4x32.M1 & 0xFFFFFFFFL;

    /** Positions after / before the last step, [mode·walkers + walker]; padded to the launch's global size. */
    final double[] x;
    final double[] prev;
    /** Per mode: λ, σ_h, σ_g as given. */
    final double[] lambda;
    final double[] sigmaH;
    final double[] sigmaG;
    /** The Philox key schedule, (k0, k1) per round, as scalar kernel arguments (see {@link SgdKernelF32}). */
    final int rk0, rk1;
    final int rk2, rk3;
    final int rk4, rk5;
    final int rk6, rk7;
    final int rk8, rk9;
    final int rk10, rk11;
    final int rk12, rk13;
    final int rk14, rk15;
    final int rk16, rk17;
    final int rk18, rk19;
    final int walkers;
    final int lastMode;
    final double eta;
    final double initMean;
    final double initSpread;
    /** 1: a Box–Muller transform is needed (either axis Gaussian), 0: the one-law Rademacher rule. */
    final int gaussian;
    /**
     * 1: the noise laws form a mixed pair (see {@link org.sgdbench.problem.NoiseLaws#mixed()}), drawn by the
     * mixed-pair rule of {@link StreamLayout}; then {@link #hessianAxis} and {@link #gradientAxis} pick each
     * axis's draw ({@link #AXIS_GAUSSIAN}, {@link #AXIS_RADEMACHER}, {@link #AXIS_NONE}). Launch-uniform
     * kernel arguments, so the choice is a select, never a divergent branch.
     */
    final int mixed;
    final int hessianAxis;
    final int gradientAxis;

    int phase;
    int firstStep;
    int steps;

    /** @param globalSize work-items of every launch; the state arrays are padded to it (see SgdKernelF32) */
    SgdKernelF64(int walkers, int modes, int globalSize, double[] lambda, double[] sigmaH, double[] sigmaG,
                 int[] roundKeys, double eta, double initMean, double initSpread, NoiseLaws laws) {
        this.walkers = walkers;
        this.lastMode = modes - 1;
        this.x = new double[globalSize];
        this.prev = new double[globalSize];
        this.lambda = lambda;
        this.sigmaH = sigmaH;
        this.sigmaG = sigmaG;
        this.rk0 = roundKeys[0];
        this.rk1 = roundKeys[1];
        this.rk2 = roundKeys[2];
        this.rk3 = roundKeys[3];
        this.rk4 = roundKeys[4];
        this.rk5 = roundKeys[5];
        this.rk6 = roundKeys[6];
        this.rk7 = roundKeys[7];
        this.rk8 = roundKeys[8];
        this.rk9 = roundKeys[9];
        this.rk10 = roundKeys[10];
        this.rk11 = roundKeys[11];
        this.rk12 = roundKeys[12];
        this.rk13 = roundKeys[13];
        this.rk14 = roundKeys[14];
        this.rk15 = roundKeys[15];
        this.rk16 = roundKeys[16];
        this.rk17 = roundKeys[17];
        this.rk18 = roundKeys[18];
        this.rk19 = roundKeys[19];
        this.eta = eta;
        this.initMean = initMean;
        this.initSpread = initSpread;
        this.gaussian = laws.anyGaussian() ? 1 : 0;
        this.mixed = laws.mixed() ? 1 : 0;
        this.hessianAxis = axis(laws.hessian());
        this.gradientAxis = axis(laws.gradient());
    }

    /** Uniform control flow and a barrier per step, for PoCL's work-group vectoriser (see SgdKernelF32.run). */
    @Override
    public void run() {
        int gid = getGlobalId();
        int modeIndex = gid / walkers;
        int walker = gid - modeIndex * walkers;
        int mode = min(modeIndex, lastMode);
        int init = 1 - phase;
        int count = init == 1 ? 1 : steps;
        int stream = init == 1 ? StreamLayout.INITIAL : StreamLayout.SGD_NOISE;
        int stepBase = (1 - init) * firstStep;
        double lam = lambda[mode];
        double sh = sigmaH[mode];
        double sg = sigmaG[mode];
        double xi = x[gid];
        double before = prev[gid];
        int useGaussian = gaussian + init;
        int mixedStep = mixed * (1 - init);
        long p0 = 0L;
        long p1 = 0L;
        for (int s = 0; s < count; s++) {
            // Philox4x32-10 block (walker, step, mode, stream), rounds unrolled
            int c0 = walker;
            int c1 = stepBase + (1 - init) * s;
            int c2 = modeIndex;
            int c3 = stream;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk0;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk1;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk2;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk3;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk4;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk5;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk6;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk7;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk8;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk9;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk10;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk11;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk12;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk13;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk14;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk15;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk16;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk17;
            c1 = (int) p1;
            c3 = (int) p0;
            p0 = M0 * (c0 & 0xFFFFFFFFL);
            p1 = M1 * (c2 & 0xFFFFFFFFL);
            c0 = ((int) (p1 >>> 32)) ^ c1 ^ rk18;
            c2 = ((int) (p0 >>> 32)) ^ c3 ^ rk19;
            c1 = (int) p1;
            c3 = (int) p0;
            double zh = 0.0;
            double zg = 0.0;
            if (useGaussian > 0) {
                // Box–Muller of u1 = uniform53(w0, w1), u2 = uniform53(w2, w3)
                long bits1 = ((c0 & 0xFFFFFFFFL) << 20) | ((c1 & 0xFFFFFFFFL) >>> 12);
                long bits2 = ((c2 & 0xFFFFFFFFL) << 20) | ((c3 & 0xFFFFFFFFL) >>> 12);
                double rad = sqrt(-2.0 * logUniform53(bits1));
                double u2 = (bits2 + 0.5) * 0x1.0p-52;
                double q = rint(4.0 * u2);
                double a = (u2 - 0.25 * q) * Gaussian.TWO_PI;
                double sn = sinPoly(a);
                double cs = cosPoly(a);
                // quadrant 0: (c, s), 1: (-s, c), 2: (-c, -s), 3: (s, -c), as selects (no divergent branch)
                int quadrant = ((int) q) & 3;
                int swap = quadrant & 1;
                double cosBase = swap == 1 ? sn : cs;
                double sinBase = swap == 1 ? cs : sn;
                double cosT = ((quadrant + 1) & 2) != 0 ? -cosBase : cosBase;
                double sinT = (quadrant & 2) != 0 ? -sinBase : sinBase;
                zh = rad * cosT;
                zg = rad * sinT;
            } else {
                zh = c0 < 0 ? -1.0 : 1.0;
                zg = c1 < 0 ? -1.0 : 1.0;
            }
            if (mixedStep == 1) {
                // mixed pair: a Rademacher axis takes the sign of bit 0 of w3, a NONE axis 0
                double sign = (c3 & 1) != 0 ? -1.0 : 1.0;
                zh = hessianAxis == AXIS_GAUSSIAN ? zh : hessianAxis == AXIS_RADEMACHER ? sign : 0.0;
                zg = gradientAxis == AXIS_GAUSSIAN ? zg : gradientAxis == AXIS_RADEMACHER ? sign : 0.0;
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
            localBarrier();
        }
        x[gid] = xi;
        prev[gid] = before;
    }

    /** ln((2b+1)·2⁻⁵³) for b ∈ [0, 2⁵²): Gaussian.log(double) without bit casts. */
    private double logUniform53(long b) {
        long n = 2 * b + 1;
        int top = 63 - (int) clz(n);
        double m = (n << (52 - top)) * 0x1.0p-52;
        int e = top - 53;
        // m > √2: halve m, increment e; as selects
        int above = m > Gaussian.SQRT2 ? 1 : 0;
        m = above == 1 ? m * 0.5 : m;
        e = e + above;
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

    private static int axis(NoiseLaw law) {
        return law == NoiseLaw.GAUSSIAN ? AXIS_GAUSSIAN : law == NoiseLaw.RADEMACHER ? AXIS_RADEMACHER : AXIS_NONE;
    }
}
