package org.sgdbench.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The work each ceiling benchmark declares per JMH operation is the work its method does: the bandwidth methods
 * touch every element of the three arrays once, the FMA methods perform exactly the FMAs they declare.
 */
class CeilingBenchmarkAccountingTest {
    private static MemoryBandwidthBenchmark allocated(int elements) {
        MemoryBandwidthBenchmark b = new MemoryBandwidthBenchmark();
        b.elements = elements;
        b.allocate();
        return b;
    }

    @Test
    void triadDeclaresTwentyFourBytesPerElementAndWritesEveryElementFromTwoReads() {
        int n = 1003; // odd, to exercise any unrolled tail
        MemoryBandwidthBenchmark bench = allocated(n);
        assertThat(bench.a).hasSize(n);
        assertThat(bench.b).hasSize(n);
        assertThat(bench.c).hasSize(n);
        java.util.Arrays.fill(bench.a, Double.NaN); // any element the triad skips stays NaN
        bench.scalar = 3.0;
        bench.triad();
        for (int i = 0; i < n; i++) assertThat(bench.a[i]).isEqualTo(bench.b[i] + 3.0 * bench.c[i]);
        // two loads (b, c) and one store (a) of 8 bytes each; write-allocate not counted
        assertThat(MemoryBandwidthBenchmark.TRIAD_BYTES_PER_ELEMENT).isEqualTo(2 * Double.BYTES + Double.BYTES);
        assertThat(MemoryBandwidthBenchmark.triadBytesPerOperation(n)).isEqualTo(24L * n);
        assertThat(MemoryBandwidthBenchmark.triadBytesPerOperation(100_000_000L)).isEqualTo(2_400_000_000L);
    }

    @Test
    void readSumReadsEveryElementOfTheThreeArraysExactlyOnce() {
        for (int n : new int[] {1, 2, 3, 4, 5, 1001, 1003}) {
            MemoryBandwidthBenchmark bench = allocated(n);
            // a distinct power of two per array: the sum says how often each array was read
            for (int i = 0; i < n; i++) {
                bench.a[i] = 1.0;
                bench.b[i] = 1024.0;
                bench.c[i] = 1024.0 * 1024.0;
            }
            assertThat(bench.readSum()).isEqualTo(n * (1.0 + 1024.0 + 1024.0 * 1024.0));
        }
        assertThat(MemoryBandwidthBenchmark.READ_BYTES_PER_ELEMENT).isEqualTo(3 * Double.BYTES);
        assertThat(MemoryBandwidthBenchmark.readBytesPerOperation(1003)).isEqualTo(24L * 1003);
    }

    @Test
    void scalarFmaPerformsTheDeclaredNumberOfFmasAndCountsTwoFlopsEach() {
        PeakFmaBenchmark bench = new PeakFmaBenchmark();
        double startSum = 0;
        for (double s : bench.start) startSum += s;
        // with m = 1 and a = 1 every FMA adds exactly 1: the result counts the FMAs performed
        bench.multiplier = 1.0;
        bench.addend = 1.0;
        bench.multiplierF32 = 1.0f;
        bench.addendF32 = 1.0f;
        assertThat(bench.fmaF64()).isEqualTo(startSum + PeakFmaBenchmark.FMAS_PER_INVOCATION);
        assertThat((double) bench.fmaF32()).isEqualTo(startSum + PeakFmaBenchmark.FMAS_PER_INVOCATION);
        assertThat(PeakFmaBenchmark.FMAS_PER_INVOCATION).isEqualTo(PeakFmaBenchmark.CHAINS * PeakFmaBenchmark.ITERATIONS);
        assertThat(PeakFmaBenchmark.flopsPerOperation()).isEqualTo(2);
    }

    @Test
    void scalarFmaChainsStayFiniteAndNormalWithTheBenchmarkOperands() {
        PeakFmaBenchmark bench = new PeakFmaBenchmark();
        double r = bench.fmaF64();
        float f = bench.fmaF32();
        assertThat(Double.isFinite(r) && Math.abs(r) >= Double.MIN_NORMAL).isTrue();
        assertThat(Float.isFinite(f) && Math.abs(f) >= Float.MIN_NORMAL).isTrue();
    }

    @Test
    void vectorFmaPerformsTheDeclaredVectorFmasAndCountsTwoFlopsPerLane() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module not resolved");
        PeakFmaVectorBenchmark bench = new PeakFmaVectorBenchmark();
        double startSum = 0;
        for (double s : bench.start) startSum += s;
        bench.multiplier = 1.0;
        bench.addend = 1.0;
        bench.multiplierF32 = 1.0f;
        bench.addendF32 = 1.0f;
        int lanes64 = PeakFmaVectorBenchmark.lanesF64();
        int lanes32 = PeakFmaVectorBenchmark.lanesF32();
        // every lane of every chain gets one +1 per vector FMA
        assertThat(bench.fmaF64()).isEqualTo(lanes64 * (startSum + PeakFmaVectorBenchmark.VECTOR_FMAS_PER_INVOCATION));
        assertThat((double) bench.fmaF32()).isEqualTo(lanes32 * (startSum + PeakFmaVectorBenchmark.VECTOR_FMAS_PER_INVOCATION));
        assertThat(lanes32).isEqualTo(2 * lanes64);
        assertThat(PeakFmaVectorBenchmark.flopsPerOperationF64()).isEqualTo(2 * lanes64);
        assertThat(PeakFmaVectorBenchmark.flopsPerOperationF32()).isEqualTo(2 * lanes32);
    }

    @Test
    void vectorReadSumReadsEveryElementOfTheThreeArraysExactlyOnce() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module not resolved");
        for (int n : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 1003}) {
            ReadBandwidthVectorBenchmark bench = new ReadBandwidthVectorBenchmark();
            bench.elements = n;
            bench.allocate();
            assertThat(bench.a).hasSize(bench.first + n);
            // the elements before the aligned start hold a marker that must not enter the sum
            for (int i = 0; i < bench.first; i++) {
                bench.a[i] = Double.NaN;
                bench.b[i] = Double.NaN;
                bench.c[i] = Double.NaN;
            }
            for (int i = bench.first; i < bench.first + n; i++) {
                bench.a[i] = 1.0;
                bench.b[i] = 1024.0;
                bench.c[i] = 1024.0 * 1024.0;
            }
            assertThat(bench.readSum()).as("n = " + n).isEqualTo(n * (1.0 + 1024.0 + 1024.0 * 1024.0));
        }
    }

    @Test
    void vectorReadSumStartsAtTheFirstElementOnACacheLineWhenObjectsAreLineAligned() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module not resolved");
        // elements 16 bytes into a 64-byte aligned object: index 6 is at byte 64
        assertThat(ReadBandwidthVectorBenchmark.alignedFirstIndex(64, 16)).isEqualTo(6);
        assertThat(ReadBandwidthVectorBenchmark.alignedFirstIndex(128, 24)).isEqualTo(5);
        assertThat(ReadBandwidthVectorBenchmark.alignedFirstIndex(64, 64)).isZero();
        // objects only 8- or 16-byte aligned, or an unknown layout: the address mod 64 is unknown, start at 0
        assertThat(ReadBandwidthVectorBenchmark.alignedFirstIndex(8, 16)).isZero();
        assertThat(ReadBandwidthVectorBenchmark.alignedFirstIndex(16, 16)).isZero();
        assertThat(ReadBandwidthVectorBenchmark.alignedFirstIndex(0, 16)).isZero();
        assertThat(ReadBandwidthVectorBenchmark.alignedFirstIndex(64, -1)).isZero();
        // this JVM (surefire's default alignment of 8 bytes): the benchmark sums from index 0
        int alignment = ReadBandwidthVectorBenchmark.objectAlignmentBytes();
        ReadBandwidthVectorBenchmark bench = new ReadBandwidthVectorBenchmark();
        bench.elements = 16;
        bench.allocate();
        assertThat(bench.first).isEqualTo(
            ReadBandwidthVectorBenchmark.alignedFirstIndex(alignment, ReadBandwidthVectorBenchmark.arrayBaseOffsetBytes()));
        assertThat(ReadBandwidthVectorBenchmark.OBJECT_ALIGNMENT_FLAG).isEqualTo("-XX:ObjectAlignmentInBytes=64");
    }
}
