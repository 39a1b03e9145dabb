package org.sgdbench.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.sgdbench.bench.ceiling.MemoryBandwidthBenchmark;
import org.sgdbench.problem.InvalidSpecException;

/** Array sizing, fork flags, and one tiny JMH run from the test class path (speeds are not asserted). */
class CeilingProbeTest {
    @BeforeAll
    static void allowConcurrentJmh() {
        // other builds on this machine may hold JMH's lock; this test times nothing that matters
        System.setProperty("jmh.ignoreLock", "true");
    }

    /** A native loop that records its calls and answers from a table. */
    private static final class FakeNative implements CeilingProbe.NativeBracket {
        final java.util.List<String> calls = new java.util.ArrayList<>();
        double next = 100;

        @Override
        public double measure(String kind, int threads, int elements) {
            calls.add(kind + "/" + threads + "/" + elements);
            return next++;
        }

        @Override
        public String compiler() { return "fake cc"; }
    }

    @Test
    void nativeFiguresBracketEachSuiteMeasurementSymmetrically() {
        FakeNative fake = new FakeNative();
        CeilingProbe.Bracketing b = new CeilingProbe.Bracketing(fake, 0);
        var group = List.of(new CeilingProbe.NativeFigure("triad", "triad", "GB/s", 2, 5000),
            new CeilingProbe.NativeFigure("read, memory", "read", "GB/s", 2, 5000));
        b.before(group);
        b.after(group);
        b.suite("triad", 2, 103);
        b.suite("read, memory", 2, 101 * 0.8);
        // after the suite's run the order is reversed: triad's pair is the outer one, read's the inner one
        assertThat(fake.calls).containsExactly("triad/2/5000", "read/2/5000", "read/2/5000", "triad/2/5000");
        Ceilings.NativeCheck check = b.check("t");
        assertThat(check.compiler()).isEqualTo("fake cc");
        assertThat(check.rows()).extracting(Ceilings.NativeRow::ceiling).containsExactly("triad", "read, memory");
        Ceilings.NativeRow triad = check.rows().get(0), read = check.rows().get(1);
        assertThat(triad.nativeBefore()).isEqualTo(100);
        assertThat(triad.nativeAfter()).isEqualTo(103);
        assertThat(triad.ratio()).isCloseTo(103 / 101.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(read.nativeBefore()).isEqualTo(101);
        assertThat(read.nativeAfter()).isEqualTo(102);
        assertThat(read.ratio()).isCloseTo(80.8 / 101.5, org.assertj.core.data.Offset.offset(1e-12));
        // 0.80 is outside 10 %, 1.015 inside; a suite figure below C is not rechecked
        assertThat(check.outside()).containsExactly(read);
        assertThat(read.nativeRecheck()).isNull();
        assertThat(fake.calls).hasSize(4);
        assertThat(triad.nativeDrift()).isCloseTo(3 / 103.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aSuiteFigureAboveBothCFiguresIsCheckedAgainstTheCLoopsBestRecheck() {
        FakeNative fake = new FakeNative();
        CeilingProbe.Bracketing b = new CeilingProbe.Bracketing(fake, 0);
        var group = List.of(new CeilingProbe.NativeFigure("triad", "triad", "GB/s", 2, 5000));
        b.before(group); // 100
        b.after(group);  // 101
        b.suite("triad", 2, 104.5);
        Ceilings.NativeRow row = b.check("t").rows().get(0);
        // 104.5 / 100.5 = 1.04: within, no recheck
        assertThat(row.nativeRecheck()).isNull();

        FakeNative rising = new FakeNative();
        CeilingProbe.Bracketing r = new CeilingProbe.Bracketing(rising, 0);
        r.before(group); // 100
        r.after(group);  // 101
        r.suite("triad", 2, 130);
        Ceilings.NativeRow rechecked = r.check("t").rows().get(0);
        // five more C figures, 102 … 106: the best of them is the native figure
        assertThat(rising.calls).hasSize(2 + CeilingProbe.RECHECKS);
        assertThat(rechecked.nativeRecheck()).isEqualTo(106);
        assertThat(rechecked.nativeFigure()).isCloseTo(106, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rechecked.ratio()).isCloseTo(130 / 106.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void withoutANativeLoopNothingIsMeasuredOrRecorded() {
        CeilingProbe.Bracketing b = new CeilingProbe.Bracketing(null);
        b.before(List.of(new CeilingProbe.NativeFigure("F32 FMA", "fma-f32", "GFLOP/s", 1, 0)));
        b.suite("F32 FMA", 1, 10);
        assertThat(b.check("t")).isNull();
    }

    @Test
    void arraysOfAllThreadsSpanFourTimesTheLastLevelCache() {
        long llc = 300L << 20;
        long mem = 64L << 30;
        for (int threads : new int[] {1, 2, 16}) {
            int e = CeilingProbe.elementsPerThread(llc, threads, mem);
            long total = (long) e * MemoryBandwidthBenchmark.TRIAD_BYTES_PER_ELEMENT * threads;
            assertThat(total).isGreaterThanOrEqualTo(4 * llc);
            assertThat(e).isGreaterThanOrEqualTo(CeilingProbe.MIN_ELEMENTS);
        }
        // small caches: the per-thread minimum applies
        assertThat(CeilingProbe.elementsPerThread(1L << 20, 1, mem)).isEqualTo(CeilingProbe.MIN_ELEMENTS);
        // unknown cache: an assumed 64 MiB
        assertThat((long) CeilingProbe.elementsPerThread(-1, 1, mem) * 24).isGreaterThanOrEqualTo(4 * (64L << 20));
    }

    @Test
    void arraysNeverTakeMoreThanAQuarterOfMemory() {
        long mem = 4L << 30;
        int e = CeilingProbe.elementsPerThread(2L << 30, 8, mem);
        assertThat((long) e * 24 * 8).isLessThanOrEqualTo(mem / 4);
        assertThat(CeilingProbe.forkHeapMiB(e, 8)).isGreaterThan((long) e * 24 * 8 >> 20);
    }

    @Test
    void forksGetTheSuiteFlagsAndAHeapForTheirArrays() {
        List<String> args = CeilingProbe.forkJvmArgs(10_000_000, 2);
        assertThat(args).contains("--enable-native-access=ALL-UNNAMED");
        // the vector read benchmark's arrays start on cache lines only with 64-byte object alignment
        assertThat(args).contains("-XX:ObjectAlignmentInBytes=64");
        // the heap on transparent huge pages, as the C loops' large arrays (madvise)
        assertThat(args).contains("-XX:+UseTransparentHugePages");
        assertThat(args).contains("-Xmx" + CeilingProbe.forkHeapMiB(10_000_000, 2) + "m");
        if (VectorApiProbe.moduleInJdk()) assertThat(args).containsSequence("--add-modules", "jdk.incubator.vector");
    }

    @Test
    void threadCountOutsideItsRangeIsRejected() {
        assertThatThrownBy(() -> CeilingProbe.measure(true, 0))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("threads");
    }

    @Test
    void aTinyJmhRunFindsTheGeneratedBenchmarkListAndForks() {
        String readSum = CeilingProbe.name(MemoryBandwidthBenchmark.class, "readSum");
        Collection<RunResult> results = CeilingProbe.run(List.of(readSum), 1, 4096,
            new CeilingProbe.Settings(2, 0, 10, 1, 50), false);
        assertThat(results).hasSize(1);
        // each fork is kept apart: the probe keeps the best one
        assertThat(results.iterator().next().getBenchmarkResults()).hasSize(2);
        RunResult r = results.iterator().next();
        assertThat(r.getParams().getBenchmark()).isEqualTo(readSum);
        assertThat(r.getParams().getParam("elements")).isEqualTo("4096");
        assertThat(r.getPrimaryResult().getScore()).isPositive();
        assertThat(r.getPrimaryResult().getScoreUnit()).isEqualTo("ops/s");
    }

    @Test
    void anUnknownBenchmarkIsAProbeError() {
        assertThatThrownBy(() -> CeilingProbe.run(List.of("org.sgdbench.bench.ceiling.NoSuch.method"), 1, 4096,
            new CeilingProbe.Settings(0, 10, 1, 10), false))
            .isInstanceOf(CeilingProbeException.class);
    }

    @Test
    void forkSpreadIsRelativeToTheBestForkAndWideSpreadsAreFlagged() {
        List<CeilingProbe.Fork> forks = List.of(new CeilingProbe.Fork(100, 1), new CeilingProbe.Fork(80, 1),
            new CeilingProbe.Fork(95, 1));
        assertThat(CeilingProbe.spread(forks)).isEqualTo(0.2);
        assertThat(CeilingProbe.spread(List.of(new CeilingProbe.Fork(5, 1)))).isZero();
        CeilingProbe.Accounting acc = new CeilingProbe.Accounting(32L << 20, 1 << 20, 1 << 20);
        Ceilings.Measurement m = acc.measurement("readSum", "b.readSum", 1, 1 << 20, new java.util.ArrayList<>(forks));
        // the best fork is the ceiling: 100 ops/s × 24 B × 2^20 elements
        assertThat(m.operationsPerSecond()).isEqualTo(100);
        assertThat(m.value()).isEqualTo(100 * 24.0 * (1 << 20) / 1e9);
        assertThat(m.forks()).isEqualTo(3);
        assertThat(m.forkSpread()).isEqualTo(0.2);
        assertThat(m.flag()).contains("20 % apart");
        Ceilings.Measurement tight = acc.measurement("readSum", "b.readSum", 1, 1 << 20,
            List.of(new CeilingProbe.Fork(100, 1), new CeilingProbe.Fork(97, 1)));
        assertThat(tight.flag()).isEmpty();
    }

    @Test
    void cacheLevelsAreSizedFromTheProfileAndTheSharedLevelIsSplitBetweenThreads() {
        HardwareProfile.Cpu cpu = new HardwareProfile.Cpu("AuthenticAMD", "AMD EPYC", "25", "17", "1", "unknown", 2, 2, 1,
            -1, List.of(new HardwareProfile.Cache(3, "UNIFIED", 32L << 20, 64, 16),
                new HardwareProfile.Cache(2, "UNIFIED", 2L << 20, 64, 8), new HardwareProfile.Cache(1, "DATA", 48L << 10, 64, 12),
                new HardwareProfile.Cache(1, "INSTRUCTION", 32L << 10, 64, 8)));
        List<CeilingProbe.CacheSize> levels = CeilingProbe.cacheSizes(cpu, 32L << 20);
        assertThat(levels).extracting(CeilingProbe.CacheSize::level).containsExactly(1, 2, 3);
        assertThat(levels.get(0).bytes()).isEqualTo(48L << 10); // the data cache, not the instruction cache
        assertThat(levels.get(2).shared()).isTrue();
        // three arrays of doubles fill half of the level: 48 KiB / 2 / 24 B
        assertThat(CeilingProbe.cacheElements(levels.get(0), 2)).isEqualTo(1024);
        assertThat(CeilingProbe.cacheElements(levels.get(2), 1)).isEqualTo((32 << 20) / 2 / 24);
        assertThat(CeilingProbe.cacheElements(levels.get(2), 2)).isEqualTo((32 << 20) / 2 / 2 / 24);
    }
}
