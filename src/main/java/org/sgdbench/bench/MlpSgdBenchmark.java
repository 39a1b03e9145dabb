package org.sgdbench.bench;

import java.util.Map;
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
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.MlpEnsembleKernel;
import org.sgdbench.mlp.MlpMinimum;
import org.sgdbench.mlp.MlpModel;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;

/**
 * Throughput of the MLP ensemble kernel: K walkers of the perceptron 64 → H → 10 on the digits (1437 training
 * images), each taking {@code stepsPerOp} minibatch-SGD steps of b samples per operation. Natural unit:
 * sample-gradients per second (walkers × b × steps, forward and backward of one sample each). Walkers start at the
 * seeded initial weights (the work per sample does not depend on where θ is); fixed seed. {@code @Setup} checks, before
 * anything is timed, that one step of a few walkers equals the documented update computed by the reference model
 * ({@link #checkOneStep}).
 *
 * <p>Run recipe: {@code ./sgdbench run --quick} runs it for every backend that has the kernel; by hand,
 * {@code ./sgdbench jmh MlpSgdBenchmark -p backend=scalar -p hidden=32 -p batch=32 -p walkers=1024}. A backend
 * {@code aparapi:<LAYOUT>} runs the Aparapi kernel with that work layout ({@code AparapiMlpEnsemble.Layout}, set
 * through the property {@code sgdbench.aparapi.mlpLayout} in the fork), so that the layouts can be measured side by
 * side: {@code -p backend=scalar,aparapi:PARAMETER_MAJOR,aparapi:WALKER_MAJOR}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class MlpSgdBenchmark {
    public static final long SEED = 20260522L;
    public static final int TRAIN = 1437;

    @Param({"scalar"})
    public String backend;

    @Param({"F32", "F64"})
    public String precision;

    @Param({"32"})
    public int hidden;

    @Param({"32"})
    public int batch;

    @Param({"1024"})
    public int walkers;

    @Param({"1"})
    public int stepsPerOp;

    @Param({BenchParams.ALL_THREADS})
    public String threads;

    private MlpEnsembleKernel kernel;
    /** No slow-down except under the test-only switch (see BenchParams#slowdown). */
    private BenchParams.Slowdown slowdown;

    public static MlpSpec spec(int hidden, int batch, int walkers) {
        return new MlpSpec(hidden, batch, Sampling.WITH_REPLACEMENT, 0.1, 1, walkers, MlpSpec.DEFAULT_PENALTY, SEED, TRAIN);
    }

    @Setup(Level.Trial)
    public void setUp() {
        slowdown = BenchParams.slowdown("mlp-sgd");
        MlpSpec spec = spec(hidden, batch, walkers);
        MlpData train = MlpData.digitsSplit(TRAIN, SEED)[0];
        double[] theta0 = MlpMinimum.initialWeights(new MlpModel(64, hidden, 10), SEED);
        String id = backend;
        int colon = backend.indexOf(':'); // aparapi:<LAYOUT>: the Aparapi kernel's layout (see the class comment)
        if (colon > 0) {
            System.setProperty("sgdbench.aparapi.mlpLayout", backend.substring(colon + 1));
            id = backend.substring(0, colon);
        }
        Backend b = BenchParams.backend(id);
        Precision p = BenchParams.precision(precision);
        checkOneStep(b, p, spec.withWalkers(Math.min(walkers, 5)), train, theta0, BenchParams.options(threads));
        kernel = b.require().mlpEnsemble(spec, train, theta0, p, BenchParams.options(threads));
    }

    /**
     * One step of every walker of {@code spec} against the reference: the minibatch of the stream and the documented
     * update, computed in double by the scalar F64 kernel; equal within the backend's stated tolerance for F64, and
     * within float rounding (10⁻⁵ relative) for F32. Throws, failing the JMH trial, otherwise.
     */
    static void checkOneStep(Backend b, Precision p, MlpSpec spec, MlpData train, double[] theta0, KernelOptions options) {
        try (MlpEnsembleKernel ref = Backend.SCALAR.require().mlpEnsemble(spec, train, theta0, Precision.F64, KernelOptions.singleThread());
             MlpEnsembleKernel k = b.require().mlpEnsemble(spec, train, theta0, p, options)) {
            ref.advance(1);
            k.advance(1);
            double tol = p == Precision.F32 ? 1e-5 : Math.max(1e-12, b.require().trajectoryTolerance(p));
            double[] x = new double[theta0.length], y = new double[theta0.length];
            for (int w = 0; w < spec.walkers(); w++) {
                ref.readWalker(w, x);
                k.readWalker(w, y);
                for (int i = 0; i < x.length; i++)
                    if (!(Math.abs(x[i] - y[i]) <= tol * (1 + Math.abs(x[i]))))
                        throw new IllegalStateException(String.format("%s %s walker %d parameter %d: %.9g vs reference %.9g",
                            b.id(), p, w, i, y[i], x[i]));
            }
        }
    }

    @Benchmark
    public void advance() {
        for (int r = 0, n = slowdown.repeatsThisOperation(); r < n; r++) kernel.advance(stepsPerOp);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernel.close();
    }

    /**
     * Declared work per sample-gradient, counted from the reference arithmetic (multiply and add 1 flop each, an FMA
     * 2; tanh and exp not counted): forward W1x + b1 2·64H, W2h + b2 2·10H, softmax ~4·10; backward δ = W2ᵀr 2·10H,
     * e 2H, ∂W1 += e xᵀ 2·64H + H, ∂W2 += r hᵀ 2·10H + 10; the update 4P per step, i.e. 4P/b per sample:
     * 316H + 50 + 4P/b. Memory per sample: its 64 inputs, and per step θ read and written and the gradient
     * (3P values per b samples); the walker's θ and gradient stay in cache within a step: compute-bound.
     */
    public static DeclaredWork work(Map<String, String> p) {
        int h = DeclaredWork.intParam(p, "hidden"), b = DeclaredWork.intParam(p, "batch");
        int w = DeclaredWork.intParam(p, "walkers"), s = DeclaredWork.intParam(p, "stepsPerOp");
        int bytes = "F64".equals(p.get("precision")) ? 8 : 4;
        int params = 75 * h + 10;
        double flops = 316.0 * h + 50 + 4.0 * params / b;
        double moved = bytes * (64 + 3.0 * params / b);
        return new DeclaredWork("sample-gradients", (double) w * b * s, flops, moved, DeclaredWork.Bound.COMPUTE);
    }
}
