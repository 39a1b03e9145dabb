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
 * SGD ensemble in double precision on the Vector API, bit-identical to
 * {@link org.sgdbench.kernel.scalar.ScalarSgdEnsembleF64}.
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
 */
public final class SimdSgdEnsembleF64 extends AbstractSgdEnsemble {
    private static final VectorSpecies<Double> DS = SimdLanes.DOUBLE;
    private static final VectorSpecies<Long> LS = SimdLanes.LONG;
    private static final int LANES = DS.length();
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

    private final double[] x, prev;
    private final boolean gaussian;
    /** Philox round keys, zero-extended: (k0 + r·W0, k1 + r·W1), r = 0 … 9. */
    private final long[] roundKey0 = new long[Philox4x32.ROUNDS], roundKey1 = new long[Philox4x32.ROUNDS];

    public SimdSgdEnsembleF64(QuadraticModes spec, long seed, KernelOptions options) {
        super(spec, seed, options);
        SimdLanes.require();
        this.x = new double[walkers * modes];
        this.prev = new double[walkers * modes];
        this.gaussian = spec.noise() == NoiseLaw.GAUSSIAN;
        for (int r = 0; r < Philox4x32.ROUNDS; r++) {
            roundKey0[r] = (key0 + r * Philox4x32.W0) & LOW32;
            roundKey1[r] = (key1 + r * Philox4x32.W1) & LOW32;
        }
    }

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Precision precision() { return Precision.F64; }

    @Override
    public String device() { return "SIMD " + DS.vectorBitSize() + "-bit (" + LANES + "×f64)"; }

    @Override
    protected void initialise(int from, int to) {
        double[] z = new double[2 * LANES];
        long[] w = new long[4 * LANES];
        double mean = spec.initMean(), spread = spec.initSpread();
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < to; i += LANES) {
                noise(true, i, 0, m, StreamLayout.INITIAL, w, z);
                DoubleVector x0 = DoubleVector.fromArray(DS, z, 0).fma(spread, mean);
                if (i + LANES <= to) {
                    x0.intoArray(x, base + i);
                    x0.intoArray(prev, base + i);
                } else {
                    VectorMask<Double> live = DS.indexInRange(i, to);
                    x0.intoArray(x, base + i, live);
                    x0.intoArray(prev, base + i, live);
                }
            }
        }
    }

    @Override
    protected void advanceBlock(int from, int to, int first, int steps) {
        double[] z = new double[2 * LANES];
        long[] w = new long[4 * LANES];
        int full = from + DS.loopBound(to - from);
        for (int m = 0; m < modes; m++) {
            for (int i = from; i < full; i += LANES) advanceChunk(m, i, to, first, steps, w, z);
            if (full < to) advanceChunk(m, full, to, first, steps, w, z);
        }
    }

    /** Walkers i … i+L−1 of mode m (those below {@code to}) through the steps; x stays in a register. */
    private void advanceChunk(int m, int i, int to, int first, int steps, long[] w, double[] z) {
        int at = m * walkers + i;
        boolean whole = i + LANES <= to;
        VectorMask<Double> live = whole ? null : DS.indexInRange(i, to);
        DoubleVector xv = whole ? DoubleVector.fromArray(DS, x, at) : DoubleVector.fromArray(DS, x, at, live);
        DoubleVector before = xv;
        double lam = lambda[m], sh = sigmaH[m], sg = sigmaG[m];
        DoubleVector minusEta = DoubleVector.broadcast(DS, -spec.eta());
        for (int t = first, end = first + steps; t != end; t++) {
            noise(gaussian, i, t, m, StreamLayout.SGD_NOISE, w, z);
            DoubleVector h = DoubleVector.fromArray(DS, z, 0).fma(sh, lam);     // fma(σh, zh, λ)
            DoubleVector g = DoubleVector.fromArray(DS, z, LANES).mul(sg);      // σg · zg
            before = xv;
            xv = h.fma(xv, g).fma(minusEta, xv);                                // fma(−η, fma(h, x, g), x)
        }
        if (whole) {
            xv.intoArray(x, at);
            before.intoArray(prev, at);
        } else {
            xv.intoArray(x, at, live);
            before.intoArray(prev, at, live);
        }
    }

    /**
     * The noise (z_h, z_g) of block (walker i + lane, step, mode, stream) for every lane, into z[0, L) and
     * z[L, 2L): Box–Muller of uniform53(w0, w1), uniform53(w2, w3), or the signs of w0, w1. Stages pass their
     * vectors through small L1-resident scratch arrays: a vector returned from a method that is not inlined is
     * boxed, and one method holding Philox and Box–Muller exceeds C2's inlining node budget.
     */
    private void noise(boolean gaussianLaw, int i, int step, int mode, int stream, long[] w, double[] z) {
        philox(i, step, mode, stream, w);
        if (gaussianLaw) boxMuller(w, z);
        else signs(w, z);
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
    private static void signs(long[] w, double[] z) {
        long one = Double.doubleToRawLongBits(1.0);
        LongVector.fromArray(LS, w, 0).and(0x80000000L).lanewise(LSHL, 32).or(one).reinterpretAsDoubles()
            .intoArray(z, 0);
        LongVector.fromArray(LS, w, LANES).and(0x80000000L).lanewise(LSHL, 32).or(one).reinterpretAsDoubles()
            .intoArray(z, LANES);
    }

    /** Gaussian.pair(uniform53(w0, w1), uniform53(w2, w3)) lane by lane. */
    private static void boxMuller(long[] w, double[] z) {
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
        radius.mul(cosT.reinterpretAsDoubles()).intoArray(z, 0);
        radius.mul(sinT.reinterpretAsDoubles()).intoArray(z, LANES);
    }

    /** StreamLayout.uniform53 lane by lane: (((w0 << 20) | (w1 >>> 12)) + 0.5)·2⁻⁵², the conversion exact. */
    private static DoubleVector uniform53(LongVector w0, LongVector w1) {
        LongVector k = w0.lanewise(LSHL, 20).or(w1.lanewise(LSHR, 12));     // < 2⁵²
        return k.or(TWO52_BITS).reinterpretAsDoubles().sub(0x1.0p52).add(0.5).mul(0x1.0p-52);
    }

    @Override
    public void readState(int mode, double[] xOut, double[] prevOut) {
        System.arraycopy(x, mode * walkers, xOut, 0, walkers);
        System.arraycopy(prev, mode * walkers, prevOut, 0, walkers);
    }
}
