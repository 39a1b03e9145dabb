package org.sgdbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Precision;
import org.sgdbench.solver.transfer.TransferOperator;

/**
 * One step of the master equation, p ← A p with A a cloud-in-cell transfer operator in CSR form: memory-bound.
 * Unit: cell-steps/s; declared traffic = CSR values + column indices + row pointers + the vector read + the
 * vector written (see {@link TransferOperatorModels#work}). Subclasses choose the operator (1D or 2D) and its
 * sizes (JMH runs the inherited benchmark method once per concrete subclass). {@code @Setup} checks one step
 * against the double-precision CSR reference and mass conservation before anything is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public abstract class TransferStepBenchmark {
    @Param({"scalar"})
    public String backend;

    @Param({"F64", "F32"})
    public String precision;

    @Param({BenchParams.ALL_THREADS})
    public String threads;

    private TransferOperatorKernel kernel;

    /** No slow-down except under the test-only switch (see BenchParams#slowdown). */
    private BenchParams.Slowdown slowdown;

    /** The kernel id of the catalog (for the slow-down switch). */
    protected abstract String kernelId();

    /** The operator this benchmark applies, at its @Param size. */
    protected abstract TransferOperator operator();

    @Setup(Level.Trial)
    public void setUp() {
        slowdown = BenchParams.slowdown(kernelId());
        TransferOperator op = operator();
        kernel = BenchParams.backend(backend).require()
            .transferOperator(op.matrix(), BenchParams.precision(precision), BenchParams.options(threads));
        checkOneStep(kernel, op.matrix());
    }

    /** One step from a smooth density against CsrMatrix.multiply; throws (failing the trial) on disagreement. */
    static void checkOneStep(TransferOperatorKernel kernel, CsrMatrix a) {
        int n = a.cols();
        double[] p = smoothDensity(n), ref = new double[n], out = new double[n];
        a.multiply(p, ref);
        kernel.load(p);
        kernel.step(1);
        kernel.read(out);
        double err = 0, max = 0;
        for (int i = 0; i < n; i++) {
            err = Math.max(err, Math.abs(out[i] - ref[i]));
            max = Math.max(max, Math.abs(ref[i]));
        }
        double tol = kernel.precision() == Precision.F64 ? 1e-12 : 1e-5;
        if (!(err <= tol * max))
            throw new IllegalStateException(kernel.backend().id() + " transfer step differs from the reference: " + err / max);
        kernel.load(p);
    }

    /** The density the check starts from (and {@code sgdbench operator} exports): a Gaussian bump over the n cells, mass 1. */
    public static double[] smoothDensity(int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) p[i] = Math.exp(-0.5 * Math.pow((i - n / 2.0) / (n / 10.0), 2));
        double mass = 0;
        for (double v : p) mass += v;
        for (int i = 0; i < n; i++) p[i] /= mass;
        return p;
    }

    @Benchmark
    public void step() {
        for (int r = 0, n = slowdown.repeatsThisOperation(); r < n; r++) kernel.step(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernel.close();
    }
}
