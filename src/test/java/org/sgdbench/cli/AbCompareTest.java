package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.report.AbComparison;
import org.sgdbench.report.Comparison;
import org.sgdbench.throughput.JmhResults;

/**
 * {@code compare --ab} with forks simulated on a drifting machine: its speed wanders ±25 % between pairs (what two
 * quick runs 20 s apart showed on a shared 2-core machine) and ±1.5 % between iterations. Build B's transfer
 * benchmark does 10 % more work in one test and the same work in the other (A/A). Real forks are too slow and too
 * noisy for a CI test; docs/reporting.md quotes a real A/B run of the same two cases.
 */
class AbCompareTest {
    @TempDir
    Path dir;

    static final String TRANSFER = "org.sgdbench.bench.TransferOperatorBenchmark.step";
    static final String SGD = "org.sgdbench.bench.SgdEnsembleBenchmark.advance";

    /** A fork runner whose machine speed drifts from fork to fork; B's transfer step is {@code slowdown} times slower. */
    static AbCompare.ForkRunner drifting(double slowdown, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] machine = new double[1];
        return (jar, isB, pair) -> {
            // the machine's speed changes between pairs and drifts a little within a pair
            machine[0] = isB ? machine[0] * (1 + 0.02 * (2 * r.nextDouble() - 1)) : 1 + 0.25 * (2 * r.nextDouble() - 1);
            return List.of(bench(TRANSFER, 20_000 * machine[0] / (isB ? slowdown : 1), r),
                bench(SGD, 300 * machine[0], r));
        };
    }

    static JmhResults.Benchmark bench(String name, double level, SplittableRandom r) {
        double[] raw = new double[5];
        double mean = 0;
        for (int i = 0; i < raw.length; i++) {
            raw[i] = level * (1 + 0.015 * (2 * r.nextDouble() - 1));
            mean += raw[i] / raw.length;
        }
        return new JmhResults.Benchmark(name, Map.of("backend", "scalar", "threads", "1"), "thrpt", "ops/s", mean, 0, raw);
    }

    private AbComparison.Result run(double slowdown, long seed) throws Exception {
        Path a = Files.writeString(dir.resolve("a.jar"), ""), b = Files.writeString(dir.resolve("b.jar"), "");
        AbCompare.Options o = new AbCompare.Options();
        o.pairs = 6;
        return AbCompare.run(a, b, o, Comparison.Settings.defaults(), drifting(slowdown, seed));
    }

    @Test
    void aTenPercentSlowdownOfBIsCaughtAndOnlyOnItsBenchmark() throws Exception {
        for (long seed = 1; seed <= 10; seed++) {
            AbComparison.Result r = run(1.1, seed);
            assertThat(r.regression()).as("seed " + seed).isTrue();
            assertThat(r.slower()).hasSize(1);
            assertThat(r.slower().get(0).label()).startsWith("transfer-1d");
            assertThat(r.slower().get(0).ratio()).isBetween(0.88, 0.94);
            assertThat(AbComparison.markdown(r)).contains("**REGRESSION:**").contains("**slower**");
        }
    }

    @Test
    void anAaComparisonReportsNoRegression() throws Exception {
        for (long seed = 1; seed <= 10; seed++) {
            AbComparison.Result r = run(1.0, seed);
            assertThat(r.regression()).as("seed " + seed).isFalse();
            assertThat(r.rows()).hasSize(2).allMatch(x -> x.verdict() == Comparison.Verdict.UNCHANGED && x.pairs() == 6);
            assertThat(AbComparison.markdown(r)).contains("**No regression.**");
        }
    }

    @Test
    void badBuildsAndSettingsAreExitTwo() throws Exception {
        CliRun missing = CliRun.of("compare", "--ab", dir.resolve("nope.jar").toString(), dir.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.jar");
        Path a = Files.writeString(dir.resolve("a.jar"), "");
        CliRun pairs = CliRun.of("compare", "--ab", "--pairs", "1", a.toString(), a.toString());
        assertThat(pairs.code()).isEqualTo(2);
        assertThat(pairs.err()).contains("pairs");
        CliRun three = CliRun.of("compare", "--ab", a.toString(), a.toString(), a.toString());
        assertThat(three.code()).isEqualTo(2);
    }
}
