package org.sgdbench.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/**
 * Contract of every {@link NoiseFiller} (EJML style): subclass once per implementation and implement
 * {@link #create}. Every entry m·N + w of a fill must be bit-identical to the reference rule of
 * {@link StreamLayout} (scalar {@link Philox4x32} block (w, step, m, SGD_NOISE), uniform24 / uniform53,
 * {@link Gaussian#pair} or the signs), at any thread count, on sizes that leave vector tails and span several
 * parallel blocks.
 */
public abstract class NoiseFillerContract {
    private static final long SEED = 0xC0FFEE_0000_5EEDL;
    private static final int MULTI_BLOCK = 2 * AbstractSgdEnsemble.BLOCK + 5;

    /** The filler under test, for {@code precision}, on {@code threads} threads. */
    protected abstract NoiseFiller create(QuadraticModes spec, Precision precision, long seed, int threads);

    private static QuadraticModes spec(int walkers, NoiseLaw law) {
        return spec(walkers, NoiseLaws.both(law));
    }

    private static QuadraticModes spec(int walkers, NoiseLaws law) {
        Mode md = Mode.of(1, 0.5, 1);
        return new QuadraticModes(List.of(md, md, md), law, 0.1, 10, walkers, 0, 1);
    }

    static List<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (int n : new int[] {1, 7, 17, 1025, MULTI_BLOCK})
            for (Precision p : Precision.values())
                for (NoiseLaws law : LAWS)
                    for (int threads : new int[] {1, 3}) list.add(Arguments.of(n, p, law, threads));
        return list;
    }

    @ParameterizedTest(name = "N={0} {1} {2} threads={3}")
    @MethodSource("cases")
    void everyEntryIsBitIdenticalToTheStreamLayoutReference(int walkers, Precision precision, NoiseLaws law,
                                                           int threads) {
        QuadraticModes s = spec(walkers, law);
        int size = walkers * s.modeCount();
        // steps 0, an ordinary one and one past 2³¹ (the step index is unsigned)
        for (int step : new int[] {0, 11, 0x8000_0003}) {
            try (NoiseFiller f = create(s, precision, SEED, threads)) {
                if (precision == Precision.F32) {
                    float[] zh = new float[size], zg = new float[size];
                    f.fill(step, zh, zg);
                    assertF32(s, step, zh, zg);
                } else {
                    double[] zh = new double[size], zg = new double[size];
                    f.fill(step, zh, zg);
                    assertF64(s, step, zh, zg);
                }
            }
        }
    }

    @Test
    void writesNothingPastModesTimesWalkers() {
        QuadraticModes s = spec(17, NoiseLaw.GAUSSIAN);
        int size = 17 * s.modeCount(), extra = 40;
        for (Precision precision : Precision.values()) {
            try (NoiseFiller f = create(s, precision, SEED, 1)) {
                if (precision == Precision.F32) {
                    float[] zh = new float[size + extra], zg = new float[size + extra];
                    Arrays.fill(zh, Float.NaN);
                    Arrays.fill(zg, Float.NaN);
                    f.fill(3, zh, zg);
                    for (int i = 0; i < size + extra; i++) {
                        assertThat(Float.isNaN(zh[i])).as("zh[%d]", i).isEqualTo(i >= size);
                        assertThat(Float.isNaN(zg[i])).as("zg[%d]", i).isEqualTo(i >= size);
                    }
                } else {
                    double[] zh = new double[size + extra], zg = new double[size + extra];
                    Arrays.fill(zh, Double.NaN);
                    Arrays.fill(zg, Double.NaN);
                    f.fill(3, zh, zg);
                    for (int i = 0; i < size + extra; i++) {
                        assertThat(Double.isNaN(zh[i])).as("zh[%d]", i).isEqualTo(i >= size);
                        assertThat(Double.isNaN(zg[i])).as("zg[%d]", i).isEqualTo(i >= size);
                    }
                }
            }
        }
    }

    @Test
    void refillingTheSameStepIsDeterministicAndDifferentStepsDiffer() {
        QuadraticModes s = spec(MULTI_BLOCK, NoiseLaw.GAUSSIAN);
        int size = MULTI_BLOCK * s.modeCount();
        float[] a = new float[size], b = new float[size], c = new float[size], g = new float[size];
        try (NoiseFiller f = create(s, Precision.F32, SEED, 3)) {
            f.fill(4, a, g);
            f.fill(5, c, g);
            f.fill(4, b, g);
        }
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void hasAName() {
        try (NoiseFiller f = create(spec(1, NoiseLaw.GAUSSIAN), Precision.F32, SEED, 1)) {
            assertThat(f.name()).isNotBlank();
        }
    }

    private static void assertF32(QuadraticModes s, int step, float[] zh, float[] zg) {
        int n = s.walkers(), k0 = StreamLayout.key0(SEED), k1 = StreamLayout.key1(SEED);
        int[] w = new int[4];
        float[] z = new float[2];
        for (int m = 0; m < s.modeCount(); m++) {
            for (int i = 0; i < n; i++) {
                Philox4x32.block(i, step, m, StreamLayout.SGD_NOISE, k0, k1, w);
                NoiseLaws laws = s.noise();
                if (laws.equals(NoiseLaws.both(NoiseLaw.GAUSSIAN))) {
                    Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
                } else if (laws.equals(NoiseLaws.both(NoiseLaw.RADEMACHER))) {
                    z[0] = StreamLayout.signF(w[0]);
                    z[1] = StreamLayout.signF(w[1]);
                } else {
                    // mixed pair: Box–Muller component on a Gaussian axis, −1 iff bit 0 of w3 on a Rademacher one
                    Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
                    float sign = (w[3] & 1) == 1 ? -1f : 1f;
                    z[0] = mixedAxis(laws.hessian(), z[0], sign);
                    z[1] = mixedAxis(laws.gradient(), z[1], sign);
                }
                int at = m * n + i;
                if (Float.floatToRawIntBits(zh[at]) != Float.floatToRawIntBits(z[0])
                    || Float.floatToRawIntBits(zg[at]) != Float.floatToRawIntBits(z[1]))
                    fail("step %d mode %d walker %d: (%s, %s) instead of (%s, %s)", Integer.toUnsignedLong(step), m,
                        i, zh[at], zg[at], z[0], z[1]);
            }
        }
    }

    private static void assertF64(QuadraticModes s, int step, double[] zh, double[] zg) {
        int n = s.walkers(), k0 = StreamLayout.key0(SEED), k1 = StreamLayout.key1(SEED);
        int[] w = new int[4];
        double[] z = new double[2];
        for (int m = 0; m < s.modeCount(); m++) {
            for (int i = 0; i < n; i++) {
                Philox4x32.block(i, step, m, StreamLayout.SGD_NOISE, k0, k1, w);
                NoiseLaws laws = s.noise();
                if (laws.equals(NoiseLaws.both(NoiseLaw.GAUSSIAN))) {
                    Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
                } else if (laws.equals(NoiseLaws.both(NoiseLaw.RADEMACHER))) {
                    z[0] = StreamLayout.sign(w[0]);
                    z[1] = StreamLayout.sign(w[1]);
                } else {
                    Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
                    double sign = (w[3] & 1) == 1 ? -1.0 : 1.0;
                    z[0] = mixedAxis(laws.hessian(), z[0], sign);
                    z[1] = mixedAxis(laws.gradient(), z[1], sign);
                }
                int at = m * n + i;
                if (Double.doubleToRawLongBits(zh[at]) != Double.doubleToRawLongBits(z[0])
                    || Double.doubleToRawLongBits(zg[at]) != Double.doubleToRawLongBits(z[1]))
                    fail("step %d mode %d walker %d: (%s, %s) instead of (%s, %s)", Integer.toUnsignedLong(step), m,
                        i, zh[at], zg[at], z[0], z[1]);
            }
        }
    }

    /** Every one-law pair and the mixed pairs, NONE included. */
    private static final List<NoiseLaws> LAWS = List.of(NoiseLaws.both(NoiseLaw.GAUSSIAN), NoiseLaws.both(NoiseLaw.RADEMACHER),
        new NoiseLaws(NoiseLaw.GAUSSIAN, NoiseLaw.RADEMACHER), new NoiseLaws(NoiseLaw.RADEMACHER, NoiseLaw.GAUSSIAN),
        new NoiseLaws(NoiseLaw.NONE, NoiseLaw.GAUSSIAN), new NoiseLaws(NoiseLaw.RADEMACHER, NoiseLaw.NONE),
        NoiseLaws.both(NoiseLaw.NONE));

    private static double mixedAxis(NoiseLaw law, double gaussian, double sign) {
        return law == NoiseLaw.GAUSSIAN ? gaussian : law == NoiseLaw.RADEMACHER ? sign : 0;
    }

    private static float mixedAxis(NoiseLaw law, float gaussian, float sign) {
        return law == NoiseLaw.GAUSSIAN ? gaussian : law == NoiseLaw.RADEMACHER ? sign : 0f;
    }
}
