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
import org.openjdk.jmh.annotations.Warmup;
import org.sgdbench.solver.fokkerplanck.FokkerPlanckSolver;
import org.sgdbench.solver.fokkerplanck.FokkerPlanckStepKernel;
import org.sgdbench.solver.fokkerplanck.FvGrid;
import org.sgdbench.solver.fokkerplanck.Generator;
import org.sgdbench.solver.fokkerplanck.LinearFokkerPlanckModel;
import org.sgdbench.solver.fokkerplanck.TimeScheme;

/**
 * One implicit Fokker–Planck step (Scharfetter–Gummel fluxes, backward Euler, Thomas solve) on an N-cell grid:
 * the per-step cost of the Brownian-picture baselines. Unit: cell-steps/s. The Thomas recurrence is
 * sequential, so this kernel is scalar, one thread, on every machine (backend is always "scalar").
 * {@code @Setup} checks that a step conserves mass before anything is timed.
 *
 * <p>Run recipe: {@code ./sgdbench run --quick}; by hand {@code ./sgdbench jmh FokkerPlanckBenchmark -p cells=1048576}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class FokkerPlanckBenchmark {
    @Param({"scalar"})
    public String backend;

    @Param({"F64"})
    public String precision;

    @Param({"4096", "1048576"})
    public int cells;

    @Param({"ITO_LANGEVIN"})
    public String generator;

    private FokkerPlanckStepKernel kernel;

    /** No slow-down except under the test-only switch (see BenchParams#slowdown). */
    private BenchParams.Slowdown slowdown;

    @Setup(Level.Trial)
    public void setUp() {
        slowdown = BenchParams.slowdown("fokker-planck-1d");
        if (!"scalar".equals(backend) || !"F64".equals(precision))
            throw new org.sgdbench.kernel.KernelNotSupportedException("the Fokker-Planck step is scalar F64 only");
        org.sgdbench.problem.Mode mode = org.sgdbench.problem.Mode.of(1.0, 0.5, 1.0);
        double eta = 0.1;
        LinearFokkerPlanckModel model = Generator.valueOf(generator).model(mode, eta);
        FvGrid grid = FvGrid.symmetric(12 * Math.sqrt(model.stationaryVariance()), cells);
        kernel = new FokkerPlanckStepKernel(grid, model, eta, TimeScheme.BACKWARD_EULER);
        kernel.load(FokkerPlanckSolver.initialDensity(grid, 0.5, 0.3));
        double before = kernel.mass();
        kernel.step();
        if (Math.abs(kernel.mass() - before) > 1e-10) throw new IllegalStateException("a step lost mass: " + before + " → " + kernel.mass());
    }

    @Benchmark
    public void step() {
        for (int r = 0, n = slowdown.repeatsThisOperation(); r < n; r++) kernel.step();
    }

    /** Declared work per cell-step from the kernel's own accounting (memory-bound sweep). */
    public static DeclaredWork work(Map<String, String> p) {
        long n = DeclaredWork.intParam(p, "cells");
        // FokkerPlanckStepKernel: 64 N + 16 bytes and 11 N flops per backward-Euler step
        return new DeclaredWork("cell-steps", n, 11.0, (64.0 * n + 16) / n, DeclaredWork.Bound.MEMORY);
    }
}
