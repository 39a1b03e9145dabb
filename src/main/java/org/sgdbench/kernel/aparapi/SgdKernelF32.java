package org.sgdbench.kernel.aparapi;

import static org.sgdbench.kernel.aparapi.KernelConstants.*;

import com.aparapi.Kernel;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/**
 * The SGD ensemble as an Aparapi kernel, single precision: one work-item per (mode, walker), all steps of a
 * launch in a loop inside {@link #run} so that the launch cost is paid once per {@code advance}.
 *
 * <p>Written for Aparapi's translator: flat final primitive arrays, primitive fields, no objects, no switch, no
 * exceptions; the Philox rounds and the portable Box–Muller of {@link Gaussian} are inlined with the reference's
 * constants and operation order (see {@link org.sgdbench.kernel.SgdEnsembleKernel} for the semantics). OpenCL has
 * no bit casts through Aparapi, so ln u₁ takes the exponent and mantissa of u₁ = (2k+1)·2⁻²⁴ from the integer
 * 2k+1 with {@code clz}: the same m ∈ [1, 2) and e the reference reads from the float's bits.
 */
final class SgdKernelF32 extends Kernel {
    static final int PHASE_INITIALISE = 0;
    static final int PHASE_ADVANCE = 1;
    static final int AXIS_GAUSSIAN = 0;
    static final int AXIS_RADEMACHER = 1;
    static final int AXIS_NONE = 2;
    /** The Philox multipliers, zero-extended. */
    private static final long M0 = Philox4x32.M0 & 0xFFFFFFFFL;
    private static final long M1 = Philox4x32.M1 & 0xFFFFFFFFL;

    /** Positions after / before the last step, [mode·walkers + walker]; padded to the launch's global size. */
    final float[] x;
    final float[] prev;
    /** Per mode: λ, σ_h, σ_g rounded to float once, as the scalar F32 reference does. */
    final float[] lambda;
    final float[] sigmaH;
    final float[] sigmaG;
    /**
     * The Philox key schedule, (k0, k1) per round, as scalar kernel arguments: uniform registers in the
     * vectorised work-item loop instead of loads from a buffer.
     */
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
    final float eta;
    final float initMean;
    final float initSpread;
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

    /**
     * @param globalSize work-items of every launch (a multiple of the work-group size, at least walkers × modes):
     *                   the state arrays are padded to it so that no work-item needs a bounds branch
     */
    SgdKernelF32(int walkers, int modes, int globalSize, float[] lambda, float[] sigmaH, float[] sigmaG,
                 int[] roundKeys, float eta, float initMean, float initSpread, NoiseLaws laws) {
        this.walkers = walkers;
        this.lastMode = modes - 1;
        this.x = new float[globalSize];
        this.prev = new float[globalSize];
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

    /**
     * Why the shape: PoCL's CPU drivers run a work-group as a loop over its work-items and vectorise that loop
     * (LLVM's loop vectoriser) only when it is innermost and free of divergent branches. So no work-item leaves
     * early (the padding work-items compute on the padding slots), every branch is on launch-uniform values or
     * is a select, and a barrier closes each step: PoCL then splits the work-item loop at it, putting one
     * straight-line work-item loop inside the step loop instead of the step loop inside a work-item loop.
     * A second barrier separates the Philox rounds from Box–Muller: the vectoriser sizes a loop's vectors by its
     * widest type, so the 64-bit products would hold the float code to 4 lanes; apart, the float region runs 8
     * (measured on PoCL 3.1, 2²⁰ walkers: about 1.8× the throughput of one region; a 64-bit-free Philox, high
     * words from 16-bit partial products, was slower still than the 64-bit multiply in its own region).
     */
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
        float lam = lambda[mode];
        float sh = sigmaH[mode];
        float sg = sigmaG[mode];
        float xi = x[gid];
        float before = prev[gid];
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
            localBarrier(); // the words c0, c1 cross it in PoCL's per-work-item arrays (see run's comment)
            float zh = 0f;
            float zg = 0f;
            if (useGaussian > 0) {
                // Box–Muller of u1 = uniform24(w0), u2 = uniform24(w1)
                float rad = sqrt(-2.0f * logUniform24(c0 >>> 9));
                float u2 = ((c1 >>> 9) + 0.5f) * 0x1.0p-23f;
                float q = rint(4.0f * u2);
                float a = (u2 - 0.25f * q) * Gaussian.TWO_PI_F;
                float sn = sinPoly(a);
                float cs = cosPoly(a);
                // quadrant 0: (c, s), 1: (-s, c), 2: (-c, -s), 3: (s, -c), as selects (no divergent branch)
                int quadrant = ((int) q) & 3;
                int swap = quadrant & 1;
                float cosBase = swap == 1 ? sn : cs;
                float sinBase = swap == 1 ? cs : sn;
                float cosT = ((quadrant + 1) & 2) != 0 ? -cosBase : cosBase;
                float sinT = (quadrant & 2) != 0 ? -sinBase : sinBase;
                zh = rad * cosT;
                zg = rad * sinT;
            } else {
                zh = c0 < 0 ? -1.0f : 1.0f;
                zg = c1 < 0 ? -1.0f : 1.0f;
            }
            if (mixedStep == 1) {
                // mixed pair: a Rademacher axis takes the sign of bit 0 of w3, a NONE axis 0
                float sign = (c3 & 1) != 0 ? -1.0f : 1.0f;
                zh = hessianAxis == AXIS_GAUSSIAN ? zh : hessianAxis == AXIS_RADEMACHER ? sign : 0f;
                zg = gradientAxis == AXIS_GAUSSIAN ? zg : gradientAxis == AXIS_RADEMACHER ? sign : 0f;
            }
            if (init == 1) {
                xi = fma(initSpread, zh, initMean);
                before = xi;
            } else {
                float h = fma(sh, zh, lam);
                float g = sg * zg;
                before = xi;
                xi = fma(-eta, fma(h, xi, g), xi);
            }
            localBarrier();
        }
        x[gid] = xi;
        prev[gid] = before;
    }

    /** ln((2k+1)·2⁻²⁴) for k ∈ [0, 2²³): Gaussian.log(float) without bit casts. */
    private float logUniform24(int k) {
        int n = 2 * k + 1;
        int top = 31 - clz(n);
        float m = (n << (23 - top)) * 0x1.0p-23f;
        int e = top - 24;
        // m > √2: halve m, increment e; as selects
        int above = m > Gaussian.SQRT2_F ? 1 : 0;
        m = above == 1 ? m * 0.5f : m;
        e = e + above;
        float f = m - 1.0f;
        float s = f / (2.0f + f);
        float s2 = s * s;
        float p = LOG_F0;
        p = fma(p, s2, LOG_F1);
        p = fma(p, s2, LOG_F2);
        p = fma(p, s2, LOG_F3);
        p = fma(p, s2, LOG_F4);
        p = fma(p, s2, 1.0f);
        return fma((float) e, Gaussian.LN2_F, 2.0f * s * p);
    }

    private float sinPoly(float a) {
        float a2 = a * a;
        float p = SIN_F0;
        p = fma(p, a2, SIN_F1);
        p = fma(p, a2, SIN_F2);
        p = fma(p, a2, SIN_F3);
        p = fma(p, a2, SIN_F4);
        return fma(p * a2, a, a);
    }

    private float cosPoly(float a) {
        float a2 = a * a;
        float p = COS_F0;
        p = fma(p, a2, COS_F1);
        p = fma(p, a2, COS_F2);
        p = fma(p, a2, COS_F3);
        p = fma(p, a2, COS_F4);
        p = fma(p, a2, COS_F5);
        return fma(p, a2, 1.0f);
    }

    private static int axis(NoiseLaw law) {
        return law == NoiseLaw.GAUSSIAN ? AXIS_GAUSSIAN : law == NoiseLaw.RADEMACHER ? AXIS_RADEMACHER : AXIS_NONE;
    }
}
