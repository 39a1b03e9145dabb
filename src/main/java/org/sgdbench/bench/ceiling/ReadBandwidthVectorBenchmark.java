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
 *
 * <p>The sum starts at the first element on a 64-byte boundary ({@link #first}): a {@code double[]} body starts 16
 * bytes after an 8-byte-aligned object, so a 64-byte vector load from index 0 straddles two cache lines nearly
 * every time, and a core serves a split load at half speed (C's arrays of the native reference are 64-byte
 * aligned). Objects start on 64-byte boundaries only with {@code -XX:ObjectAlignmentInBytes=64}, which the forks get
 * ({@link #OBJECT_ALIGNMENT_FLAG}); without it {@link #first} is 0.
 * Run: {@code sgdbench jmh ReadBandwidthVectorBenchmark -p elements=1024 -p sweeps=64}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", ReadBandwidthVectorBenchmark.OBJECT_ALIGNMENT_FLAG})
public class ReadBandwidthVectorBenchmark {
    static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;
    /** A cache line, and the widest vector (AVX-512). */
    static final int LINE_BYTES = 64;
    /** The fork flag that makes every object, so every array, start on a 64-byte boundary. */
    public static final String OBJECT_ALIGNMENT_FLAG = "-XX:ObjectAlignmentInBytes=64";

    /** Elements of each of the three arrays of one thread; the probe sets it per memory level. */
    @Param("4000000")
    public int elements;

    double[] a;
    double[] b;
    double[] c;
    /** Index of the first element summed: the first on a 64-byte boundary (0 when that cannot be known). */
    int first;

    @Setup(Level.Trial)
    public void allocate() {
        first = alignedFirstIndex(objectAlignmentBytes(), arrayBaseOffsetBytes());
        a = new double[first + elements];
        b = new double[first + elements];
        c = new double[first + elements];
        for (int i = first; i < first + elements; i++) {
            b[i] = 1.0 + (i & 7);
            c[i] = 0.5 * (i & 3);
        }
    }

    /**
     * The index of the first element on a 64-byte boundary of a double array whose object starts at a multiple of
     * {@code objectAlignment} and whose elements start {@code baseOffset} bytes into it; 0 when objects are not
     * line-aligned (the element addresses mod 64 are then unknown).
     */
    static int alignedFirstIndex(int objectAlignment, long baseOffset) {
        if (objectAlignment <= 0 || objectAlignment % LINE_BYTES != 0 || baseOffset < 0 || baseOffset % Double.BYTES != 0)
            return 0;
        return (int) ((LINE_BYTES - baseOffset % LINE_BYTES) % LINE_BYTES / Double.BYTES);
    }

    /** The JVM's object alignment (HotSpot's ObjectAlignmentInBytes), 0 when the JVM does not say. */
    static int objectAlignmentBytes() {
        try {
            var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
                com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot == null ? 0 : Integer.parseInt(hotspot.getVMOption("ObjectAlignmentInBytes").getValue());
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** Where a double[]'s elements start inside the array object, bytes; -1 when unknown. */
    @SuppressWarnings("removal")
    static long arrayBaseOffsetBytes() {
        try {
            return sun.misc.Unsafe.ARRAY_DOUBLE_BASE_OFFSET;
        } catch (LinkageError e) {
            return -1;
        }
    }

    /**
     * Two vector accumulators per array, so that the add latency does not bound the loads; a scalar tail. Every load
     * of the vector loop is line-aligned when {@link #first} is.
     */
    @Benchmark
    public double readSum() {
        final double[] a = this.a, b = this.b, c = this.c;
        final int n = a.length, step = F64.length();
        DoubleVector a0 = DoubleVector.zero(F64), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0;
        int i = first;
        for (int bound = n - 2 * step; i <= bound; i += 2 * step) {
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
