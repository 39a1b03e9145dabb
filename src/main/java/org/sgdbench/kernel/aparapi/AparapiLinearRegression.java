package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelNotSupportedException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.kernel.scalar.ScalarLinearRegressionF64;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.rng.StreamLayout;

/**
 * The minibatch linear-regression ensemble on Aparapi: OpenCL on a GPU or CPU device, or Aparapi's Java thread
 * pool when device=jtp was asked for. One work-item per walker draws its own minibatch indices in the kernel
 * (the Philox stream layout, exactly as {@code rng.MinibatchStreams}) and accumulates the gradient in the
 * reference's order with OpenCL's {@code fma} (see {@link MinibatchSgdKernelF32}).
 *
 * <p>Exactness. OpenCL's {@code fma} is correctly rounded in both precisions and the kernel has no other floating
 * operation (no divide, no square root, no a·b + c a compiler could contract: −η/b and the initial positions are
 * computed on the host), so on OpenCL the trajectories are the reference's, bit for bit, on any driver that keeps
 * subnormal numbers (PoCL does; checked at tolerance 0 by the contract test). A GPU that flushes F32 subnormals
 * stays within {@link AparapiProvider#trajectoryTolerance}. Aparapi's Java thread pool computes {@code fma} as an
 * unfused a·b + c: see {@link #JTP_TOLERANCE_F32}.
 *
 * <p>Buffers are explicit: the dataset and the Philox key schedule go to the device once; {@link #reset} computes the
 * initial positions on the host (F64 Box–Muller of the INITIAL stream, as the reference) and sends them; the state
 * then stays on the device, and {@link #readState} fetches it. The scratch buffers (gradient, Floyd's drawn indices,
 * the reshuffling permutations) never leave the device. The kernel is translated, built and launched once (zero
 * steps) in the constructor; that is {@link #buildNanos()}, outside every {@code advance}.
 *
 * <p>Why one work-item per walker: a walker's steps are sequential and its minibatch draws are data-dependent
 * (Lemire's rejection, Floyd's membership test, the permutation state), so the walker is the natural unit of
 * parallelism; N = 4096 walkers fill any CPU device and a small GPU. The rows of X a walker reads are random, so
 * the work-items of a group gather from the dataset (cached: diabetes is 19 KB in F32) and diverge in the rare
 * rejection retries; PoCL runs such a group as a scalar loop over its work-items.
 *
 * <p>Measured on PoCL (2-core AMD EPYC, AVX-512, shared and loaded; N = 4096, diabetes, b = 32, with replacement;
 * a throwaway harness timing {@code advance(10)} seven times per kernel, interleaved, under the measurement lock;
 * medians, ms per step): F32 scalar 2.77, SIMD 2.05, Aparapi 5.92; F64 scalar 5.19, SIMD 6.26, Aparapi 5.58. JMH
 * ({@code LinearRegressionSgdBenchmark}, same case, 4 steps per op): F32 scalar 68.7 ± 80.6, Aparapi 22.8 ± 11.3
 * ops/s; F64 62.6 ± 63.3 vs 31.6 ± 19.4. So on a CPU device this kernel is 0.3–0.9× the scalar reference: PoCL
 * cannot vectorise the work-item loop across walkers (the step, batch and rejection loops are inside it, and the
 * rows are gathered), so it runs the reference's scalar arithmetic plus the launch and work-group bookkeeping. The
 * kernel's value is on GPUs, where thousands of walkers run at once; on CPUs the SIMD backend is the fast one.
 *
 * <p>On OpenCL, {@code KernelOptions.threads()} does not apply (the device schedules its compute units); on the
 * thread pool it is the number of Java threads.
 */
public final class AparapiLinearRegression implements LinearRegressionKernel {
    /**
     * Aparapi's Java thread pool: its {@code fma} rounds the product and the sum separately, one extra rounding per
     * fma, ε relative to its result (ε = 2⁻²⁴ in F32, 2⁻⁵³ in F64). A step has b·(2d) + d fma; relative to the step's
     * change of θ the extra roundings add up to at most about (b + d + 1)·ε, random in sign, and a contracting map
     * damps what earlier steps left. Measured against the reference (contract cases, and diabetes b = 32 over 200
     * steps): at most 1.7e-7 in F32 (2.9ε) and 3.4e-16 in F64 (3.1ε). Tolerance 64 ulp of 1, as for the quadratic
     * kernels on the pool: 2⁻¹⁷ (F32) and 2⁻⁴⁶ (F64).
     */
    public static final double JTP_TOLERANCE_F32 = 0x1.0p-17;
    public static final double JTP_TOLERANCE_F64 = 0x1.0p-46;
    /** Work-items per group unless the device's kernel limit is smaller. */
    public static final int DEFAULT_WORK_GROUP = 64;
    /** Sample-gradients per walker and launch at most: bounds a launch's duration (GPU watchdogs). */
    static final int MAX_SAMPLES_PER_LAUNCH = 1 << 15;

    private final LinearRegression spec;
    private final Precision precision;
    private final long seed;
    private final AparapiTarget target;
    private final MinibatchSgdKernelF32 k32;
    private final MinibatchSgdKernelF64 k64;
    private final Kernel kernel;
    private final Range range;
    private final int walkers, stride, dim;
    private final int threads;
    private final int stepsPerLaunch;
    private final long buildNanos;
    private long stepsDone;
    /** Whether the host copy of θ is the device's current state. */
    private boolean hostCurrent;
    private boolean closed;
    private boolean launched;

    public AparapiLinearRegression(LinearRegression spec, Precision precision, long seed, KernelOptions options) {
        this(spec, precision, seed, options, AparapiTarget.select(options.device()));
    }

    AparapiLinearRegression(LinearRegression spec, Precision precision, long seed, KernelOptions options,
                            AparapiTarget target) {
        this.spec = spec;
        this.precision = precision;
        this.seed = seed;
        this.target = target;
        this.walkers = spec.walkers();
        Dataset data = spec.data();
        this.dim = data.d();
        int n = data.n(), b = spec.batch();
        if (target.device() instanceof OpenCLDevice dev && precision == Precision.F64 && !OpenCLInventory.supportsFp64(dev))
            throw new KernelNotSupportedException("aparapi: " + target.description() + " has no double precision: "
                + OpenCLInventory.fp64(dev));
        int group = target.isOpenCL() ? DEFAULT_WORK_GROUP : Math.min(options.threads(), Range.MAX_GROUP_SIZE);
        long padded = ((long) walkers + group - 1) / group * group;
        int perWalker = Math.max(dim, spec.sampling() == Sampling.RESHUFFLING ? n
            : spec.sampling() == Sampling.WITHOUT_REPLACEMENT ? b : 1);
        if (padded * perWalker > Integer.MAX_VALUE - 8)
            throw new KernelNotSupportedException("aparapi: " + walkers + " walkers × " + perWalker
                + " values per walker exceed one Java array");
        this.stride = (int) padded;
        this.stepsPerLaunch = Math.max(1, Math.min(1024, MAX_SAMPLES_PER_LAUNCH / b));
        int[] roundKeys = KernelConstants.roundKeys(StreamLayout.key0(seed), StreamLayout.key1(seed));
        int sampling = switch (spec.sampling()) {
            case WITH_REPLACEMENT -> MinibatchSgdKernelF32.WITH_REPLACEMENT;
            case WITHOUT_REPLACEMENT -> MinibatchSgdKernelF32.WITHOUT_REPLACEMENT;
            case RESHUFFLING -> MinibatchSgdKernelF32.RESHUFFLING;
        };
        double[] xd = data.x(), yd = data.y();
        double stepFactor = -spec.eta() / b;
        if (precision == Precision.F64) {
            k32 = null;
            k64 = new MinibatchSgdKernelF64(walkers, stride, n, dim, b, sampling, xd, yd, roundKeys, stepFactor);
            kernel = k64;
        } else {
            float[] xf = new float[xd.length], yf = new float[yd.length];
            for (int i = 0; i < xd.length; i++) xf[i] = (float) xd[i];
            for (int i = 0; i < yd.length; i++) yf[i] = (float) yd[i];
            k64 = null;
            k32 = new MinibatchSgdKernelF32(walkers, stride, n, dim, b, sampling, xf, yf, roundKeys, (float) stepFactor);
            kernel = k32;
        }
        kernel.setExplicit(true);
        long t0 = System.nanoTime();
        try {
            target.compile(kernel);
            int local;
            if (target.isOpenCL()) {
                int max = target.maxWorkGroup(kernel);
                local = Math.min(group, Integer.highestOneBit(max));
                threads = target.computeUnits();
            } else {
                local = group;
                threads = group;
            }
            range = target.range(stride, local);
            if (k32 != null) {
                target.put(kernel, k32.x);
                target.put(kernel, k32.y);
            } else {
                target.put(kernel, k64.x);
                target.put(kernel, k64.y);
            }
            target.put(kernel, roundKeys);
            reset();
            launch(0, 0); // warm-up: program loaded, buffers allocated, no step taken
        } catch (RuntimeException e) {
            dispose();
            throw e;
        }
        buildNanos = System.nanoTime() - t0;
    }


    @Override
    public Backend backend() { return Backend.APARAPI; }

    @Override
    public Precision precision() { return precision; }

    @Override
    public LinearRegression spec() { return spec; }

    /** "OpenCL CPU: … (The pocl project)", "OpenCL GPU: …" or "Java thread pool (JTP)". */
    @Override
    public String device() { return target.description(); }

    /** Compute units of the OpenCL device, or the thread-pool threads. */
    @Override
    public int threads() { return threads; }

    /** Translation, OpenCL build and the warm-up launch, in ns; excluded from every {@code advance}. */
    public long buildNanos() { return buildNanos; }

    /** Work-items per group of the launches. */
    public int workGroupSize() { return range.getLocalSize(0); }

    @Override
    public long stepsDone() { return stepsDone; }

    @Override
    public void reset() {
        ensureOpen();
        double[] theta0 = referenceStart(spec, seed);
        for (int w = 0; w < walkers; w++)
            for (int j = 0; j < dim; j++) {
                if (k32 != null) k32.theta[j * stride + w] = (float) theta0[w * dim + j];
                else k64.theta[j * stride + w] = theta0[w * dim + j];
            }
        if (k32 != null) target.put(kernel, k32.theta);
        else target.put(kernel, k64.theta);
        hostCurrent = true;
        stepsDone = 0;
    }

    @Override
    public void advance(int steps) {
        ensureOpen();
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        if (stepsDone + steps > 0xFFFFFFFFL)
            throw new IllegalStateException("step counter would exceed the 32-bit Philox step index");
        int left = steps;
        while (left > 0) {
            int chunk = Math.min(left, stepsPerLaunch);
            launch((int) stepsDone, chunk);
            stepsDone += chunk;
            left -= chunk;
        }
    }

    private void launch(int firstStep, int steps) {
        if (k32 != null) {
            k32.firstStep = firstStep;
            k32.steps = steps;
        } else {
            k64.firstStep = firstStep;
            k64.steps = steps;
        }
        target.execute(kernel, range, 1);
        launched = true;
        hostCurrent = !target.isOpenCL();
    }

    @Override
    public void readState(double[] theta) {
        ensureOpen();
        if (theta.length < walkers * dim)
            throw new IllegalArgumentException("theta needs N·d = " + walkers * dim + " values, has " + theta.length);
        if (!hostCurrent) {
            if (k32 != null) target.get(kernel, k32.theta);
            else target.get(kernel, k64.theta);
            hostCurrent = true;
        }
        for (int w = 0; w < walkers; w++)
            for (int j = 0; j < dim; j++)
                theta[w * dim + j] = k32 != null ? k32.theta[j * stride + w] : k64.theta[j * stride + w];
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

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("kernel closed");
    }

    private void dispose() {
        closed = true;
        target.dispose(kernel, launched);
    }

    /** Releases the OpenCL context and device buffers. Idempotent. */
    @Override
    public void close() {
        if (!closed) dispose();
    }
}
