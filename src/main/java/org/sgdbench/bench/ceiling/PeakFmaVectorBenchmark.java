package org.sgdbench.bench.ceiling;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * SIMD peak-FMA ceiling with the JDK Vector API at the preferred species. This class links against
 * {@code jdk.incubator.vector}: nothing outside a JMH fork started with {@code --add-modules jdk.incubator.vector}
 * may load it ({@code CeilingProbe} includes it only when the module is resolved). One JMH operation is one
 * <em>vector</em> FMA of {@link #lanesF64()} or {@link #lanesF32()} lanes; each lane counts
 * {@link PeakFmaBenchmark#FLOPS_PER_FMA} flops. Chains, iterations and operands as in {@link PeakFmaBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakFmaVectorBenchmark {
    static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;
    public static final int CHAINS = PeakFmaBenchmark.CHAINS;
    public static final int ITERATIONS = PeakFmaBenchmark.ITERATIONS;
    /** Vector FMAs one invocation performs. */
    public static final int VECTOR_FMAS_PER_INVOCATION = CHAINS * ITERATIONS;

    public double multiplier = 1.0 - 0x1p-20;
    public double addend = 0x1p-30;
    public float multiplierF32 = 1.0f - 0x1p-12f;
    public float addendF32 = 0x1p-20f;
    public final double[] start = new double[CHAINS];

    public PeakFmaVectorBenchmark() {
        for (int k = 0; k < CHAINS; k++) start[k] = 0.25 * k;
    }

    public static int lanesF64() { return F64.length(); }

    public static int lanesF32() { return F32.length(); }

    /** Flops one JMH operation (one vector FMA) counts in double precision. */
    public static int flopsPerOperationF64() { return lanesF64() * PeakFmaBenchmark.FLOPS_PER_FMA; }

    /** Flops one JMH operation (one vector FMA) counts in single precision. */
    public static int flopsPerOperationF32() { return lanesF32() * PeakFmaBenchmark.FLOPS_PER_FMA; }

    /** Returns the sum over chains and lanes, so that nothing is dead code. */
    @Benchmark
    @OperationsPerInvocation(VECTOR_FMAS_PER_INVOCATION)
    public double fmaF64() {
        final DoubleVector m = DoubleVector.broadcast(F64, multiplier), a = DoubleVector.broadcast(F64, addend);
        final double[] s = start;
        DoubleVector c0 = DoubleVector.broadcast(F64, s[0]), c1 = DoubleVector.broadcast(F64, s[1]);
        DoubleVector c2 = DoubleVector.broadcast(F64, s[2]), c3 = DoubleVector.broadcast(F64, s[3]);
        DoubleVector c4 = DoubleVector.broadcast(F64, s[4]), c5 = DoubleVector.broadcast(F64, s[5]);
        DoubleVector c6 = DoubleVector.broadcast(F64, s[6]), c7 = DoubleVector.broadcast(F64, s[7]);
        DoubleVector c8 = DoubleVector.broadcast(F64, s[8]), c9 = DoubleVector.broadcast(F64, s[9]);
        DoubleVector c10 = DoubleVector.broadcast(F64, s[10]), c11 = DoubleVector.broadcast(F64, s[11]);
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = c0.fma(m, a); c1 = c1.fma(m, a); c2 = c2.fma(m, a); c3 = c3.fma(m, a);
            c4 = c4.fma(m, a); c5 = c5.fma(m, a); c6 = c6.fma(m, a); c7 = c7.fma(m, a);
            c8 = c8.fma(m, a); c9 = c9.fma(m, a); c10 = c10.fma(m, a); c11 = c11.fma(m, a);
        }
        DoubleVector sum = c0.add(c1).add(c2.add(c3)).add(c4.add(c5).add(c6.add(c7))).add(c8.add(c9).add(c10.add(c11)));
        return sum.reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    @OperationsPerInvocation(VECTOR_FMAS_PER_INVOCATION)
    public float fmaF32() {
        final FloatVector m = FloatVector.broadcast(F32, multiplierF32), a = FloatVector.broadcast(F32, addendF32);
        final double[] s = start;
        FloatVector c0 = FloatVector.broadcast(F32, (float) s[0]), c1 = FloatVector.broadcast(F32, (float) s[1]);
        FloatVector c2 = FloatVector.broadcast(F32, (float) s[2]), c3 = FloatVector.broadcast(F32, (float) s[3]);
        FloatVector c4 = FloatVector.broadcast(F32, (float) s[4]), c5 = FloatVector.broadcast(F32, (float) s[5]);
        FloatVector c6 = FloatVector.broadcast(F32, (float) s[6]), c7 = FloatVector.broadcast(F32, (float) s[7]);
        FloatVector c8 = FloatVector.broadcast(F32, (float) s[8]), c9 = FloatVector.broadcast(F32, (float) s[9]);
        FloatVector c10 = FloatVector.broadcast(F32, (float) s[10]), c11 = FloatVector.broadcast(F32, (float) s[11]);
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = c0.fma(m, a); c1 = c1.fma(m, a); c2 = c2.fma(m, a); c3 = c3.fma(m, a);
            c4 = c4.fma(m, a); c5 = c5.fma(m, a); c6 = c6.fma(m, a); c7 = c7.fma(m, a);
            c8 = c8.fma(m, a); c9 = c9.fma(m, a); c10 = c10.fma(m, a); c11 = c11.fma(m, a);
        }
        FloatVector sum = c0.add(c1).add(c2.add(c3)).add(c4.add(c5).add(c6.add(c7))).add(c8.add(c9).add(c10.add(c11)));
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
