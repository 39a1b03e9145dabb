package org.sgdbench.kernel.scalar;

import org.sgdbench.kernel.AbstractSgdEnsemble;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;

/**
 * {@link NoiseFiller} with the scalar Philox4x32-10 and the portable Box–Muller of {@link Gaussian}: the exact
 * numbers of the scalar reference kernels. Walkers are split into the fixed blocks of {@link ParallelBlocks}
 * ({@link AbstractSgdEnsemble#BLOCK} walkers), so the output does not depend on the thread count.
 */
public final class ScalarNoiseFiller implements NoiseFiller {
    private final int walkers, modes, key0, key1;
    private final boolean gaussian, mixed;
    private final NoiseLaw hLaw, gLaw;
    private final ParallelBlocks blocks;

    public ScalarNoiseFiller(QuadraticModes spec, long seed, int threads) {
        this.walkers = spec.walkers();
        this.modes = spec.modeCount();
        this.key0 = StreamLayout.key0(seed);
        this.key1 = StreamLayout.key1(seed);
        this.gaussian = spec.noise().anyGaussian();
        this.mixed = spec.noise().mixed();
        this.hLaw = spec.noise().hessian();
        this.gLaw = spec.noise().gradient();
        this.blocks = new ParallelBlocks(threads, AbstractSgdEnsemble.BLOCK);
    }

    @Override
    public String name() { return "scalar Philox4x32-10"; }

    @Override
    public void fill(int step, float[] zh, float[] zg) {
        blocks.forEach(walkers, (from, to) -> fillBlock(step, from, to, zh, zg));
    }

    @Override
    public void fill(int step, double[] zh, double[] zg) {
        blocks.forEach(walkers, (from, to) -> fillBlock(step, from, to, zh, zg));
    }

    private void fillBlock(int step, int from, int to, float[] zh, float[] zg) {
        int[] w = new int[4];
        float[] z = new float[2];
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < to; i++) {
                Philox4x32.block(i, step, m, StreamLayout.SGD_NOISE, key0, key1, w);
                if (mixed) {
                    if (gaussian) Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
                    float r = StreamLayout.mixedSignF(w[3]);
                    zh[base + i] = hLaw == NoiseLaw.GAUSSIAN ? z[0] : hLaw == NoiseLaw.RADEMACHER ? r : 0f;
                    zg[base + i] = gLaw == NoiseLaw.GAUSSIAN ? z[1] : gLaw == NoiseLaw.RADEMACHER ? r : 0f;
                } else if (gaussian) {
                    Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
                    zh[base + i] = z[0];
                    zg[base + i] = z[1];
                } else {
                    zh[base + i] = StreamLayout.signF(w[0]);
                    zg[base + i] = StreamLayout.signF(w[1]);
                }
            }
        }
    }

    private void fillBlock(int step, int from, int to, double[] zh, double[] zg) {
        int[] w = new int[4];
        double[] z = new double[2];
        for (int m = 0; m < modes; m++) {
            int base = m * walkers;
            for (int i = from; i < to; i++) {
                Philox4x32.block(i, step, m, StreamLayout.SGD_NOISE, key0, key1, w);
                if (mixed) {
                    if (gaussian) Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
                    double r = StreamLayout.mixedSign(w[3]);
                    zh[base + i] = hLaw == NoiseLaw.GAUSSIAN ? z[0] : hLaw == NoiseLaw.RADEMACHER ? r : 0;
                    zg[base + i] = gLaw == NoiseLaw.GAUSSIAN ? z[1] : gLaw == NoiseLaw.RADEMACHER ? r : 0;
                } else if (gaussian) {
                    Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
                    zh[base + i] = z[0];
                    zg[base + i] = z[1];
                } else {
                    zh[base + i] = StreamLayout.sign(w[0]);
                    zg[base + i] = StreamLayout.sign(w[1]);
                }
            }
        }
    }

    /** Initial positions x0[m·N + w] = initMean + initSpread·z_h of block (w, 0, m, INITIAL), F32. */
    public static void initial(QuadraticModes spec, long seed, float[] x0) {
        int n = spec.walkers(), k0 = StreamLayout.key0(seed), k1 = StreamLayout.key1(seed);
        int[] w = new int[4];
        float[] z = new float[2];
        float mean = (float) spec.initMean(), spread = (float) spec.initSpread();
        for (int m = 0; m < spec.modeCount(); m++) {
            for (int i = 0; i < n; i++) {
                Philox4x32.block(i, 0, m, StreamLayout.INITIAL, k0, k1, w);
                Gaussian.pair(StreamLayout.uniform24(w[0]), StreamLayout.uniform24(w[1]), z);
                x0[m * n + i] = Math.fma(spread, z[0], mean);
            }
        }
    }

    /** Initial positions, F64 (same streams, 53-bit uniforms). */
    public static void initial(QuadraticModes spec, long seed, double[] x0) {
        int n = spec.walkers(), k0 = StreamLayout.key0(seed), k1 = StreamLayout.key1(seed);
        int[] w = new int[4];
        double[] z = new double[2];
        double mean = spec.initMean(), spread = spec.initSpread();
        for (int m = 0; m < spec.modeCount(); m++) {
            for (int i = 0; i < n; i++) {
                Philox4x32.block(i, 0, m, StreamLayout.INITIAL, k0, k1, w);
                Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
                x0[m * n + i] = Math.fma(spread, z[0], mean);
            }
        }
    }

    @Override
    public void close() { blocks.close(); }
}
