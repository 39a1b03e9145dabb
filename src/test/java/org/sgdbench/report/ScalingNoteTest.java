package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

class ScalingNoteTest {
    private static final String ND4J_ONE = "ND4J CPU OpenBLAS, 1 op threads (OpenMP wait PASSIVE), noise: simd on 1 Java thread";
    private static final String ND4J_TWO = "ND4J CPU OpenBLAS, 2 op threads (OpenMP wait PASSIVE), noise: simd on 2 Java threads";

    /** An SGD-ensemble row, F32, 64 walkers; its score is the mean of the samples. */
    static ThroughputRow row(String backend, int threads, String device, double... samples) {
        double mean = 0;
        for (double s : samples) mean += s / samples.length;
        return new ThroughputRow("sgd-ensemble", backend, "F32", threads, device,
            Map.of("backend", backend, "precision", "F32", "threads", Integer.toString(threads), "walkers", "64"),
            "walker-mode-steps", mean, 0, Double.NaN, 1, 1, Double.NaN, "", Outcome.OK, "", samples);
    }

    /** A native C row as NativeReference builds them: no per-iteration samples. */
    static ThroughputRow nativeRow(int threads, double score) {
        return new ThroughputRow("sgd-ensemble", NativeReference.BACKEND, "F32", threads, "C gcc -O3, " + threads + " pthreads",
            Map.of("backend", NativeReference.BACKEND, "precision", "F32", "threads", Integer.toString(threads), "walkers", "64"),
            "walker-mode-steps", score, 0, Double.NaN, 1, 1, Double.NaN, "", Outcome.OK, "");
    }

    @Test
    void aSpeedUpAtTheThresholdNeedsNoExplanation() {
        ThroughputRow one = row("simd", 1, "SIMD", 100, 101, 99), two = row("simd", 2, "SIMD", 170, 171, 169);
        assertThat(ScalingNote.explain(one, two, List.of(one, two))).isEmpty();
        ThroughputRow four = row("simd", 4, "SIMD", 340, 341, 339);
        assertThat(ScalingNote.threshold(4)).isEqualTo(3.4);
        assertThat(ScalingNote.explain(one, four, List.of(one, four))).isEmpty();
    }

    @Test
    void anIntervalContainingTheThresholdIsNotSignificantlyBelow() {
        // 1.65× with a wide interval, even though native C scaled badly: no reason is given
        ThroughputRow one = row("simd", 1, "SIMD", 100, 130, 70), two = row("simd", 2, "SIMD", 165, 215, 115);
        List<ThroughputRow> rows = List.of(one, two, nativeRow(1, 100), nativeRow(2, 120));
        assertThat(ThroughputSummary.ratio(one, two).upper()).isGreaterThan(1.7);
        assertThat(ScalingNote.explain(one, two, rows)).startsWith("not significantly below 1.70×");
    }

    @Test
    void nativeCScalingBelowTheThresholdBlamesTheMachine() {
        ThroughputRow one = row("scalar", 1, "Java scalar", 100, 101, 99), two = row("scalar", 2, "Java scalar", 120, 121, 119);
        List<ThroughputRow> rows = List.of(one, two, nativeRow(1, 200), nativeRow(2, 250));
        assertThat(ScalingNote.explain(one, two, rows)).isEqualTo("machine: native C scaled only 1.25× in this run");
    }

    @Test
    void nativeCOfAnotherSizeIsNotEvidence() {
        ThroughputRow one = row("scalar", 1, "Java scalar", 100, 101, 99), two = row("scalar", 2, "Java scalar", 120, 121, 119);
        ThroughputRow otherSizeOne = new ThroughputRow("sgd-ensemble", NativeReference.BACKEND, "F32", 1, "C",
            Map.of("walkers", "128"), "walker-mode-steps", 200, 0, Double.NaN, 1, 1, Double.NaN, "", Outcome.OK, "");
        ThroughputRow otherSizeTwo = new ThroughputRow("sgd-ensemble", NativeReference.BACKEND, "F32", 2, "C",
            Map.of("walkers", "128"), "walker-mode-steps", 210, 0, Double.NaN, 1, 1, Double.NaN, "", Outcome.OK, "");
        assertThat(ScalingNote.explain(one, two, List.of(one, two, otherSizeOne, otherSizeTwo)))
            .isEqualTo("not explained: no native C rows at 1 and 2 threads to compare with in this run");
    }

    @Test
    void aDeviceLabelWithFewerThreadsIsQuoted() {
        String capped = "ND4J CPU OpenBLAS, 1 op threads (OpenMP wait unset (spin then sleep)), noise: simd on 2 Java threads";
        ThroughputRow one = row("nd4j", 1, ND4J_ONE, 100, 101, 99), two = row("nd4j", 2, capped, 110, 111, 109);
        List<ThroughputRow> rows = List.of(one, two, nativeRow(1, 200), nativeRow(2, 390));
        assertThat(ScalingNote.explain(one, two, rows))
            .isEqualTo("ran on fewer than 2 threads: device label says \"1 op threads (OpenMP wait unset (spin then sleep))\"");
    }

    @Test
    void labelPartsNamingEnoughThreadsAreNotQuoted() {
        assertThat(ScalingNote.fewerThreadsInLabel(ND4J_TWO, 2)).isEmpty();
        assertThat(ScalingNote.fewerThreadsInLabel("C gcc -O3, 2 pthreads", 2)).isEmpty();
        assertThat(ScalingNote.fewerThreadsInLabel("C gcc -O3, 1 thread", 2)).containsExactly("1 thread");
        assertThat(ScalingNote.fewerThreadsInLabel("SIMD 512-bit (16×f32)", 2)).isEmpty();
        String blocks = "ND4J CPU OpenBLAS, 2 walker blocks on 2 Java threads, single-threaded ops (OpenMP wait PASSIVE),"
            + " noise: simd on 2 Java threads";
        assertThat(ScalingNote.fewerThreadsInLabel(blocks, 2)).isEmpty();
        assertThat(ScalingNote.fewerThreadsInLabel(blocks, 4)).containsExactly("2 Java threads", "2 Java threads");
    }

    @Test
    void nd4jWithAllItsThreadsGetsItsDocumentedSuspect() {
        ThroughputRow one = row("nd4j", 1, ND4J_ONE, 100, 101, 99), two = row("nd4j", 2, ND4J_TWO, 60, 61, 59);
        List<ThroughputRow> rows = List.of(one, two, nativeRow(1, 200), nativeRow(2, 390));
        assertThat(ScalingNote.explain(one, two, rows)).startsWith("measured apart").contains("see Nd4jSgdEnsemble");
    }

    @Test
    void aparapiOnOpenClIgnoresTheThreadCount() {
        String device = "OpenCL CPU: pthread-skylake-avx512 (The pocl project)";
        ThroughputRow one = row("aparapi", 1, device, 100, 101, 99), two = row("aparapi", 2, device, 101, 102, 100);
        assertThat(ScalingNote.explain(one, two, List.of(one, two)))
            .startsWith("threads do not apply on OpenCL").contains("see AparapiSgdEnsemble");
    }

    @Test
    void anythingElseIsNotExplainedAndSaysHowNativeCScaled() {
        ThroughputRow one = row("simd", 1, "SIMD", 100, 101, 99), two = row("simd", 2, "SIMD", 120, 121, 119);
        List<ThroughputRow> rows = List.of(one, two, nativeRow(1, 200), nativeRow(2, 390));
        assertThat(ScalingNote.explain(one, two, rows)).isEqualTo("not explained: native C scaled 1.95× in this run");
        ThroughputRow jtpOne = row("aparapi", 1, "Java thread pool (JTP)", 100, 101, 99);
        ThroughputRow jtpTwo = row("aparapi", 2, "Java thread pool (JTP)", 120, 121, 119);
        assertThat(ScalingNote.explain(jtpOne, jtpTwo, List.of(jtpOne, jtpTwo))).startsWith("not explained: ");
    }

    @Test
    void theScalingTableCarriesTheNoteInItsLastColumn() {
        ThroughputRow one = row("simd", 1, "SIMD", 100, 101, 99), two = row("simd", 2, "SIMD", 120, 121, 119);
        ThroughputRow nd4jOne = row("nd4j", 1, ND4J_ONE, 50, 51, 49), nd4jTwo = row("nd4j", 2, ND4J_TWO, 95, 96, 94);
        List<ThroughputRow> rows = List.of(one, two, nd4jOne, nd4jTwo, nativeRow(1, 200), nativeRow(2, 240));
        String md = ThroughputReport.scaling(rows).markdown();
        assertThat(md).contains(ThroughputReport.SCALING_NOTE_COLUMN + " |")
            .contains("| machine: native C scaled only 1.20× in this run |")
            // ND4J's 1.90× needs no reason; native C's own row explains itself by its own speed-up
            .containsPattern("\\| nd4j \\|.*\\| 1\\.90× \\([^|]*\\|[^|]*\\|  \\|");
        assertThat(ThroughputReport.markdown(rows, "t")).contains("\"not significantly below\"");
    }
}
