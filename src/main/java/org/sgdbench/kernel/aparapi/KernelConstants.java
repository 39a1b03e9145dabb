package org.sgdbench.kernel.aparapi;

/**
 * The polynomial coefficients of {@link org.sgdbench.rng.Gaussian} as compile-time constants: javac folds them into
 * the kernels' bytecode as literals, which Aparapi writes into the OpenCL source in round-trip form (Aparapi
 * cannot read Java arrays that are not kernel fields). {@code KernelConstantsTest} checks every one equals the
 * reference array element, bit for bit.
 */
final class KernelConstants {
    private KernelConstants() {}

    // F32: ln (atanh series), highest order first; sin; cos
    static final float LOG_F0 = 1.0f / 11, LOG_F1 = 1.0f / 9, LOG_F2 = 1.0f / 7, LOG_F3 = 1.0f / 5, LOG_F4 = 1.0f / 3;
    static final float SIN_F0 = -1.0f / 39916800.0f, SIN_F1 = 1.0f / 362880.0f, SIN_F2 = -1.0f / 5040.0f,
        SIN_F3 = 1.0f / 120.0f, SIN_F4 = -1.0f / 6.0f;
    static final float COS_F0 = 1.0f / 479001600.0f, COS_F1 = -1.0f / 3628800.0f, COS_F2 = 1.0f / 40320.0f,
        COS_F3 = -1.0f / 720.0f, COS_F4 = 1.0f / 24.0f, COS_F5 = -1.0f / 2.0f;

    // F64
    static final double LOG_D0 = 1.0 / 23, LOG_D1 = 1.0 / 21, LOG_D2 = 1.0 / 19, LOG_D3 = 1.0 / 17, LOG_D4 = 1.0 / 15,
        LOG_D5 = 1.0 / 13, LOG_D6 = 1.0 / 11, LOG_D7 = 1.0 / 9, LOG_D8 = 1.0 / 7, LOG_D9 = 1.0 / 5, LOG_D10 = 1.0 / 3;
    static final double SIN_D0 = -1.0 / 121645100408832000.0, SIN_D1 = 1.0 / 355687428096000.0,
        SIN_D2 = -1.0 / 1307674368000.0, SIN_D3 = 1.0 / 6227020800.0, SIN_D4 = -1.0 / 39916800.0,
        SIN_D5 = 1.0 / 362880.0, SIN_D6 = -1.0 / 5040.0, SIN_D7 = 1.0 / 120.0, SIN_D8 = -1.0 / 6.0;
    static final double COS_D0 = -1.0 / 6402373705728000.0, COS_D1 = 1.0 / 20922789888000.0,
        COS_D2 = -1.0 / 87178291200.0, COS_D3 = 1.0 / 479001600.0, COS_D4 = -1.0 / 3628800.0, COS_D5 = 1.0 / 40320.0,
        COS_D6 = -1.0 / 720.0, COS_D7 = 1.0 / 24.0, COS_D8 = -1.0 / 2.0;

    static final float[] LOG_F = {LOG_F0, LOG_F1, LOG_F2, LOG_F3, LOG_F4};
    static final float[] SIN_F = {SIN_F0, SIN_F1, SIN_F2, SIN_F3, SIN_F4};
    static final float[] COS_F = {COS_F0, COS_F1, COS_F2, COS_F3, COS_F4, COS_F5};
    static final double[] LOG_D = {LOG_D0, LOG_D1, LOG_D2, LOG_D3, LOG_D4, LOG_D5, LOG_D6, LOG_D7, LOG_D8, LOG_D9, LOG_D10};
    static final double[] SIN_D = {SIN_D0, SIN_D1, SIN_D2, SIN_D3, SIN_D4, SIN_D5, SIN_D6, SIN_D7, SIN_D8};
    static final double[] COS_D = {COS_D0, COS_D1, COS_D2, COS_D3, COS_D4, COS_D5, COS_D6, COS_D7, COS_D8};

    /** The Philox4x32-10 key schedule (k0, k1 of rounds 0 … 9), computed on the host exactly as the reference. */
    static int[] roundKeys(int key0, int key1) {
        int[] rk = new int[2 * org.sgdbench.rng.Philox4x32.ROUNDS];
        for (int r = 0; r < org.sgdbench.rng.Philox4x32.ROUNDS; r++) {
            if (r > 0) {
                key0 += org.sgdbench.rng.Philox4x32.W0;
                key1 += org.sgdbench.rng.Philox4x32.W1;
            }
            rk[2 * r] = key0;
            rk[2 * r + 1] = key1;
        }
        return rk;
    }
}
