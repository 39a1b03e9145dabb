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
            new CeilingProbe.Settings(0, 10, 1, 50), false);
        assertThat(results).hasSize(1);
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
}
