package org.sgdbench.kernel.simd;

import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;

/**
 * The F32 noise of {@link org.sgdbench.rng.StreamLayout} for L consecutive walkers at once (L = float lanes of
 * {@link SimdLanes}), bit-identical to the scalar {@link Philox4x32} + {@link Gaussian#pair(float, float, float[])}:
 * the one vector implementation shared by {@link SimdSgdEnsembleF32} and {@link SimdNoiseFiller}.
 *
 * <p>Lane mapping: the int and float species have the same bit size, hence the same lane count L (16 at 512
 * bits); lane j is walker i + j, and Philox4x32-10 lane j uses counter (i + j, step, mode, stream). The rounds
 * run on the LongVector view of the int lanes (see {@link #philox}): 32×32→64 products as 64-bit lane
 * multiplies of AND-masked factors (on AVX-512, masking both factors rather than one made the whole F32
 * Gaussian ensemble about 1.6× faster: C2 then emits one unsigned 32-bit multiply instead of a 64-bit one).
 * F32 uses words w0, w1 only (uniform24), so the last round skips the multiply feeding w2, w3.
 *
 * <p>Box–Muller is {@link Gaussian#pair(float, float, float[])} lane by lane: the same constants, the same
 * fma/multiply/divide/sqrt sequence (Java's (float) Math.sqrt of a float equals the correctly rounded float
 * sqrt); rint by the exact add-and-subtract of 1.5·2²³; the quadrant swap and sign changes by blend and XOR of
 * the sign bit. No Vector API transcendental is used, so the normals are bit-identical to the scalar ones.
 *
 * <p>Stages pass their vectors through small L1-resident scratch arrays: Java has no multiple return values, a
 * vector returned from a method that is not inlined is boxed, and one method holding Philox and Box–Muller
 * together exceeds C2's inlining node budget (its Vector API calls then stop being intrinsics). Immutable after
 * construction; the scratch arrays belong to the caller (one per thread).
 */
final class SimdNoiseF32 {
    static final VectorSpecies<Float> FS = SimdLanes.FLOAT;
    static final VectorSpecies<Integer> IS = SimdLanes.INT;
    private static final VectorSpecies<Long> LS = SimdLanes.LONG;
    static final int LANES = FS.length();
    /** Per long lane: the index of the int lane that is its low half, and of its high half (byte-order proof). */
    private static final LongVector LOW_HALF_LANE =
        IntVector.zero(IS).addIndex(1).reinterpretAsLongs().and(0xFFFFFFFFL);
    private static final LongVector HIGH_HALF_LANE =
        IntVector.zero(IS).addIndex(1).reinterpretAsLongs().lanewise(LSHR, 32);
    /** The int lanes that are the high halves of long lanes. */
    private static final VectorMask<Integer> HIGH_HALVES =
        LongVector.broadcast(LS, 1L << 32).reinterpretAsInts().compare(VectorOperators.NE, 0);

    private static final long LOW32 = 0xFFFFFFFFL;
    private static final long M0 = Philox4x32.M0 & LOW32;
    private static final long M1 = Philox4x32.M1 & LOW32;

    private static final float L0 = Gaussian.LOG_CF[0], L1 = Gaussian.LOG_CF[1], L2 = Gaussian.LOG_CF[2],
        L3 = Gaussian.LOG_CF[3], L4 = Gaussian.LOG_CF[4];
    private static final float S0 = Gaussian.SIN_CF[0], S1 = Gaussian.SIN_CF[1], S2 = Gaussian.SIN_CF[2],
        S3 = Gaussian.SIN_CF[3], S4 = Gaussian.SIN_CF[4];
    private static final float C0 = Gaussian.COS_CF[0], C1 = Gaussian.COS_CF[1], C2 = Gaussian.COS_CF[2],
        C3 = Gaussian.COS_CF[3], C4 = Gaussian.COS_CF[4], C5 = Gaussian.COS_CF[5];
    private static final int SQRT2_BITS = Float.floatToRawIntBits(Gaussian.SQRT2_F);
    /** 1.5·2²³: adding and subtracting it rounds |v| < 2²² to the nearest integer, ties to even (= rint). */
    private static final float RINT_MAGIC = 0x1.8p23f;

    /** Philox round keys (k0 + r·W0, k1 + r·W1), r = 0 … 9. */
    private final int[] roundKey0 = new int[Philox4x32.ROUNDS], roundKey1 = new int[Philox4x32.ROUNDS];

    /** For the Philox key (key0, key1) of {@link org.sgdbench.rng.StreamLayout}. */
    SimdNoiseF32(int key0, int key1) {
        SimdLanes.require();
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            roundKey0[r] = key0 + r * Philox4x32.W0;
            roundKey1[r] = key1 + r * Philox4x32.W1;
        }
    }

    /** Scratch for {@link #noise}'s Philox words. */
    static int[] wordScratch() { return new int[2 * LANES]; }

    /**
     * The noise (z_h, z_g) of block (walker i + lane, step, mode, stream) for every lane, written to
     * zh[atH, atH + L) and zg[atG, atG + L): Box–Muller of uniform24(w0), uniform24(w1) when {@code gaussianLaw},
     * else the signs of w0, w1. {@code w}: scratch from {@link #wordScratch()}.
     */
    void noise(boolean gaussianLaw, int i, int step, int mode, int stream, int[] w, float[] zh, int atH,
               float[] zg, int atG) {
        philox(i, step, mode, stream, w);
        if (gaussianLaw) boxMuller(w, zh, atH, zg, atG);
        else signs(w, zh, atH, zg, atG);
    }

    /**
     * Words w0, w1 of Philox4x32-10 at counter (i + lane, step, mode, stream) into w[0, L), w[L, 2L).
     *
     * <p>The rounds run on the LongVector view: the walkers of the int lanes that are the low halves of the long
     * lanes ("low" walkers) and those of the high halves ("high" walkers) each get their own LongVectors, every
     * 32-bit word in the low half of a 64-bit lane. A product is then one 64-bit lane multiply of the two
     * zero-extended factors (written as AND 0xFFFFFFFF on both, which C2 turns into a single 32×32→64 unsigned
     * multiply), hi = p >>> 32, and lo is p itself: only its low 32 bits are ever used (they are XORed into a
     * word that is masked again before its next multiply, or taken as an output word). The int lane order is
     * restored once, for the two output words.
     */
    private void philox(int i, int step, int mode, int stream, int[] w) {
        LongVector m0 = LongVector.broadcast(LS, M0).and(LOW32), m1 = LongVector.broadcast(LS, M1).and(LOW32);
        LongVector c0l = LOW_HALF_LANE.add(i), c0h = HIGH_HALF_LANE.add(i);
        LongVector c1l = LongVector.broadcast(LS, step), c1h = c1l;
        LongVector c2l = LongVector.broadcast(LS, mode), c2h = c2l;
        LongVector c3l = LongVector.broadcast(LS, stream), c3h = c3l;
        for (int r = 0; r < Philox4x32.ROUNDS - 1; r++) {
            int k0 = roundKey0[r], k1 = roundKey1[r];
            LongVector p0l = c0l.and(LOW32).mul(m0), p1l = c2l.and(LOW32).mul(m1);
            LongVector p0h = c0h.and(LOW32).mul(m0), p1h = c2h.and(LOW32).mul(m1);
            c0l = p1l.lanewise(LSHR, 32).lanewise(XOR, c1l).lanewise(XOR, k0);
            c0h = p1h.lanewise(LSHR, 32).lanewise(XOR, c1h).lanewise(XOR, k0);
            c2l = p0l.lanewise(LSHR, 32).lanewise(XOR, c3l).lanewise(XOR, k1);
            c2h = p0h.lanewise(LSHR, 32).lanewise(XOR, c3h).lanewise(XOR, k1);
            c1l = p1l;
            c1h = p1h;
            c3l = p0l;
            c3h = p0h;
        }
        // Last round: only w0 = hi1 ^ c1 ^ k0 and w1 = lo1 are used in F32.
        int k0 = roundKey0[Philox4x32.ROUNDS - 1];
        LongVector p1l = c2l.and(LOW32).mul(m1), p1h = c2h.and(LOW32).mul(m1);
        LongVector w0l = p1l.lanewise(LSHR, 32).lanewise(XOR, c1l).lanewise(XOR, k0);
        LongVector w0h = p1h.lanewise(LSHR, 32).lanewise(XOR, c1h).lanewise(XOR, k0);
        w0l.reinterpretAsInts().blend(w0h.lanewise(LSHL, 32).reinterpretAsInts(), HIGH_HALVES).intoArray(w, 0);
        p1l.reinterpretAsInts().blend(p1h.lanewise(LSHL, 32).reinterpretAsInts(), HIGH_HALVES).intoArray(w, LANES);
    }

    /**
     * The noise (z_h, z_g) of a mixed pair of laws ({@link NoiseLaws#mixed()}), by the mixed-pair rule of
     * {@link org.sgdbench.rng.StreamLayout}: a Gaussian axis takes its Box–Muller component, a Rademacher axis the
     * sign of bit 0 of w3, a NONE axis 0. Same arguments as {@link #noise}; {@code w} from {@link #mixedWordScratch()}.
     */
    void mixedNoise(NoiseLaws laws, int i, int step, int mode, int stream, int[] w, float[] zh, int atH,
                    float[] zg, int atG) {
        philoxWithW3(i, step, mode, stream, w);
        if (laws.anyGaussian()) boxMuller(w, zh, atH, zg, atG);
        if (laws.hessian() != NoiseLaw.GAUSSIAN) mixedAxis(laws.hessian(), w, zh, atH);
        if (laws.gradient() != NoiseLaw.GAUSSIAN) mixedAxis(laws.gradient(), w, zg, atG);
    }

    /** Scratch for {@link #mixedNoise}'s Philox words w0, w1, w3. */
    static int[] mixedWordScratch() { return new int[3 * LANES]; }

    /** A non-Gaussian axis of a mixed pair: ±1.0f from bit 0 of w3 moved to the sign bit (Rademacher), or 0 (NONE). */
    private static void mixedAxis(NoiseLaw law, int[] w, float[] z, int at) {
        if (law == NoiseLaw.NONE) {
            FloatVector.zero(FS).intoArray(z, at);
            return;
        }
        IntVector.fromArray(IS, w, 2 * LANES).and(1).lanewise(LSHL, 31).or(0x3F800000).reinterpretAsFloats()
            .intoArray(z, at);
    }

    /**
     * {@link #philox} that also keeps w3 (into w[2L, 3L)), which F32's one-law rules never read: a separate
     * method so that the one-law path keeps its skipped last multiply. w3 is the low word of the last round's
     * c0·M0 product.
     */
    private void philoxWithW3(int i, int step, int mode, int stream, int[] w) {
        LongVector m0 = LongVector.broadcast(LS, M0).and(LOW32), m1 = LongVector.broadcast(LS, M1).and(LOW32);
        LongVector c0l = LOW_HALF_LANE.add(i), c0h = HIGH_HALF_LANE.add(i);
        LongVector c1l = LongVector.broadcast(LS, step), c1h = c1l;
        LongVector c2l = LongVector.broadcast(LS, mode), c2h = c2l;
        LongVector c3l = LongVector.broadcast(LS, stream), c3h = c3l;
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            int k0 = roundKey0[r], k1 = roundKey1[r];
            LongVector p0l = c0l.and(LOW32).mul(m0), p1l = c2l.and(LOW32).mul(m1);
            LongVector p0h = c0h.and(LOW32).mul(m0), p1h = c2h.and(LOW32).mul(m1);
            c0l = p1l.lanewise(LSHR, 32).lanewise(XOR, c1l).lanewise(XOR, k0);
            c0h = p1h.lanewise(LSHR, 32).lanewise(XOR, c1h).lanewise(XOR, k0);
            c2l = p0l.lanewise(LSHR, 32).lanewise(XOR, c3l).lanewise(XOR, k1);
            c2h = p0h.lanewise(LSHR, 32).lanewise(XOR, c3h).lanewise(XOR, k1);
            c1l = p1l;
            c1h = p1h;
            c3l = p0l;
            c3h = p0h;
        }
        c0l.reinterpretAsInts().blend(c0h.lanewise(LSHL, 32).reinterpretAsInts(), HIGH_HALVES).intoArray(w, 0);
        c1l.reinterpretAsInts().blend(c1h.lanewise(LSHL, 32).reinterpretAsInts(), HIGH_HALVES).intoArray(w, LANES);
        c3l.reinterpretAsInts().blend(c3h.lanewise(LSHL, 32).reinterpretAsInts(), HIGH_HALVES).intoArray(w, 2 * LANES);
    }

    /** Rademacher: ±1.0f, the sign bit of the word on the bits of 1.0f. */
    private static void signs(int[] w, float[] zh, int atH, float[] zg, int atG) {
        IntVector.fromArray(IS, w, 0).and(0x80000000).or(0x3F800000).reinterpretAsFloats().intoArray(zh, atH);
        IntVector.fromArray(IS, w, LANES).and(0x80000000).or(0x3F800000).reinterpretAsFloats().intoArray(zg, atG);
    }

    /** Gaussian.pair(uniform24(w0), uniform24(w1)) lane by lane. */
    private static void boxMuller(int[] w, float[] zh, int atH, float[] zg, int atG) {
        // uniform24: ((w >>> 9) + 0.5f)·2⁻²³, the int → float conversion exact
        FloatVector u1 = ((FloatVector) IntVector.fromArray(IS, w, 0).lanewise(LSHR, 9)
            .convert(VectorOperators.I2F, 0)).add(0.5f).mul(0x1.0p-23f);
        FloatVector u2 = ((FloatVector) IntVector.fromArray(IS, w, LANES).lanewise(LSHR, 9)
            .convert(VectorOperators.I2F, 0)).add(0.5f).mul(0x1.0p-23f);

        // r = sqrt(−2 ln u1), ln as Gaussian.log(float)
        IntVector bits = u1.reinterpretAsInts();
        IntVector e = bits.lanewise(LSHR, 23).and(0xFF).sub(127);
        IntVector mBits = bits.and(0x007FFFFF).or(0x3F800000);
        // m > √2, compared as ints (positive floats order like their bits)
        VectorMask<Integer> big = mBits.compare(VectorOperators.GT, SQRT2_BITS);
        mBits = mBits.sub(0x00800000, big);                                      // m·0.5, exact
        e = e.add(1, big);
        FloatVector f = mBits.reinterpretAsFloats().sub(1.0f);
        FloatVector s = f.div(f.add(2.0f));
        FloatVector s2 = s.mul(s);
        FloatVector p = FloatVector.broadcast(FS, L0).lanewise(FMA, s2, L1).lanewise(FMA, s2, L2)
            .lanewise(FMA, s2, L3).lanewise(FMA, s2, L4).lanewise(FMA, s2, 1.0f);
        FloatVector ln = ((FloatVector) e.convert(VectorOperators.I2F, 0))
            .lanewise(FMA, Gaussian.LN2_F, s.mul(2.0f).mul(p));
        FloatVector radius = ln.mul(-2.0f).sqrt();

        // angle 2πu2 = qπ/2 + a
        FloatVector shifted = u2.mul(4.0f).add(RINT_MAGIC);
        IntVector quadrant = shifted.reinterpretAsInts();                        // low bits hold q = rint(4·u2)
        FloatVector q = shifted.sub(RINT_MAGIC);
        FloatVector a = u2.sub(q.mul(0.25f)).mul(Gaussian.TWO_PI_F);
        FloatVector a2 = a.mul(a);
        FloatVector sp = FloatVector.broadcast(FS, S0).lanewise(FMA, a2, S1).lanewise(FMA, a2, S2)
            .lanewise(FMA, a2, S3).lanewise(FMA, a2, S4);
        FloatVector sin = sp.mul(a2).fma(a, a);
        FloatVector cos = FloatVector.broadcast(FS, C0).lanewise(FMA, a2, C1).lanewise(FMA, a2, C2)
            .lanewise(FMA, a2, C3).lanewise(FMA, a2, C4).lanewise(FMA, a2, C5).lanewise(FMA, a2, 1.0f);

        // quadrant q & 3: odd → swap sin and cos; cos negative for 1, 2; sin negative for 2, 3.
        VectorMask<Integer> swap = quadrant.and(1).compare(VectorOperators.NE, 0);
        IntVector sinBits = sin.reinterpretAsInts(), cosBits = cos.reinterpretAsInts();
        IntVector cosT = cosBits.blend(sinBits, swap).lanewise(XOR, quadrant.add(1).and(2).lanewise(LSHL, 30));
        IntVector sinT = sinBits.blend(cosBits, swap).lanewise(XOR, quadrant.and(2).lanewise(LSHL, 30));
        radius.mul(cosT.reinterpretAsFloats()).intoArray(zh, atH);
        radius.mul(sinT.reinterpretAsFloats()).intoArray(zg, atG);
    }
}
