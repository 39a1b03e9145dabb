package org.sgdbench.bench.ceiling;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Read bandwidth with the JDK Vector API: the read-only sum of {@link MemoryBandwidthBenchmark#readSum()} over
 * three double arrays, loaded as vectors of the preferred species. Scalar loads (two per cycle) cannot reach what
 * a core reads from L1 or L2 per cycle with wide vector loads; this benchmark can, so the cache-level ceilings come
 * close to what native code reaches. Same byte accounting: 24 bytes per element. Links against
 * {@code jdk.incubator.vector}: {@code CeilingProbe} includes it only when the module is resolved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ReadBandwidthVectorBenchmark {
    static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;

    /** Elements of each of the three arrays of one thread; the probe sets it per memory level. */
    @Param("4000000")
    public int elements;

    double[] a;
    double[] b;
    double[] c;

    @Setup(Level.Trial)
    public void allocate() {
        a = new double[elements];
        b = new double[elements];
        c = new double[elements];
        for (int i = 0; i < elements; i++) {
            b[i] = 1.0 + (i & 7);
            c[i] = 0.5 * (i & 3);
        }
    }

    /** Two vector accumulators per array, so that the add latency does not bound the loads; a scalar tail. */
    @Benchmark
    public double readSum() {
        final double[] a = this.a, b = this.b, c = this.c;
        final int n = a.length, step = F64.length();
        DoubleVector a0 = DoubleVector.zero(F64), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0;
        int i = 0;
        for (int bound = F64.loopBound(n - step); i < bound; i += 2 * step) {
            a0 = a0.add(DoubleVector.fromArray(F64, a, i));
            a1 = a1.add(DoubleVector.fromArray(F64, a, i + step));
            b0 = b0.add(DoubleVector.fromArray(F64, b, i));
            b1 = b1.add(DoubleVector.fromArray(F64, b, i + step));
            c0 = c0.add(DoubleVector.fromArray(F64, c, i));
            c1 = c1.add(DoubleVector.fromArray(F64, c, i + step));
        }
        double tail = 0;
        for (; i < n; i++) tail += a[i] + b[i] + c[i];
        return a0.add(a1).add(b0.add(b1)).add(c0.add(c1)).reduceLanes(VectorOperators.ADD) + tail;
    }
}
