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
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.solver.transfer.TransferOperator;

/**
 * One step of the 2D master equation (coupled model, bilinear cloud-in-cell), p ← A p with A the cloud-in-cell transfer operator in CSR form:
 * memory-bound. Unit: cell-steps/s; declared traffic = CSR values + column indices + row pointers + the vector
 * read + the vector written (see {@link TransferOperatorModels#work}). Sizes on both sides of the caches.
 * {@code @Setup} checks one step against the double-precision CSR reference and mass conservation.
 *
 * <p>Run recipe: {@code ./sgdbench run --quick}; by hand {@code ./sgdbench jmh TransferOperator2DBenchmark -p cells=262144}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class TransferOperator2DBenchmark {
    @Param({"scalar"})
    public String backend;

    @Param({"F64", "F32"})
    public String precision;

    @Param({"16384", "262144"})
    public int cells;

    @Param({BenchParams.ALL_THREADS})
    public String threads;

    private TransferOperatorKernel kernel;

    /** 1 except under the test-only slow-down switch (see BenchParams#repeats). */
    private int repeats;

    @Setup(Level.Trial)
    public void setUp() {
        repeats = BenchParams.repeats("transfer-2d");
        TransferOperator op = TransferOperatorModels.twoD(cells);
        kernel = BenchParams.backend(backend).require()
            .transferOperator(op.matrix(), BenchParams.precision(precision), BenchParams.options(threads));
        TransferOperatorBenchmark.checkOneStep(kernel, op.matrix());
    }

    @Benchmark
    public void step() {
        for (int r = 0; r < repeats; r++) kernel.step(1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernel.close();
    }

    public static DeclaredWork work(Map<String, String> p) {
        return TransferOperatorModels.work(TransferOperatorModels.twoD(DeclaredWork.intParam(p, "cells")).matrix(),
            "F64".equals(p.get("precision")));
    }
}
