package org.sgdbench.rng;

/**
 * The portable Box–Muller transform: two uniforms in (0, 1) → two independent standard normals,
 * (r cos 2πu₂, r sin 2πu₂) with r = √(−2 ln u₁).
 *
 * <p>Why hand-written: {@code Math.log/sin/cos}, the Vector API's LOG/SIN/COS and OpenCL's built-ins may differ
 * by an ulp, and the Vector API's result can even depend on whether the code is interpreted or compiled. This
 * transform uses only IEEE-exact operations (+, −, ×, ÷, √, fused multiply-add, bit manipulation) in a fixed
 * order, so every backend that repeats the same operations produces bit-identical normals. Its accuracy
 * (checked in {@code GaussianTest} against {@code Math}): a few ulp in F64, a few ulp of float in F32 —
 * irrelevant next to any statistical error.
 *
 * <p>ln: x = m·2ᵉ with m ∈ [√½, √2), s = (m−1)/(m+1), ln m = 2 atanh s = 2s·P(s²) (Taylor series of atanh,
 * |s| ≤ 0.1716). sin/cos: 2πu = qπ/2 + a with q = rint(4u), a = 2π(u − q/4) ∈ [−π/4, π/4], Taylor polynomials
 * in a, then the quadrant's exact swap and sign change.
 */
public final class Gaussian {
    private Gaussian() {}

    public static final double TWO_PI = 2 * Math.PI;
    public static final double LN2 = 0.6931471805599453;
    public static final double SQRT2 = 1.4142135623730951;
    public static final float TWO_PI_F = (float) (2 * Math.PI);
    public static final float LN2_F = 0.6931472f;
    public static final float SQRT2_F = 1.4142135f;

    /** atanh series coefficients 1/(2k+1), highest order first (k = 11 … 1); the k = 0 term is 1. */
    public static final double[] LOG_C = {1.0 / 23, 1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15, 1.0 / 13, 1.0 / 11,
        1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3};
    public static final float[] LOG_CF = {1.0f / 11, 1.0f / 9, 1.0f / 7, 1.0f / 5, 1.0f / 3};
    /** sin Taylor coefficients of a^(2k+1), k = 9 … 1 (a^1 coefficient is 1). */
    public static final double[] SIN_C = {-1.0 / 121645100408832000.0, 1.0 / 355687428096000.0,
        -1.0 / 1307674368000.0, 1.0 / 6227020800.0, -1.0 / 39916800.0, 1.0 / 362880.0, -1.0 / 5040.0,
        1.0 / 120.0, -1.0 / 6.0};
    /** cos Taylor coefficients of a^(2k), k = 9 … 1 (a^0 coefficient is 1). */
    public static final double[] COS_C = {-1.0 / 6402373705728000.0, 1.0 / 20922789888000.0,
        -1.0 / 87178291200.0, 1.0 / 479001600.0, -1.0 / 3628800.0, 1.0 / 40320.0, -1.0 / 720.0, 1.0 / 24.0,
        -1.0 / 2.0};
    public static final float[] SIN_CF = {-1.0f / 39916800.0f, 1.0f / 362880.0f, -1.0f / 5040.0f, 1.0f / 120.0f,
        -1.0f / 6.0f};
    public static final float[] COS_CF = {1.0f / 479001600.0f, -1.0f / 3628800.0f, 1.0f / 40320.0f,
        -1.0f / 720.0f, 1.0f / 24.0f, -1.0f / 2.0f};

    // ---------------------------------------------------------------- F64

    /** Natural log of a positive normal double, in basic arithmetic only. */
    public static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) ((bits >>> 52) & 0x7FF) - 1023;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > SQRT2) {
            m *= 0.5;
            e += 1;
        }
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double s2 = s * s;
        double p = LOG_C[0];
        for (int k = 1; k < LOG_C.length; k++) p = Math.fma(p, s2, LOG_C[k]);
        p = Math.fma(p, s2, 1.0);
        return Math.fma(e, LN2, 2.0 * s * p);
    }

    public static double sinPoly(double a) {
        double a2 = a * a;
        double p = SIN_C[0];
        for (int k = 1; k < SIN_C.length; k++) p = Math.fma(p, a2, SIN_C[k]);
        return Math.fma(p * a2, a, a);
    }

    public static double cosPoly(double a) {
        double a2 = a * a;
        double p = COS_C[0];
        for (int k = 1; k < COS_C.length; k++) p = Math.fma(p, a2, COS_C[k]);
        return Math.fma(p, a2, 1.0);
    }

    /**
     * Box–Muller: writes (r cos 2πu₂, r sin 2πu₂) into out[0], out[1].
     */
    public static void pair(double u1, double u2, double[] out) {
        double r = Math.sqrt(-2.0 * log(u1));
        double q = Math.rint(4.0 * u2);
        double a = (u2 - 0.25 * q) * TWO_PI;
        double s = sinPoly(a), c = cosPoly(a);
        int quadrant = ((int) q) & 3;
        double cosT, sinT;
        switch (quadrant) {
            case 0 -> { cosT = c; sinT = s; }
            case 1 -> { cosT = -s; sinT = c; }
            case 2 -> { cosT = -c; sinT = -s; }
            default -> { cosT = s; sinT = -c; }
        }
        out[0] = r * cosT;
        out[1] = r * sinT;
    }

    // ---------------------------------------------------------------- F32

    public static float log(float x) {
        int bits = Float.floatToRawIntBits(x);
        int e = ((bits >>> 23) & 0xFF) - 127;
        float m = Float.intBitsToFloat((bits & 0x007FFFFF) | 0x3F800000);
        if (m > SQRT2_F) {
            m *= 0.5f;
            e += 1;
        }
        float f = m - 1.0f;
        float s = f / (2.0f + f);
        float s2 = s * s;
        float p = LOG_CF[0];
        for (int k = 1; k < LOG_CF.length; k++) p = Math.fma(p, s2, LOG_CF[k]);
        p = Math.fma(p, s2, 1.0f);
        return Math.fma((float) e, LN2_F, 2.0f * s * p);
    }

    public static float sinPoly(float a) {
        float a2 = a * a;
        float p = SIN_CF[0];
        for (int k = 1; k < SIN_CF.length; k++) p = Math.fma(p, a2, SIN_CF[k]);
        return Math.fma(p * a2, a, a);
    }

    public static float cosPoly(float a) {
        float a2 = a * a;
        float p = COS_CF[0];
        for (int k = 1; k < COS_CF.length; k++) p = Math.fma(p, a2, COS_CF[k]);
        return Math.fma(p, a2, 1.0f);
    }

    public static void pair(float u1, float u2, float[] out) {
        float r = (float) Math.sqrt(-2.0f * log(u1));
        float q = (float) Math.rint(4.0f * u2);
        float a = (u2 - 0.25f * q) * TWO_PI_F;
        float s = sinPoly(a), c = cosPoly(a);
        int quadrant = ((int) q) & 3;
        float cosT, sinT;
        switch (quadrant) {
            case 0 -> { cosT = c; sinT = s; }
            case 1 -> { cosT = -s; sinT = c; }
            case 2 -> { cosT = -c; sinT = -s; }
            default -> { cosT = s; sinT = -c; }
        }
        out[0] = r * cosT;
        out[1] = r * sinT;
    }
}
