package org.sgdbench.bench.ceiling;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Scalar peak-FMA ceiling: {@link #CHAINS} independent chains c ← fma(c, m, a), so that the FMA units, not the
 * FMA latency, bound the loop (latency 4–5 cycles × 2 units needs ≥ 10 chains in flight). One JMH operation is one
 * scalar FMA ({@link OperationsPerInvocation}); it counts {@link #FLOPS_PER_FMA} flops. With m = 1 − 2⁻²⁰ and
 * a = 2⁻³⁰ every chain converges to a/(1 − m) and never overflows or goes subnormal (which would slow it down).
 * See {@code PeakFmaVectorBenchmark} for the SIMD variant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PeakFmaBenchmark {
    public static final int CHAINS = 12;
    public static final int ITERATIONS = 1024;
    /** FMAs one benchmark invocation performs: one per chain per iteration. */
    public static final int FMAS_PER_INVOCATION = CHAINS * ITERATIONS;
    /** A multiply and an add. */
    public static final int FLOPS_PER_FMA = 2;

    /** Fields, not constants, so that the JIT cannot fold the chains. */
    public double multiplier = 1.0 - 0x1p-20;
    public double addend = 0x1p-30;
    public float multiplierF32 = 1.0f - 0x1p-12f;
    public float addendF32 = 0x1p-20f;
    /** Start value of chain k is start[k]; distinct so that no two chains are provably equal. */
    public final double[] start = new double[CHAINS];

    public PeakFmaBenchmark() {
        for (int k = 0; k < CHAINS; k++) start[k] = 0.25 * k;
    }

    /** Flops one JMH operation (one scalar FMA) counts. */
    public static int flopsPerOperation() { return FLOPS_PER_FMA; }

    @Benchmark
    @OperationsPerInvocation(FMAS_PER_INVOCATION)
    public double fmaF64() {
        final double m = multiplier, a = addend;
        final double[] s = start;
        double c0 = s[0], c1 = s[1], c2 = s[2], c3 = s[3], c4 = s[4], c5 = s[5];
        double c6 = s[6], c7 = s[7], c8 = s[8], c9 = s[9], c10 = s[10], c11 = s[11];
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = Math.fma(c0, m, a); c1 = Math.fma(c1, m, a); c2 = Math.fma(c2, m, a); c3 = Math.fma(c3, m, a);
            c4 = Math.fma(c4, m, a); c5 = Math.fma(c5, m, a); c6 = Math.fma(c6, m, a); c7 = Math.fma(c7, m, a);
            c8 = Math.fma(c8, m, a); c9 = Math.fma(c9, m, a); c10 = Math.fma(c10, m, a); c11 = Math.fma(c11, m, a);
        }
        return ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11));
    }

    @Benchmark
    @OperationsPerInvocation(FMAS_PER_INVOCATION)
    public float fmaF32() {
        final float m = multiplierF32, a = addendF32;
        final double[] s = start;
        float c0 = (float) s[0], c1 = (float) s[1], c2 = (float) s[2], c3 = (float) s[3];
        float c4 = (float) s[4], c5 = (float) s[5], c6 = (float) s[6], c7 = (float) s[7];
        float c8 = (float) s[8], c9 = (float) s[9], c10 = (float) s[10], c11 = (float) s[11];
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = Math.fma(c0, m, a); c1 = Math.fma(c1, m, a); c2 = Math.fma(c2, m, a); c3 = Math.fma(c3, m, a);
            c4 = Math.fma(c4, m, a); c5 = Math.fma(c5, m, a); c6 = Math.fma(c6, m, a); c7 = Math.fma(c7, m, a);
            c8 = Math.fma(c8, m, a); c9 = Math.fma(c9, m, a); c10 = Math.fma(c10, m, a); c11 = Math.fma(c11, m, a);
        }
        return ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11));
    }
}
