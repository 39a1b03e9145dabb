package org.sgdbench.bench;

import java.util.ArrayList;
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
import org.sgdbench.kernel.EnsembleTrajectory;
import org.sgdbench.kernel.ModeStatistics;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.theory.ModeTheory;

/**
 * Throughput of the SGD ensemble kernel: N walkers × M modes advanced {@code stepsPerOp} steps per operation.
 * The natural unit is walker-mode-steps per second (ops/s × walkers × modes × stepsPerOp, see {@link #work}).
 * The model: M confined modes, λ from 0.5 to 2, σ_h = 0.3, σ_g = 1, η = 0.1, Gaussian Hessian and gradient
 * noise; fixed seed. {@code @Setup} checks the kernel against the exact moments before anything is timed.
 *
 * <p>Run recipe: {@code ./sgdbench run --quick} runs it for every available backend; by hand,
 * {@code ./sgdbench jmh SgdEnsembleBenchmark
 * -p backend=scalar,simd -p precision=F32}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SgdEnsembleBenchmark {
    public static final long SEED = org.sgdbench.problem.Limits.DEFAULT_SEED;
    public static final double ETA = 0.1;

    @Param({"scalar"})
    public String backend;

    @Param({"F32", "F64"})
    public String precision;

    @Param({"65536"})
    public int walkers;

    @Param({"4"})
    public int modes;

    @Param({"16"})
    public int stepsPerOp;

    @Param({"GAUSSIAN"})
    public String noise;

    @Param({BenchParams.ALL_THREADS})
    public String threads;

    private SgdEnsembleKernel kernel;

    /** The benchmark's model. */
    public static QuadraticModes model(int walkers, int modes, NoiseLaw noise) {
        List<org.sgdbench.problem.Mode> list = new ArrayList<>();
        for (int m = 0; m < modes; m++) {
            double lambda = modes == 1 ? 1.0 : 0.5 + 1.5 * m / (modes - 1);
            list.add(org.sgdbench.problem.Mode.of(lambda, 0.3, 1.0));
        }
        return new QuadraticModes(list, noise, ETA, 64, walkers, 1.0, 0.5);
    }

    /** No slow-down except under the test-only switch (see BenchParams#slowdown). */
    private BenchParams.Slowdown slowdown;

    @Setup(Level.Trial)
    public void setUp() {
        slowdown = BenchParams.slowdown("sgd-ensemble");
        QuadraticModes spec = model(walkers, modes, NoiseLaw.valueOf(noise));
        kernel = BenchParams.backend(backend).require()
            .sgdEnsemble(spec, BenchParams.precision(precision), SEED, BenchParams.options(threads));
        checkAgainstTheory(kernel, 20);
        kernel.reset();
    }

    /**
     * Advances {@code steps} and compares every mode's mean and variance with the exact recursion, within six
     * Monte Carlo standard errors plus the precision's rounding; throws (failing the JMH trial) otherwise.
     */
    static void checkAgainstTheory(SgdEnsembleKernel kernel, int steps) {
        QuadraticModes spec = kernel.spec();
        List<ModeStatistics> stats = EnsembleTrajectory.run(kernel, new long[] {steps}).get(0).modes();
        double rounding = kernel.precision() == Precision.F32 ? 1e-4 : 1e-10;
        double v0 = spec.initSpread() * spec.initSpread();
        for (int m = 0; m < spec.modeCount(); m++) {
            ModeStatistics s = stats.get(m);
            if (s.diverged()) throw new IllegalStateException("mode " + m + " diverged (" + s.nonFinite() + " walkers)");
            ModeTheory th = ModeTheory.of(spec.mode(m), spec.noise(), spec.eta());
            double mean = th.mean(steps, spec.initMean()), var = th.variance(steps, spec.initMean(), v0);
            double seMean = Math.sqrt(var / s.count()), seVar = var * Math.sqrt(3.0 / s.count());
            if (Math.abs(s.mean() - mean) > 6 * seMean + rounding || Math.abs(s.variance() - var) > 6 * seVar + rounding)
                throw new IllegalStateException(String.format("%s %s mode %d disagrees with theory: mean %.6g vs %.6g,"
                    + " variance %.6g vs %.6g", kernel.backend().id(), kernel.precision(), m, s.mean(), mean,
                    s.variance(), var));
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
     * Declared work: walker-mode-steps per op; flops per walker-mode-step counted from the reference
     * arithmetic (portable Box–Muller ≈ 81 flops in F64, ≈ 57 in F32, plus 7 for the update; Rademacher only
     * the update). The Philox integer work is not a flop. State stays in registers across a call's steps, so the
     * memory traffic per walker-mode-step is 2 reads + 2 writes per call / stepsPerOp: compute-bound.
     */
    public static DeclaredWork work(Map<String, String> p) {
        int w = DeclaredWork.intParam(p, "walkers"), m = DeclaredWork.intParam(p, "modes");
        int s = DeclaredWork.intParam(p, "stepsPerOp");
        boolean f64 = "F64".equals(p.get("precision"));
        boolean gaussian = !"RADEMACHER".equals(p.get("noise"));
        double flops = 7 + (gaussian ? (f64 ? 81 : 57) : 0);
        double bytes = 4.0 * (f64 ? 8 : 4) / s;
        return new DeclaredWork("walker-mode-steps", (double) w * m * s, flops, bytes, DeclaredWork.Bound.COMPUTE);
    }
}
