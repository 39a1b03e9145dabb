package org.sgdbench.kernel.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.scalar.ScalarNoiseFiller;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * SGD ensemble on ND4J, F32 or F64: the whole ensemble is one {@code [modes, N]} INDArray (c order, so row m,
 * walker w sits at m·N + w, the layout of the noise), and a step is a handful of whole-array in-place ops that
 * batch every walker and mode:
 * <pre>
 *   (zh, zg) ← noise of step t            Java side ({@link NoiseFiller}), then one bulk copy into ND4J memory
 *   zh ← zh ·col σ_h ;  zh ← zh +col λ     h: per-mode σ_h, λ (·col, +col: per mode, see below)
 *   zh ← zh · x                             h x
 *   zg ← zg ·col σ_g                        g
 *   zh ← zh + zg                            h x + g
 *   prev ← x                                (last step of a call only)
 *   x ← −η · zh + x                         ND4J's Axpy transform
 * </pre>
 * Every array (state, prev, noise, per-mode parameters, host noise arrays) and every op descriptor is created
 * once in the constructor and re-executed each step: a step creates no INDArray, so a workspace would have
 * nothing to recycle and none is used. Re-using the op objects (rather than calling {@code zh.muliColumnVector}
 * and friends, which build a new op and re-derive its shapes on every call) matters at small N, where ND4J's
 * per-op overhead, tens of microseconds, dominates; at large N the ops are memory-bound passes.
 *
 * <p>Per-mode ops (·col, +col). With N ≥ {@link #PER_MODE_OPS_MIN_WALKERS} they are one scalar op per mode on
 * that mode's row (a contiguous view); below, one broadcast op along dimension 0 with a [modes] vector. Both
 * do the same single multiply or add per element (bit-identical results). Why: libnd4j 1.0.0-M2.1's broadcast
 * along dimension 0 of a c-order [modes, N] array is several times slower per element than a scalar op on a
 * contiguous row. Measured (throwaway timing, F32, 1 op thread, values kept normal): [4, 2²⁰]: broadcast add
 * 6.2 ms vs four row adds 1.4 ms, broadcast multiply 5.6 ms vs 1.3 ms; [64, 1024]: 392 µs vs 48 µs; but
 * [64, 64]: 24 µs vs 88 µs, where the row ops' per-op overhead (~1–3 µs each) dominates.
 *
 * <p>Rounding. ND4J has no fused multiply-add op: h = σ_h z_h + λ, h x + g and x − η(·) are each a multiply
 * and an add, two roundings where the reference {@code fma} has one: three extra roundings per step. Each adds
 * at most ε = ulp(1) (2⁻²³ in F32, 2⁻⁵² in F64) times a quantity of size ≲ 1 + |x| for the contract's spec, and
 * an error carried from earlier steps is multiplied by 1 − ηh, which contracts on average (|1 − ηh| ≤ 1 for
 * all but a few walkers with h < 0). After T steps |x − x_ref| / (1 + |x_ref|) ≲ 3·T·ε, i.e. 60ε after the
 * contract's 20 steps; the tolerance is 64ε ({@link #TOLERANCE_F32}, {@link #TOLERANCE_F64}). Measured worst
 * case over N = 1, 7, 1025, 100 000 walkers, both noise laws, 20 steps: 1.6ε (F32), 2.3ε (F64): the rounding
 * errors are random and damped, so the bound is far from tight.
 *
 * <p>Noise: {@link #fastestNoise} picks the SIMD backend's generator when the Vector API is usable (the scalar
 * one otherwise); both give the reference's exact numbers, so the choice changes speed only. At large N the
 * scalar generator took most of a step; with the SIMD one the ND4J ops dominate.
 *
 * <p>Threads. With one thread, or too few walkers for two blocks of {@link #MIN_BLOCK_WALKERS}, the ensemble is one
 * block and ND4J's (global) op threads are set to min({@code options.threads()}, ND4J's maxThreads) at every
 * {@link #advance} (see {@link Nd4jRuntime}). With T ≥ 2 threads the walkers are split into T consecutive blocks,
 * each with its own [modes, N/T] arrays and ops, and a step runs each block on its own Java thread (a
 * {@link ParallelBlocks} pool) with single-threaded ops: op threads 1, so no OpenMP parallel region at all. The
 * noise filler keeps {@code options.threads()} threads on its own pool and fills the whole step first. Why: with
 * OpenMP op threads a step was the noise fill followed by about a dozen parallel regions, one per op, so the noise
 * pool and the OpenMP workers took turns 16 times per operation, and the two-thread row did not gain. Measured
 * before the blocks (2 cores shared with other work, 65536 walkers × 4 modes, F32, JMH ops/s at 1 → 2 threads):
 * 85 → 5.2 with OMP_WAIT_POLICY unset (idle workers spin), 80 → 62 with PASSIVE (the launcher's default), 85 → 76
 * with OMP_NUM_THREADS=1; on a quieter machine (native C and scalar Java both 1.9×) still 0.57×. The test-scope
 * {@code Nd4jStepPartsHarness} times the step's parts apart (noise, copy, ops on OpenMP threads, ops on walker
 * blocks) at 1 and 2 threads.
 * Element-wise ops have no reductions and the filler's blocks do not depend on the thread count, so the results
 * are bit-identical at any thread count and any split into walker blocks (each element sees the same operations).
 */
public final class Nd4jSgdEnsemble implements SgdEnsembleKernel {
    /** Max |x − x_ref| / (1 + |x_ref|) against the scalar reference after 20 steps (see class comment). */
    public static final double TOLERANCE_F32 = 64 * 0x1.0p-23;
    public static final double TOLERANCE_F64 = 64 * 0x1.0p-52;
    /** From this many walkers (of a block) on, the per-mode ops are scalar ops on row views (see class comment). */
    public static final int PER_MODE_OPS_MIN_WALKERS = 1024;
    /**
     * Smallest walker block given its own Java thread: below, a step's ops are a few microseconds and ND4J's
     * per-op overhead would dominate, so the ensemble stays one block (see class comment).
     */
    public static final int MIN_BLOCK_WALKERS = 8192;

    private final QuadraticModes spec;
    private final Precision precision;
    private final long seed;
    private final int threads, walkers, modes;
    private final NoiseFiller noise;
    /** The ensemble's walkers in consecutive blocks of {@link #blockWalkers} (the last may be shorter). */
    private final Block[] blocks;
    private final int blockWalkers;
    /** One Java thread per block when there are several, else null (the caller's thread, OpenMP op threads). */
    private final ParallelBlocks blockThreads;
    private final ParallelBlocks.Body stepBlock = this::stepBlock;
    /** [modes] per-mode parameters in the kernel's precision, broadcast along dimension 0 (read-only, shared). */
    private final INDArray lambda, sigmaH, sigmaG;
    /** Host-side noise, mode-major over all walkers (one of each pair is null). */
    private final float[] zhHostF, zgHostF;
    private final double[] zhHostD, zgHostD;
    /** Whether the step in progress is the last of its call (read by the block threads, published by the submit). */
    private boolean lastStep;
    private long stepsDone;
    private boolean closed;

    /** With the fastest noise generator of this JVM ({@link #fastestNoise}). */
    public Nd4jSgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        this(spec, precision, seed, options, fastestNoise(spec, precision, seed, options));
    }

    /**
     * The noise generator ND4J kernels use: the SIMD backend's ({@code kernel/simd}, vector Philox and Box–Muller)
     * when that backend is available, else the scalar one. Both are bit-identical; {@link #device()} names the
     * one in use, and {@link Nd4jProvider#environment()} why.
     */
    public static NoiseFiller fastestNoise(QuadraticModes spec, Precision precision, long seed,
                                           KernelOptions options) {
        Check.notNull("spec", spec);
        Check.notNull("precision", precision);
        Check.notNull("options", options);
        return Backend.SIMD.provider().flatMap(p -> p.noiseFiller(spec, precision, seed, options))
            .or(() -> Backend.SCALAR.require().noiseFiller(spec, precision, seed, options))
            .orElseThrow(() -> new IllegalStateException("the scalar backend offers no noise filler"));
    }

    /** With a given noise generator, which this kernel closes. */
    public Nd4jSgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options, NoiseFiller noise) {
        this.spec = Check.notNull("spec", spec);
        this.precision = Check.notNull("precision", precision);
        this.noise = Check.notNull("noise", noise);
        this.seed = seed;
        this.threads = Check.notNull("options", options).threads();
        this.walkers = spec.walkers();
        this.modes = spec.modeCount();
        if ((long) walkers * modes > Integer.MAX_VALUE - 8) {
            noise.close(); // ours to close, and no kernel will exist to do it
            throw new InvalidSpecException("walkers", walkers, "[1, " + (Integer.MAX_VALUE - 8) / modes + "] for "
                + modes + " modes (host noise arrays are indexed by int)");
        }
        DataType type = Nd4jRuntime.dataType(precision);
        double[] lam = new double[modes], sh = new double[modes], sg = new double[modes];
        for (int m = 0; m < modes; m++) {
            lam[m] = spec.mode(m).lambda();
            sh[m] = spec.mode(m).sigmaH();
            sg[m] = spec.mode(m).sigmaG();
        }
        lambda = column(lam, type);
        sigmaH = column(sh, type);
        sigmaG = column(sg, type);
        int count = blockCount(walkers, threads);
        blockWalkers = (walkers + count - 1) / count;
        blocks = new Block[count];
        for (int b = 0; b < count; b++) {
            int from = b * blockWalkers;
            blocks[b] = new Block(from, Math.min(walkers, from + blockWalkers) - from, type, lam, sh, sg);
        }
        blockThreads = count > 1 ? new ParallelBlocks(count, blockWalkers) : null;
        int size = walkers * modes;
        if (precision == Precision.F64) {
            zhHostD = new double[size];
            zgHostD = new double[size];
            zhHostF = zgHostF = null;
        } else {
            zhHostF = new float[size];
            zgHostF = new float[size];
            zhHostD = zgHostD = null;
        }
    }

    /**
     * How many walker blocks (one Java thread each) a kernel of {@code threads} threads uses for {@code walkers}
     * walkers: {@code threads}, but no block under {@link #MIN_BLOCK_WALKERS} walkers, and at least one.
     */
    static int blockCount(int walkers, int threads) {
        return Math.max(1, Math.min(threads, walkers / MIN_BLOCK_WALKERS));
    }

    /** A parameter in the kernel's precision: F32 rounds it to float once, as the reference. */
    private Number inPrecision(double v) {
        return precision == Precision.F64 ? (Number) v : (Number) (float) v;
    }

    /** A [modes] vector in the kernel's type; F32 rounds each parameter to float once, as the reference. */
    private static INDArray column(double[] v, DataType type) {
        if (type == DataType.DOUBLE) return Nd4j.createFromArray(v);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Nd4j.createFromArray(f);
    }

    @Override
    public Backend backend() { return Backend.ND4J; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public QuadraticModes spec() { return spec; }

    @Override
    public String device() {
        // The run's label comes from a small preflight ensemble, so a one-block ensemble on several threads states the
        // rule for larger ones too: the benchmark's sizes (65536 walkers and up) run as walker blocks.
        int split = blockCount(Integer.MAX_VALUE, threads);
        String ops = blocks.length > 1
            ? blocks.length + " walker blocks on " + blocks.length + " Java threads, single-threaded ops"
            : split > 1
            ? Nd4jRuntime.effectiveThreads(threads) + " op threads below " + split * MIN_BLOCK_WALKERS + " walkers, else "
                + split + " walker blocks on " + split + " Java threads, single-threaded ops"
            : Nd4jRuntime.effectiveThreads(threads) + " op threads";
        return "ND4J CPU " + Nd4j.factory().blas().getBlasVendor() + ", " + ops + " (OpenMP wait "
            + Nd4jRuntime.ompWaitPolicy() + "), noise: " + noise.name() + " on " + threads
            + (threads == 1 ? " Java thread" : " Java threads");
    }

    @Override
    public int threads() { return threads; }

    @Override
    public long stepsDone() { return stepsDone; }

    @Override
    public void reset() {
        ensureOpen();
        // Not timed: initial positions from the INITIAL stream, via the host arrays.
        if (precision == Precision.F64) ScalarNoiseFiller.initial(spec, seed, zhHostD);
        else ScalarNoiseFiller.initial(spec, seed, zhHostF);
        for (Block b : blocks) b.loadInitial();
        stepsDone = 0;
    }

    @Override
    public void advance(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        if (stepsDone + steps > 0xFFFFFFFFL)
            throw new IllegalStateException("step counter would exceed the 32-bit Philox step index");
        ensureOpen();
        // several blocks: each op runs on its block's Java thread alone (no OpenMP region per op, see class comment)
        Nd4jRuntime.applyThreads(blocks.length == 1 ? threads : 1);
        int first = (int) stepsDone;
        for (int s = 0; s < steps; s++) step(first + s, s == steps - 1);
        stepsDone += steps;
    }

    private void step(int t, boolean last) {
        if (precision == Precision.F64) noise.fill(t, zhHostD, zgHostD);
        else noise.fill(t, zhHostF, zgHostF);
        if (blockThreads == null) {
            blocks[0].step(last);
        } else {
            lastStep = last;
            blockThreads.forEach(walkers, stepBlock);
        }
    }

    private void stepBlock(int from, int to) { blocks[from / blockWalkers].step(lastStep); }

    @Override
    public void readState(int mode, double[] xOut, double[] prevOut) {
        Check.inRange("mode", mode, 0, modes - 1);
        ensureOpen();
        for (Block b : blocks) b.read(mode, xOut, prevOut);
    }

    /** The NIO views point into native memory that close() frees: never touch them afterwards. */
    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel is closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (blockThreads != null) blockThreads.close();
        noise.close();
        for (Block b : blocks) b.close();
        for (INDArray a : new INDArray[] {lambda, sigmaH, sigmaG}) a.close();
    }

    /**
     * Walkers [from, from + len) of every mode: their own [modes, len] state, previous state and noise/scratch
     * arrays (c order: mode m, walker from + i at m·len + i), the step's ops on them, built once, and direct
     * views of the native buffers. Only one thread touches a block during a step.
     */
    private final class Block {
        private final int from, len;
        private final INDArray x, prev, zh, zg;
        /** zh ← σ_h zh + λ (per mode), zg ← σ_g zg (per mode). */
        private final Op[] makeH, makeG;
        private final Op axpy;
        private final CustomOp mulX, addG;
        private final FloatBuffer zhF, zgF, xF, prevF;
        private final DoubleBuffer zhD, zgD, xD, prevD;

        Block(int from, int len, DataType type, double[] lam, double[] sh, double[] sg) {
            this.from = from;
            this.len = len;
            x = Nd4j.create(type, modes, len);
            prev = Nd4j.create(type, modes, len);
            zh = Nd4j.create(type, modes, len);
            zg = Nd4j.create(type, modes, len);
            if (len >= PER_MODE_OPS_MIN_WALKERS) {
                makeH = new Op[2 * modes];
                makeG = new Op[modes];
                for (int m = 0; m < modes; m++) {
                    INDArray zhRow = zh.getRow(m), zgRow = zg.getRow(m);
                    makeH[2 * m] = new ScalarMultiplication(zhRow, inPrecision(sh[m]));
                    makeH[2 * m + 1] = new ScalarAdd(zhRow, inPrecision(lam[m]));
                    makeG[m] = new ScalarMultiplication(zgRow, inPrecision(sg[m]));
                }
            } else {
                makeH = new Op[] {new BroadcastMulOp(zh, sigmaH, zh, 0), new BroadcastAddOp(zh, lambda, zh, 0)};
                makeG = new Op[] {new BroadcastMulOp(zg, sigmaG, zg, 0)};
            }
            mulX = new MulOp(zh, x, zh);
            addG = new AddOp(zh, zg, zh);
            double eta = precision == Precision.F64 ? spec.eta() : (float) spec.eta();
            axpy = new Axpy(zh, x, x, -eta);
            if (precision == Precision.F64) {
                zhD = zh.data().asNioDouble();
                zgD = zg.data().asNioDouble();
                xD = x.data().asNioDouble();
                prevD = prev.data().asNioDouble();
                zhF = zgF = xF = prevF = null;
            } else {
                zhF = zh.data().asNioFloat();
                zgF = zg.data().asNioFloat();
                xF = x.data().asNioFloat();
                prevF = prev.data().asNioFloat();
                zhD = zgD = xD = prevD = null;
            }
        }

        /** x and prev ← this block's part of the initial positions in the host array zh. */
        void loadInitial() {
            for (int m = 0; m < modes; m++) {
                int host = m * walkers + from, own = m * len;
                if (precision == Precision.F64) {
                    xD.put(own, zhHostD, host, len);
                    prevD.put(own, zhHostD, host, len);
                } else {
                    xF.put(own, zhHostF, host, len);
                    prevF.put(own, zhHostF, host, len);
                }
            }
        }

        /** One step on this block, its part of the step's host noise copied in first. */
        void step(boolean last) {
            for (int m = 0; m < modes; m++) {
                int host = m * walkers + from, own = m * len;
                if (precision == Precision.F64) {
                    zhD.put(own, zhHostD, host, len);
                    zgD.put(own, zgHostD, host, len);
                } else {
                    zhF.put(own, zhHostF, host, len);
                    zgF.put(own, zgHostF, host, len);
                }
            }
            for (Op op : makeH) Nd4j.exec(op);  // zh ← h = σ_h z_h + λ (multiply, then add)
            Nd4j.exec(mulX);                    // zh ← h x
            for (Op op : makeG) Nd4j.exec(op);  // zg ← g = σ_g z_g
            Nd4j.exec(addG);                    // zh ← h x + g
            if (last) prev.assign(x);
            Nd4j.exec(axpy);                    // x ← x − η (h x + g)
        }

        /** This block's walkers of mode {@code mode} into xOut, prevOut (indexed by walker). */
        void read(int mode, double[] xOut, double[] prevOut) {
            int own = mode * len;
            if (precision == Precision.F64) {
                xD.get(own, xOut, from, len);
                prevD.get(own, prevOut, from, len);
            } else {
                for (int i = 0; i < len; i++) {
                    xOut[from + i] = xF.get(own + i);
                    prevOut[from + i] = prevF.get(own + i);
                }
            }
        }

        void close() {
            for (INDArray a : new INDArray[] {x, prev, zh, zg}) a.close();
        }
    }
}
