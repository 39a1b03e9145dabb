package org.sgdbench.bench;

import java.util.List;
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
import org.sgdbench.accuracy.LinearRegressionAccuracy;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;
import org.sgdbench.theory.LinearRegressionTheory;

/**
 * Throughput of minibatch SGD on least squares: N walkers on a real dataset, each step a minibatch of b samples
 * drawn by the sampling mode, {@code stepsPerOp} steps per operation. The natural unit is sample-gradients per
 * second (walker-steps × b, see {@link #work}). Learning rate {@value #ETA} (stable for every b ≥ 1 on diabetes:
 * its stability edge at b = 1 is 0.135), walkers start at θ* with spread 0.1; fixed seed. {@code @Setup} first runs
 * a separate ensemble of the same kernel for 30 steps and checks every Hessian mode's variance, the mean and the
 * covariance against the exact moment theory (6 standard errors), failing the trial otherwise.
 *
 * <p>Run recipe: {@code ./sgdbench run --quick} runs it for every available backend; by hand,
 * {@code ./sgdbench jmh LinearRegressionSgdBenchmark -p backend=scalar,simd -p precision=F32 -p batch=8}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class LinearRegressionSgdBenchmark {
    public static final long SEED = 20260522L;
    public static final double ETA = 0.05;

    @Param({"scalar"})
    public String backend;

    @Param({"F32", "F64"})
    public String precision;

    @Param({"diabetes"})
    public String dataset;

    @Param({"8"})
    public int batch;

    @Param({"without-replacement"})
    public String sampling;

    @Param({"16384"})
    public int walkers;

    @Param({"4"})
    public int stepsPerOp;

    @Param({BenchParams.ALL_THREADS})
    public String threads;

    private LinearRegressionKernel kernel;
    private int repeats;

    /** The datasets a benchmark can name (shipped in the jar). */
    public static Dataset dataset(String name) {
        return switch (name) {
            case "diabetes" -> Datasets.diabetes();
            default -> throw new InvalidSpecException("dataset", name, "diabetes");
        };
    }

    /** The benchmark's model: θ* ± 0.1, η = {@value #ETA}. */
    public static LinearRegression model(Dataset data, int batch, Sampling sampling, int walkers) {
        return new LinearRegression(data, batch, sampling, ETA, 64, walkers, LinearRegressionTheory.leastSquares(data), 0.1);
    }

    @Setup(Level.Trial)
    public void setUp() {
        repeats = BenchParams.repeats("linear-regression");
        Dataset data = dataset(dataset);
        Sampling s = Sampling.parse("sampling", sampling);
        BackendProvider provider = BenchParams.backend(backend).require();
        Precision p = BenchParams.precision(precision);
        checkAgainstTheory(provider, p, data, batch, s);
        kernel = provider.linearRegression(model(data, batch, s, walkers), p, SEED, BenchParams.options(threads));
        kernel.reset();
    }

    /**
     * 4096 walkers, 30 steps, the same backend, precision and sampling: every judged row must pass (6σ); random
     * reshuffling has no i.i.d. theory and is checked with the without-replacement law of one minibatch.
     */
    static void checkAgainstTheory(BackendProvider provider, Precision p, Dataset data, int batch, Sampling s) {
        Sampling judged = s.independentSteps() ? s : Sampling.WITHOUT_REPLACEMENT;
        LinearRegressionAccuracy.Case c = new LinearRegressionAccuracy.Case("benchmark-setup", data, batch, judged, ETA,
            30, 4096, 0.1);
        List<AccuracyRow> rows = LinearRegressionAccuracy.ensembleCheck(c, provider, p, SEED + 1,
            BenchParams.options(BenchParams.ALL_THREADS), 6.0);
        for (AccuracyRow r : rows)
            if (r.outcome() != Outcome.OK)
                throw new IllegalStateException(provider.backend().id() + " " + p + " disagrees with the exact theory: "
                    + r.quantity() + " = " + r.value() + " vs " + r.exact() + " (" + r.outcome() + ", " + r.reason() + ")");
    }

    @Benchmark
    public void advance() {
        for (int r = 0; r < repeats; r++) kernel.advance(stepsPerOp);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernel.close();
    }

    /**
     * Declared work: sample-gradients (walker-steps × b) per op. Per sample-gradient the reference does 2·d fused
     * multiply-adds (residual and gradient, 4d flops) plus the update's d FMAs shared by the b samples (2d/b flops);
     * the index draws (Philox, integer) are not flops. Bytes: one row of x and its target per sample-gradient,
     * (d + 1) values; the dataset (diabetes: 442 × 11) stays in cache and θ in the walker's lines, so the kernel is
     * compute- and latency-bound, declared COMPUTE.
     */
    public static DeclaredWork work(Map<String, String> p) {
        int w = DeclaredWork.intParam(p, "walkers"), b = DeclaredWork.intParam(p, "batch");
        int s = DeclaredWork.intParam(p, "stepsPerOp");
        int d = 11; // diabetes, the one shipped regression dataset: 10 features + intercept
        boolean f64 = "F64".equals(p.get("precision"));
        double flops = 4.0 * d + 2.0 * d / b;
        double bytes = (d + 1.0) * (f64 ? 8 : 4);
        return new DeclaredWork("sample-gradients", (double) w * s * b, flops, bytes, DeclaredWork.Bound.COMPUTE);
    }
}
