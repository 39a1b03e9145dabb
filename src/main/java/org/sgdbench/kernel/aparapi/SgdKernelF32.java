package org.sgdbench.kernel.aparapi;

import static org.sgdbench.kernel.aparapi.KernelConstants.*;

import com.aparapi.Kernel;
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

    /** Positions after / before the last step, [mode·walkers + walker]. */
    final float[] x;
    final float[] prev;
    /** Per mode: λ, σ_h, σ_g rounded to float once, as the scalar F32 reference does. */
    final float[] lambda;
    final float[] sigmaH;
    final float[] sigmaG;
    /** Philox key schedule, (k0, k1) per round. */
    final int[] roundKeys;
    final int walkers;
    final int total;
    final float eta;
    final float initMean;
    final float initSpread;
    /** 1: Gaussian noise, 0: Rademacher. */
    final int gaussian;

    int phase;
    int firstStep;
    int steps;

    SgdKernelF32(int walkers, int modes, float[] lambda, float[] sigmaH, float[] sigmaG, int[] roundKeys, float eta,
                 float initMean, float initSpread, boolean gaussian) {
        this.walkers = walkers;
        this.total = walkers * modes;
        this.x = new float[total];
        this.prev = new float[total];
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
            float lam = lambda[mode];
            float sh = sigmaH[mode];
            float sg = sigmaG[mode];
            float xi = x[gid];
            float before = prev[gid];
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
                float zh = 0f;
                float zg = 0f;
                if (gaussian + init > 0) {
                    // Box–Muller of u1 = uniform24(w0), u2 = uniform24(w1)
                    float rad = sqrt(-2.0f * logUniform24(c0 >>> 9));
                    float u2 = ((c1 >>> 9) + 0.5f) * 0x1.0p-23f;
                    float q = rint(4.0f * u2);
                    float a = (u2 - 0.25f * q) * Gaussian.TWO_PI_F;
                    float sn = sinPoly(a);
                    float cs = cosPoly(a);
                    int quadrant = ((int) q) & 3;
                    float cosT = cs;
                    float sinT = sn;
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
                    zh = c0 < 0 ? -1.0f : 1.0f;
                    zg = c1 < 0 ? -1.0f : 1.0f;
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
            }
            x[gid] = xi;
            prev[gid] = before;
        }
    }

    /** ln((2k+1)·2⁻²⁴) for k ∈ [0, 2²³): Gaussian.log(float) without bit casts. */
    private float logUniform24(int k) {
        int n = 2 * k + 1;
        int top = 31 - clz(n);
        float m = (n << (23 - top)) * 0x1.0p-23f;
        int e = top - 24;
        if (m > Gaussian.SQRT2_F) {
            m = m * 0.5f;
            e = e + 1;
        }
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
}
