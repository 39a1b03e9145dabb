package org.sgdbench.bench.ceiling;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Memory-bandwidth ceiling: one JMH operation sweeps three double arrays of {@link #elements} elements once.
 * The state is per thread, so with {@code -t n} every thread streams its own arrays and JMH's summed throughput is
 * the machine's aggregate bandwidth. {@code elements} must make the arrays of all threads together far larger than
 * the last-level cache ({@code CeilingProbe} sizes them at 4× the LLC), or this measures the cache instead.
 *
 * <p>Byte accounting follows STREAM: 24 bytes per element for the triad (two 8-byte loads, one 8-byte store).
 * Write-allocate traffic (the line of {@code a} read into cache before it is overwritten, 8 more bytes per element
 * unless the CPU uses streaming stores, which the JIT does not emit) is <em>not</em> counted: the number is then
 * comparable with published STREAM results and with the bytes kernels declare per operation (which name only the
 * bytes they load and store). The true bus traffic of the triad is up to 4/3 of the reported figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryBandwidthBenchmark {
    /** Triad: loads b[i], c[i], stores a[i]. Write-allocate not counted (see class comment). */
    public static final int TRIAD_BYTES_PER_ELEMENT = 3 * Double.BYTES;
    /** Read-only sum: loads a[i], b[i], c[i]. No stores, so no write-allocate question. */
    public static final int READ_BYTES_PER_ELEMENT = 3 * Double.BYTES;

    /** Elements of each of the three arrays of one thread; the probe overrides it from the cache size. */
    @Param("4000000")
    public int elements;

    /** Triad scalar; a field, not a constant, so that the JIT cannot fold it. */
    public double scalar = 3.0;

    double[] a;
    double[] b;
    double[] c;

    /** Bytes one {@link #triad()} operation counts for arrays of {@code elements}. */
    public static long triadBytesPerOperation(long elements) { return TRIAD_BYTES_PER_ELEMENT * elements; }

    /** Bytes one {@link #readSum()} operation counts for arrays of {@code elements}. */
    public static long readBytesPerOperation(long elements) { return READ_BYTES_PER_ELEMENT * elements; }

    /** Allocates and writes every element, so pages are faulted in (on this thread's NUMA node) before timing. */
    @Setup(Level.Trial)
    public void allocate() {
        a = new double[elements];
        b = new double[elements];
        c = new double[elements];
        for (int i = 0; i < elements; i++) {
            a[i] = 0.0;
            b[i] = 1.0 + (i & 7);
            c[i] = 0.5 * (i & 3);
        }
    }

    /** STREAM triad a[i] = b[i] + s·c[i]; the stores to a heap array are the observable effect. */
    @Benchmark
    public void triad() {
        final double[] a = this.a, b = this.b, c = this.c;
        final double s = scalar;
        for (int i = 0; i < a.length; i++) a[i] = b[i] + s * c[i];
    }

    /**
     * Sums all three arrays. Twelve independent accumulators (4-way unrolled, one set per array) so that the
     * floating-point add latency does not bound the loop below memory speed; the JIT may not reorder a single
     * floating-point sum by itself.
     */
    @Benchmark
    public double readSum() {
        final double[] a = this.a, b = this.b, c = this.c;
        final int n = a.length;
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a0 += a[i]; a1 += a[i + 1]; a2 += a[i + 2]; a3 += a[i + 3];
            b0 += b[i]; b1 += b[i + 1]; b2 += b[i + 2]; b3 += b[i + 3];
            c0 += c[i]; c1 += c[i + 1]; c2 += c[i + 2]; c3 += c[i + 3];
        }
        for (; i < n; i++) {
            a0 += a[i];
            b0 += b[i];
            c0 += c[i];
        }
        return (a0 + a1 + a2 + a3) + (b0 + b1 + b2 + b3) + (c0 + c1 + c2 + c3);
    }
}
