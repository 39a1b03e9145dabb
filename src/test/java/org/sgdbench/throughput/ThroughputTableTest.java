package org.sgdbench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdbench.bench.DeclaredWork;
import org.sgdbench.bench.SgdEnsembleBenchmark;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ReportInputException;
import org.sgdbench.results.ThroughputRow;

/** The throughput accounting: natural units, speed-ups against scalar, GFLOP/s, GB/s and % of ceiling. */
class ThroughputTableTest {
    static final String SGD = SgdEnsembleBenchmark.class.getName() + ".advance";
    static final Path SOURCE = Path.of("jmh.json");

    static JmhResults.Benchmark sgd(String backend, String threads, double... opsPerSecond) {
        double mean = 0;
        for (double v : opsPerSecond) mean += v / opsPerSecond.length;
        return new JmhResults.Benchmark(SGD, Map.of("backend", backend, "precision", "F64", "walkers", "64",
            "modes", "4", "stepsPerOp", "16", "noise", "GAUSSIAN", "threads", threads), "thrpt", "ops/s", mean, 0.1 * mean,
            opsPerSecond);
    }

    /** A lookup that answers 100 GFLOP/s for compute, 10 GB/s for memory, and records what it was asked. */
    static final class RecordingCeiling implements Ceiling {
        final List<String> asked = new ArrayList<>();

        @Override
        public Value lookup(DeclaredWork work, String backend, String device, String precision, int threads) {
            asked.add(work.bound() + " " + backend + " " + precision + " " + threads);
            return work.bound() == DeclaredWork.Bound.COMPUTE ? new Value(100, "FMA") : new Value(10, "bandwidth");
        }
    }

    @Test
    void convertsOpsToNaturalUnitsAndDerivesGflopsGbytesAndPercentOfCeiling() {
        RecordingCeiling ceiling = new RecordingCeiling();
        List<ThroughputRow> rows = ThroughputTable.fromBenchmarks(SOURCE,
            List.of(sgd("scalar", "1", 1000, 1000, 1000)), ceiling, Map.of());
        ThroughputRow r = rows.get(0);
        // 64 walkers × 4 modes × 16 steps = 4096 walker-mode-steps per op
        assertThat(r.score()).isEqualTo(4_096_000.0);
        assertThat(r.scoreError()).isCloseTo(409_600.0, within(1e-6));
        assertThat(r.samples()).containsExactly(4_096_000.0, 4_096_000.0, 4_096_000.0);
        assertThat(r.unit()).isEqualTo("walker-mode-steps");
        // 88 flops and 2 bytes per walker-mode-step
        assertThat(r.gflops()).isCloseTo(4_096_000.0 * 88 / 1e9, within(1e-12));
        assertThat(r.gbytes()).isCloseTo(4_096_000.0 * 2 / 1e9, within(1e-12));
        // compute-bound: judged against the FMA ceiling of 100 GFLOP/s
        assertThat(r.ceilingPct()).isCloseTo(100 * r.gflops() / 100, within(1e-12));
        assertThat(r.ceilingName()).isEqualTo("FMA");
        assertThat(ceiling.asked).containsExactly("COMPUTE scalar F64 1");
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.device()).isEqualTo("scalar"); // no device label known → the backend
    }

    @Test
    void speedUpIsTheRatioToTheScalarRowWithIdenticalOtherParametersOnly() {
        List<ThroughputRow> rows = ThroughputTable.fromBenchmarks(SOURCE, List.of(
            sgd("scalar", "1", 1000), sgd("simd", "1", 4000), sgd("simd", "2", 7000), sgd("nd4j", "2", 500)),
            Ceiling.NONE, Map.of(ThroughputTable.deviceKey("sgd-ensemble", "simd", "F64"), "AVX-512"));
        assertThat(rows.get(0).speedup()).isEqualTo(1.0);
        assertThat(rows.get(1).speedup()).isEqualTo(4.0);
        assertThat(rows.get(1).device()).isEqualTo("AVX-512");
        // no scalar row with 2 threads: no speed-up rather than one against the wrong thread count
        assertThat(rows.get(2).speedup()).isNaN();
        assertThat(rows.get(3).speedup()).isNaN();
        assertThat(rows.get(0).ceilingPct()).isNaN();
    }

    @Test
    void benchmarksOutsideTheCatalogAreSkippedAndNonThroughputScoresRejected() {
        JmhResults.Benchmark other = new JmhResults.Benchmark("org.example.Other.run", Map.of(), "thrpt", "ops/s", 1, 0,
            new double[] {1});
        assertThat(ThroughputTable.fromBenchmarks(SOURCE, List.of(other), Ceiling.NONE, Map.of())).isEmpty();
        JmhResults.Benchmark avgt = new JmhResults.Benchmark(SGD, sgd("scalar", "1", 1).params(), "avgt", "s/op", 1, 0,
            new double[] {1});
        assertThatThrownBy(() -> ThroughputTable.fromBenchmarks(SOURCE, List.of(avgt), Ceiling.NONE, Map.of()))
            .isInstanceOf(ReportInputException.class).hasMessageContaining("jmh.json").hasMessageContaining("s/op");
    }
}
