package org.sgdbench.kernel.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.kernel.ParallelBlocks;
import org.sgdbench.kernel.scalar.ScalarLinearRegressionF64;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.rng.MinibatchStreams;
import org.sgdbench.rng.StreamLayout;

/**
 * The minibatch linear-regression ensemble on ND4J, F32 or F64. The minibatch indices are drawn on the host, by
 * {@code rng.MinibatchStreams} itself (blocks of walkers on {@code options.threads()} threads; the draws depend on
 * the walker alone, so not on the split), and the arithmetic of a step is a few whole-ensemble ND4J ops, built once
 * and re-executed. Two formulations ({@link Formulation}):
 * <pre>
 *   GATHER  Xb ← X[idx], yb ← y[idx]                    gather of the N·b drawn rows    [N·b, d], [N·b, 1]
 *           r ← Xb θ − yb                                batched matmul, N × (b×d · d×1) [N, b, 1]
 *           θ ← θ + (−η/b)·Xbᵀ r                         batched matmul, then axpy       [N, d]
 *   COUNTS  C[w, i] = how often sample i is in walker w's minibatch (host, in place: only the N·b entries of the
 *           previous and the current step are touched)
 *           R ← [θ −1]·[X y]ᵀ = θXᵀ − 1yᵀ                GEMM [N, d+1]·[d+1, n]           [N, n]
 *           R ← C ∘ R                                    element-wise                    [N, n]
 *           [θ −1] ← [θ −1] + (−η/b)·R·[X 0]             GEMM with β = 1 (last column + 0) [N, d+1]
 * </pre>
 * COUNTS is exact for every sampling mode (the minibatch gradient is Σ_i c_wi xᵢ rᵢ, c the multiplicity), but does
 * n/b times the arithmetic of GATHER (each walker's residual at all n samples): it trades the gather and the
 * tiny batched products, which ND4J runs poorly, for two large GEMMs, which OpenBLAS runs well.
 *
 * <p>Measured (2-core AMD EPYC, AVX-512, shared and loaded; N = 4096, diabetes n = 442, d = 11, b = 32, with
 * replacement, 2 threads; a throwaway harness timing {@code advance(10)} seven times per kernel, interleaved, under
 * the measurement lock; medians, ms per step): F32 scalar 2.77, COUNTS 15.8, GATHER 42.1; F64 scalar 5.19,
 * COUNTS 52.8, GATHER 87.3. So COUNTS is the default, 2.7× (F32) and 1.7× (F64) faster than GATHER, and ND4J is
 * 0.1–0.2× the scalar reference here. Per op (one step's ops alone, F32, minimum over 20 steps): the gather of the
 * 131 072 drawn rows 11.2 ms, the two batched products 4.0 and 3.9 ms; COUNTS' GEMMs 1.1 and 1.6 ms, the count
 * multiply 0.3 ms, the in-place count updates 0.9 ms. What ND4J does badly here: gathers and many tiny products (its
 * per-row and per-matrix overheads dominate 11-wide rows); what it does well, large GEMMs, only pays if it is given
 * n/b times the work. JMH ({@code LinearRegressionSgdBenchmark}, same case, 4 steps per op, same lock): F32
 * scalar 68.7 ± 80.6, ND4J 7.6 ± 12.1 ops/s; F64 62.6 ± 63.3 vs 7.9 ± 11.9 (errors wide: the machine was shared).
 *
 * <p>Rounding, and the tolerance against the reference. ND4J has no fused multiply-add op and its products sum in
 * their own order (blocked, vectorised, possibly with fma inside OpenBLAS). With ε the unit roundoff (2⁻²⁴ in F32,
 * 2⁻⁵³ in F64), a = max |x_ij|, ρ = max over the samples of Σ_j |x_ij|·max|θ| + |yᵢ| (a residual's terms): each
 * residual is a sum of d + 1 terms (COUNTS: d + 1 products, one of them −yᵢ), off by at most γ_{d+1}ρ
 * (γ_k = kε/(1 − kε)); each gradient component is a sum of b products of size ≤ aρ (COUNTS: the n − b zero terms add
 * nothing, a multiplicity c ≥ 2 one rounding), off by at most b·a·ρ·(γ_{b+1} + γ_{d+1}); the update θ + (−η/b)g adds
 * two roundings of size ≤ ε(|θ| + ηaρ). So one step adds at most ε·[(b + d + 4)·η·a·ρ + max|θ|] (first order), and
 * an error already there is carried by I − ηH_B, contracting on average at the suite's stable learning rates: after
 * T steps |θ − θ_ref| ≤ T·ε·[(b + d + 4)·η·a·ρ + max|θ|]. {@link #tolerance} evaluates this bound (relative to
 * 1 + |θ_ref|, with max|θ| given). It is a worst case that adds every rounding at its largest: measured deviations
 * are a few ε (at most 3.6ε after the contract's 20 steps, 8ε after 200 steps on diabetes with b = 32; GATHER about
 * half of COUNTS), which {@code Nd4jLinearRegressionTest} holds to 32ε.
 *
 * <p>Threads: ND4J's op threads and OpenBLAS threads are set to min({@code options.threads()}, maxThreads) at every
 * {@link #advance} ({@link Nd4jRuntime}); the host draws use {@code options.threads()} on their own pool. OpenBLAS's
 * GEMM rounds differently on different thread counts, so COUNTS changes in the last bits with the thread count
 * (within the tolerance); GATHER's ops never split a sum by thread and are bit-identical at any thread count.
 */
public final class Nd4jLinearRegression implements LinearRegressionKernel {
    /** How a step's arithmetic is written in ND4J ops (see the class comment). */
    public enum Formulation { GATHER, COUNTS }

    /** Walkers per block of the host draws. */
    static final int DRAW_BLOCK = 64;

    private final LinearRegression spec;
    private final Precision precision;
    private final Formulation formulation;
    private final long seed;
    private final int threads, walkers, n, d, b;
    private final int key0, key1;
    private final Sampling sampling;
    private final ParallelBlocks blocks;
    private final ParallelBlocks.Body drawBody;
    /** Host draw state: the step being drawn, the indices (walker-major, b per walker), the permutations, words. */
    private int drawStep;
    private final int[] indices;
    private final int[] previous;
    private final int[] permutations;
    private final int[][] words;
    /**
     * θ [N, stateColumns] and the dataset: GATHER X [n, d], y [n, 1]; COUNTS [X y] and [X 0], [n, d + 1] (xs, ys).
     */
    private final INDArray theta, xs, ys;
    private final int stateColumns;
    /** GATHER: indices [N·b], Xb [N·b, d] (viewed [N, b, d]), yb [N·b, 1], r [N, b, 1], g [N, d, 1]. */
    private final INDArray idx, xb, yb, r, g;
    /** COUNTS: C and R, [N, n]. */
    private final INDArray counts, residuals;
    /** The step's ops in execution order, built once; each is an {@link Op} or a {@link CustomOp}. */
    private final Object[] stepOps;
    private final IntBuffer idxBuffer;
    private final FloatBuffer countsF, thetaF;
    private final DoubleBuffer countsD, thetaD;
    private long stepsDone;
    private boolean closed;

    /** With the faster formulation here ({@link #DEFAULT_FORMULATION}). */
    public Nd4jLinearRegression(LinearRegression spec, Precision precision, long seed, KernelOptions options) {
        this(spec, precision, seed, options, DEFAULT_FORMULATION);
    }

    /** Which formulation {@link Nd4jProvider#linearRegression} uses (see the class comment for the measurement). */
    public static final Formulation DEFAULT_FORMULATION = Formulation.COUNTS;

    public Nd4jLinearRegression(LinearRegression spec, Precision precision, long seed, KernelOptions options,
                                Formulation formulation) {
        this.spec = Check.notNull("spec", spec);
        this.precision = Check.notNull("precision", precision);
        this.formulation = Check.notNull("formulation", formulation);
        this.seed = seed;
        this.threads = Check.notNull("options", options).threads();
        Dataset data = spec.data();
        this.walkers = spec.walkers();
        this.n = data.n();
        this.d = data.d();
        this.b = spec.batch();
        this.sampling = spec.sampling();
        this.key0 = StreamLayout.key0(seed);
        this.key1 = StreamLayout.key1(seed);
        long perWalker = Math.max(Math.max(d + 1, b), formulation == Formulation.COUNTS || sampling == Sampling.RESHUFFLING ? n : 1);
        if ((long) walkers * perWalker > Integer.MAX_VALUE - 8)
            throw new InvalidSpecException("walkers", walkers, "[1, " + (Integer.MAX_VALUE - 8) / perWalker
                + "] for this dataset and batch on ND4J (host arrays are indexed by int)");
        DataType type = Nd4jRuntime.dataType(precision);
        double stepFactor = precision == Precision.F64 ? -spec.eta() / b : (float) (-spec.eta() / b);

        indices = new int[walkers * b];
        previous = formulation == Formulation.COUNTS ? new int[walkers * b] : null;
        permutations = sampling == Sampling.RESHUFFLING ? new int[walkers * n] : null;
        int blockCount = (walkers + DRAW_BLOCK - 1) / DRAW_BLOCK;
        words = new int[blockCount][4];
        blocks = new ParallelBlocks(threads, DRAW_BLOCK);
        drawBody = this::drawBlock;

        if (formulation == Formulation.GATHER) {
            stateColumns = d;
            theta = Nd4j.create(type, walkers, d);
            xs = Nd4j.create(data.x(), new long[] {n, d}, type);
            ys = Nd4j.create(data.y(), new long[] {n, 1}, type);
            idx = Nd4j.create(DataType.INT, (long) walkers * b);
            xb = Nd4j.create(type, (long) walkers * b, d);
            yb = Nd4j.create(type, (long) walkers * b, 1);
            r = Nd4j.create(type, walkers, b, 1);
            g = Nd4j.create(type, walkers, d, 1);
            INDArray xb3 = xb.reshape('c', walkers, b, d), yb3 = yb.reshape('c', walkers, b, 1);
            INDArray theta3 = theta.reshape('c', walkers, d, 1), g2 = g.reshape('c', walkers, d);
            Gather gx = new Gather(xs, idx, 0);
            gx.addOutputArgument(xb);
            Gather gy = new Gather(ys, idx, 0);
            gy.addOutputArgument(yb);
            stepOps = new Object[] {gx, gy,                                                               // Xb, yb ← X[idx], y[idx]
                new Mmul(xb3, theta3, r, 1.0, 0.0, MMulTranspose.allFalse()),                        // r ← Xb θ
                new SubOp(r, yb3, r),                                                                // r ← r − yb
                new Mmul(xb3, r, g, 1.0, 0.0, MMulTranspose.builder().transposeA(true).build()),     // g ← Xbᵀ r
                new Axpy(g2, theta, theta, stepFactor)};                                             // θ ← (−η/b) g + θ
            idxBuffer = idx.data().asNioInt();
            counts = residuals = null;
        } else {
            // θ carries a constant last column −1 and X two extra columns, y and 0: then one GEMM gives Xθ − y and
            // the update GEMM leaves the −1 in place (its last output column is exactly 0).
            stateColumns = d + 1;
            theta = Nd4j.create(type, walkers, d + 1);
            double[] withY = new double[n * (d + 1)], withZero = new double[n * (d + 1)];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) withY[i * (d + 1) + j] = withZero[i * (d + 1) + j] = data.x(i, j);
                withY[i * (d + 1) + d] = data.y(i);
            }
            xs = Nd4j.create(withY, new long[] {n, d + 1}, type);
            ys = Nd4j.create(withZero, new long[] {n, d + 1}, type);
            counts = Nd4j.create(type, walkers, n);
            residuals = Nd4j.create(type, walkers, n);
            stepOps = new Object[] {
                new Mmul(theta, xs, residuals, 1.0, 0.0, MMulTranspose.builder().transposeB(true).build()), // R ← [θ −1]·[X y]ᵀ
                new MulOp(residuals, counts, residuals),                                                    // R ← C ∘ R
                new Mmul(residuals, ys, theta, stepFactor, 1.0, MMulTranspose.allFalse())};                 // θ ← (−η/b)·R [X 0] + θ
            idx = xb = yb = r = g = null;
            idxBuffer = null;
        }
        if (precision == Precision.F64) {
            thetaD = theta.data().asNioDouble();
            countsD = counts == null ? null : counts.data().asNioDouble();
            thetaF = countsF = null;
        } else {
            thetaF = theta.data().asNioFloat();
            countsF = counts == null ? null : counts.data().asNioFloat();
            thetaD = countsD = null;
        }
        reset();
    }

    @Override
    public Backend backend() { return Backend.ND4J; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public LinearRegression spec() { return spec; }

    public Formulation formulation() { return formulation; }

    @Override
    public String device() {
        return "ND4J CPU " + Nd4j.factory().blas().getBlasVendor() + ", " + Nd4jRuntime.effectiveThreads(threads)
            + " op threads, " + formulation.name().toLowerCase(java.util.Locale.ROOT) + " formulation";
    }

    @Override
    public int threads() { return threads; }

    @Override
    public long stepsDone() { return stepsDone; }

    @Override
    public void reset() {
        ensureOpen();
        double[] theta0 = referenceStart(spec, seed);
        for (int w = 0; w < walkers; w++)
            for (int j = 0; j < stateColumns; j++) {
                double v = j < d ? theta0[w * d + j] : -1;
                if (thetaD != null) thetaD.put(w * stateColumns + j, v);
                else thetaF.put(w * stateColumns + j, (float) v);
            }
        if (counts != null) {
            counts.assign(0);
            java.util.Arrays.fill(previous, -1);
        }
        stepsDone = 0;
    }

    @Override
    public void advance(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        if (stepsDone + steps > 0xFFFFFFFFL)
            throw new IllegalStateException("step counter would exceed the 32-bit Philox step index");
        ensureOpen();
        Nd4jRuntime.applyThreads(threads);
        for (int s = 0; s < steps; s++) {
            drawStep = (int) (stepsDone + s);
            blocks.forEach(walkers, drawBody);
            for (Object op : stepOps) {
                if (op instanceof CustomOp c) Nd4j.exec(c);
                else Nd4j.exec((Op) op);
            }
        }
        stepsDone += steps;
    }

    /** Draws the minibatches of walkers [from, to) for {@link #drawStep} and writes them where the ops read them. */
    private void drawBlock(int from, int to) {
        int[] w4 = words[from / DRAW_BLOCK];
        int step = drawStep;
        for (int w = from; w < to; w++) {
            int off = w * b;
            MinibatchStreams.batch(sampling, key0, key1, w, step, n, b, permutations, w * n, indices, off, w4);
            if (idxBuffer != null) {
                for (int q = 0; q < b; q++) idxBuffer.put(off + q, indices[off + q]);
            } else {
                long row = (long) w * n;
                for (int q = 0; q < b; q++) {
                    int p = previous[off + q];
                    if (p >= 0) putCount(row + p, 0);
                }
                for (int q = 0; q < b; q++) {
                    int i = indices[off + q];
                    putCount(row + i, count(row + i) + 1);
                    previous[off + q] = i;
                }
            }
        }
    }

    private double count(long k) { return countsD != null ? countsD.get((int) k) : countsF.get((int) k); }

    private void putCount(long k, double v) {
        if (countsD != null) countsD.put((int) k, v);
        else countsF.put((int) k, (float) v);
    }

    @Override
    public void readState(double[] out) {
        ensureOpen();
        if (out.length < walkers * d)
            throw new IllegalArgumentException("theta needs N·d = " + walkers * d + " values, has " + out.length);
        for (int w = 0; w < walkers; w++)
            for (int j = 0; j < d; j++) {
                int k = w * stateColumns + j;
                out[w * d + j] = thetaD != null ? thetaD.get(k) : thetaF.get(k);
            }
    }

    /**
     * The tolerance of the class comment, max |θ − θ_ref| / (1 + |θ_ref|) after {@code steps} steps of {@code spec}
     * from positions of size at most {@code thetaScale} (max |θ| along the reference trajectory).
     */
    public static double tolerance(LinearRegression spec, Precision precision, int steps, double thetaScale) {
        Dataset data = spec.data();
        double a = 0, rho = 0;
        for (int i = 0; i < data.n(); i++) {
            double row = 0;
            for (int j = 0; j < data.d(); j++) {
                double v = Math.abs(data.x(i, j));
                a = Math.max(a, v);
                row += v;
            }
            rho = Math.max(rho, row * thetaScale + Math.abs(data.y(i)));
        }
        double eps = precision == Precision.F64 ? 0x1.0p-53 : 0x1.0p-24;
        double perStep = eps * ((spec.batch() + data.d() + 4) * spec.eta() * a * rho + thetaScale);
        return steps * perStep;
    }

    /**
     * The reference's initial positions, F64, walker-major θ[w·d + j], computed by the scalar reference kernel itself
     * (so the start has one definition; F32 kernels round each value once, as the reference does). The sampling
     * mode does not enter the start, so the helper kernel samples with replacement and keeps no permutations.
     */
    static double[] referenceStart(LinearRegression spec, long seed) {
        LinearRegression plain = new LinearRegression(spec.data(), spec.batch(), Sampling.WITH_REPLACEMENT, spec.eta(),
            spec.steps(), spec.walkers(), spec.center(), spec.initSpread());
        double[] theta = new double[spec.walkers() * spec.dim()];
        try (ScalarLinearRegressionF64 ref = new ScalarLinearRegressionF64(plain, seed, KernelOptions.singleThread())) {
            ref.reset();
            ref.readState(theta);
        }
        return theta;
    }

    /** The NIO views point into native memory that close() frees: never touch them afterwards. */
    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel is closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        blocks.close();
        for (INDArray a : new INDArray[] {theta, xs, ys, idx, xb, yb, r, g, counts, residuals})
            if (a != null) a.close();
    }
}
