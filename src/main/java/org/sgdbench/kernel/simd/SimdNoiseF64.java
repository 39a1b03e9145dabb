package org.sgdbench.kernel.simd;

import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.rng.Philox4x32;

/**
 * The F64 noise of {@link org.sgdbench.rng.StreamLayout} for L consecutive walkers at once (L = double lanes of
 * {@link SimdLanes}), bit-identical to the scalar {@link Philox4x32} +
 * {@link Gaussian#pair(double, double, double[])}: the one vector implementation shared by
 * {@link SimdSgdEnsembleF64} and {@link SimdNoiseFiller}.
 *
 * <p>Lane mapping: the long and double species have the same bit size, hence the same lane count L (8 at 512
 * bits); lane j is walker i + j. F64 needs all four Philox words (uniform53(w0, w1), uniform53(w2, w3)), so
 * Philox runs directly on LongVectors, each 32-bit counter word zero-extended in its own 64-bit lane: the
 * 32×32→64 products are plain 64-bit lane multiplies, hi = p >>> 32, lo = p (its low half), and the words come
 * out (masked to 32 bits once, at the end) ready for the 52-bit uniform (w0 << 20 | w1 >>> 12).
 *
 * <p>Box–Muller as {@link Gaussian#pair(double, double, double[])}, lane by lane, same constants and operation
 * order. Integer → double conversions use the exact magic-number form (bits of 2⁵² + k, minus 2⁵²), which
 * needs no 64-bit convert instruction (absent before AVX-512DQ); rint by adding and subtracting 1.5·2⁵².
 *
 * <p>Stages pass their vectors through small L1-resident scratch arrays: a vector returned from a method that
 * is not inlined is boxed, and one method holding Philox and Box–Muller exceeds C2's inlining node budget.
 * Immutable after construction; the scratch arrays belong to the caller (one per thread).
 */
final class SimdNoiseF64 {
    static final VectorSpecies<Double> DS = SimdLanes.DOUBLE;
    private static final VectorSpecies<Long> LS = SimdLanes.LONG;
    static final int LANES = DS.length();
    private static final LongVector IOTA = LongVector.zero(LS).addIndex(1);

    private static final long LOW32 = 0xFFFFFFFFL;
    private static final long M0 = Philox4x32.M0 & LOW32;
    private static final long M1 = Philox4x32.M1 & LOW32;

    private static final double[] LOG = Gaussian.LOG_C.clone(), SIN = Gaussian.SIN_C.clone(),
        COS = Gaussian.COS_C.clone();
    private static final double L0 = LOG[0], L1 = LOG[1], L2 = LOG[2], L3 = LOG[3], L4 = LOG[4], L5 = LOG[5],
        L6 = LOG[6], L7 = LOG[7], L8 = LOG[8], L9 = LOG[9], L10 = LOG[10];
    private static final double S0 = SIN[0], S1 = SIN[1], S2 = SIN[2], S3 = SIN[3], S4 = SIN[4], S5 = SIN[5],
        S6 = SIN[6], S7 = SIN[7], S8 = SIN[8];
    private static final double C0 = COS[0], C1 = COS[1], C2 = COS[2], C3 = COS[3], C4 = COS[4], C5 = COS[5],
        C6 = COS[6], C7 = COS[7], C8 = COS[8];
    private static final long SQRT2_BITS = Double.doubleToRawLongBits(Gaussian.SQRT2);
    /** Bits of 2⁵²: OR-ing k < 2⁵² into them and subtracting 2⁵² gives (double) k exactly. */
    private static final long TWO52_BITS = Double.doubleToRawLongBits(0x1.0p52);
    /** 1.5·2⁵²: adding a small integer k (either sign) to its bits and subtracting 1.5·2⁵² gives (double) k. */
    private static final double MAGIC = 0x1.8p52;
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);

    /** Philox round keys, zero-extended: (k0 + r·W0, k1 + r·W1), r = 0 … 9. */
    private final long[] roundKey0 = new long[Philox4x32.ROUNDS], roundKey1 = new long[Philox4x32.ROUNDS];

    /** For the Philox key (key0, key1) of {@link org.sgdbench.rng.StreamLayout}. */
    SimdNoiseF64(int key0, int key1) {
        SimdLanes.require();
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            roundKey0[r] = (key0 + r * Philox4x32.W0) & LOW32;
            roundKey1[r] = (key1 + r * Philox4x32.W1) & LOW32;
        }
    }

    /** Scratch for {@link #noise}'s Philox words. */
    static long[] wordScratch() { return new long[4 * LANES]; }

    /**
     * The noise (z_h, z_g) of block (walker i + lane, step, mode, stream) for every lane, into zh[atH, atH + L)
     * and zg[atG, atG + L): Box–Muller of uniform53(w0, w1), uniform53(w2, w3) when {@code gaussianLaw}, else
     * the signs of w0, w1. {@code w}: scratch from {@link #wordScratch()}.
     */
    void noise(boolean gaussianLaw, int i, int step, int mode, int stream, long[] w, double[] zh, int atH,
               double[] zg, int atG) {
        philox(i, step, mode, stream, w);
        if (gaussianLaw) boxMuller(w, zh, atH, zg, atG);
        else signs(w, zh, atH, zg, atG);
    }

    /**
     * The noise (z_h, z_g) of a mixed pair of laws ({@link NoiseLaws#mixed()}), by the mixed-pair rule of
     * {@link org.sgdbench.rng.StreamLayout}: a Gaussian axis takes its Box–Muller component, a Rademacher axis the
     * sign of bit 0 of w3, a NONE axis 0. Same arguments as {@link #noise}.
     */
    void mixedNoise(NoiseLaws laws, int i, int step, int mode, int stream, long[] w, double[] zh, int atH,
                    double[] zg, int atG) {
        philox(i, step, mode, stream, w);
        if (laws.anyGaussian()) boxMuller(w, zh, atH, zg, atG);
        if (laws.hessian() != NoiseLaw.GAUSSIAN) mixedAxis(laws.hessian(), w, zh, atH);
        if (laws.gradient() != NoiseLaw.GAUSSIAN) mixedAxis(laws.gradient(), w, zg, atG);
    }

    /** A non-Gaussian axis of a mixed pair: ±1.0 from bit 0 of w3 moved to the sign bit (Rademacher), or 0 (NONE). */
    private static void mixedAxis(NoiseLaw law, long[] w, double[] z, int at) {
        if (law == NoiseLaw.NONE) {
            DoubleVector.zero(DS).intoArray(z, at);
            return;
        }
        LongVector.fromArray(LS, w, 3 * LANES).and(1L).lanewise(LSHL, 63).or(Double.doubleToRawLongBits(1.0))
            .reinterpretAsDoubles().intoArray(z, at);
    }

    /** Words w0 … w3 of Philox4x32-10 at counter (i + lane, step, mode, stream), zero-extended, to w[kL, (k+1)L). */
    private void philox(int i, int step, int mode, int stream, long[] w) {
        LongVector c0 = IOTA.add(i);
        LongVector c1 = LongVector.broadcast(LS, step & LOW32);
        LongVector c2 = LongVector.broadcast(LS, mode & LOW32);
        LongVector c3 = LongVector.broadcast(LS, stream & LOW32);
        LongVector m0 = LongVector.broadcast(LS, M0).and(LOW32), m1 = LongVector.broadcast(LS, M1).and(LOW32);
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            // AND on both factors: C2 emits one 32×32→64 unsigned multiply. lo = p unmasked: its high half
            // only reaches words that are masked again before their next multiply or on output.
            LongVector p0 = c0.and(LOW32).mul(m0), p1 = c2.and(LOW32).mul(m1);
            c0 = p1.lanewise(LSHR, 32).lanewise(XOR, c1).lanewise(XOR, roundKey0[r]);
            c1 = p1;
            c2 = p0.lanewise(LSHR, 32).lanewise(XOR, c3).lanewise(XOR, roundKey1[r]);
            c3 = p0;
        }
        c0.and(LOW32).intoArray(w, 0);
        c1.and(LOW32).intoArray(w, LANES);
        c2.and(LOW32).intoArray(w, 2 * LANES);
        c3.and(LOW32).intoArray(w, 3 * LANES);
    }

    /** Rademacher: ±1.0, bit 31 of the word moved to the sign bit of 1.0. */
    private static void signs(long[] w, double[] zh, int atH, double[] zg, int atG) {
        long one = Double.doubleToRawLongBits(1.0);
        LongVector.fromArray(LS, w, 0).and(0x80000000L).lanewise(LSHL, 32).or(one).reinterpretAsDoubles()
            .intoArray(zh, atH);
        LongVector.fromArray(LS, w, LANES).and(0x80000000L).lanewise(LSHL, 32).or(one).reinterpretAsDoubles()
            .intoArray(zg, atG);
    }

    /** Gaussian.pair(uniform53(w0, w1), uniform53(w2, w3)) lane by lane. */
    private static void boxMuller(long[] w, double[] zh, int atH, double[] zg, int atG) {
        DoubleVector u1 = uniform53(LongVector.fromArray(LS, w, 0), LongVector.fromArray(LS, w, LANES));
        DoubleVector u2 = uniform53(LongVector.fromArray(LS, w, 2 * LANES), LongVector.fromArray(LS, w, 3 * LANES));

        // r = sqrt(−2 ln u1), ln as Gaussian.log(double)
        LongVector bits = u1.reinterpretAsLongs();
        LongVector e = bits.lanewise(LSHR, 52).and(0x7FF).sub(1023);
        LongVector mBits = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L);
        // m > √2, compared as longs (positive doubles order like their bits)
        VectorMask<Long> big = mBits.compare(VectorOperators.GT, SQRT2_BITS);
        mBits = mBits.sub(1L << 52, big);                                    // m·0.5, exact
        e = e.add(1, big);
        DoubleVector f = mBits.reinterpretAsDoubles().sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector s2 = s.mul(s);
        DoubleVector p = DoubleVector.broadcast(DS, L0).lanewise(FMA, s2, L1).lanewise(FMA, s2, L2)
            .lanewise(FMA, s2, L3).lanewise(FMA, s2, L4).lanewise(FMA, s2, L5).lanewise(FMA, s2, L6)
            .lanewise(FMA, s2, L7).lanewise(FMA, s2, L8).lanewise(FMA, s2, L9).lanewise(FMA, s2, L10)
            .lanewise(FMA, s2, 1.0);
        DoubleVector eD = e.add(MAGIC_BITS).reinterpretAsDoubles().sub(MAGIC);  // (double) e, exact
        DoubleVector ln = eD.lanewise(FMA, Gaussian.LN2, s.mul(2.0).mul(p));
        DoubleVector radius = ln.mul(-2.0).sqrt();

        // angle 2πu2 = qπ/2 + a
        DoubleVector shifted = u2.mul(4.0).add(MAGIC);
        LongVector quadrant = shifted.reinterpretAsLongs();                  // low bits hold q = rint(4·u2)
        DoubleVector q = shifted.sub(MAGIC);
        DoubleVector a = u2.sub(q.mul(0.25)).mul(Gaussian.TWO_PI);
        DoubleVector a2 = a.mul(a);
        DoubleVector sp = DoubleVector.broadcast(DS, S0).lanewise(FMA, a2, S1).lanewise(FMA, a2, S2)
            .lanewise(FMA, a2, S3).lanewise(FMA, a2, S4).lanewise(FMA, a2, S5).lanewise(FMA, a2, S6)
            .lanewise(FMA, a2, S7).lanewise(FMA, a2, S8);
        DoubleVector sin = sp.mul(a2).fma(a, a);
        DoubleVector cos = DoubleVector.broadcast(DS, C0).lanewise(FMA, a2, C1).lanewise(FMA, a2, C2)
            .lanewise(FMA, a2, C3).lanewise(FMA, a2, C4).lanewise(FMA, a2, C5).lanewise(FMA, a2, C6)
            .lanewise(FMA, a2, C7).lanewise(FMA, a2, C8).lanewise(FMA, a2, 1.0);

        // quadrant q & 3: odd → swap sin and cos; cos negative for 1, 2; sin negative for 2, 3.
        VectorMask<Long> swap = quadrant.and(1).compare(VectorOperators.NE, 0);
        LongVector sinBits = sin.reinterpretAsLongs(), cosBits = cos.reinterpretAsLongs();
        LongVector cosT = cosBits.blend(sinBits, swap).lanewise(XOR, quadrant.add(1).and(2).lanewise(LSHL, 62));
        LongVector sinT = sinBits.blend(cosBits, swap).lanewise(XOR, quadrant.and(2).lanewise(LSHL, 62));
        radius.mul(cosT.reinterpretAsDoubles()).intoArray(zh, atH);
        radius.mul(sinT.reinterpretAsDoubles()).intoArray(zg, atG);
    }

    /** StreamLayout.uniform53 lane by lane: (((w0 << 20) | (w1 >>> 12)) + 0.5)·2⁻⁵², the conversion exact. */
    private static DoubleVector uniform53(LongVector w0, LongVector w1) {
        LongVector k = w0.lanewise(LSHL, 20).or(w1.lanewise(LSHR, 12));     // < 2⁵²
        return k.or(TWO52_BITS).reinterpretAsDoubles().sub(0x1.0p52).add(0.5).mul(0x1.0p-52);
    }
}
