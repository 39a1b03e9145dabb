package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.report.RunFixture;
import org.sgdbench.results.Json;

/**
 * {@code sgdbench compare} on a real quick run (see {@link RunFixture}) and synthetic candidates derived from it: a
 * 30 % slow-down of one benchmark is named, and only it; a run against itself is no regression; accuracy
 * regressions count whatever the speed; bad input is exit 2 with one line naming the file.
 */
class CompareCommandTest {
    @TempDir
    Path root;

    private static final String SLOWED = "org.sgdbench.bench.TransferOperatorBenchmark.step";

    private static boolean slowedOne(JsonNode b) {
        return b.get("benchmark").asText().equals(SLOWED) && b.get("params").get("cells").asText().equals("16384")
            && b.get("params").get("precision").asText().equals("F64");
    }

    /** Baseline and candidate with 10 iterations each; the candidate's transfer-1d F64 16384 cells at 70 %. */
    private Path[] slowedPair() throws Exception {
        Path base = RunFixture.copy(root, "20260101T000000Z"), cand = RunFixture.copy(root, "20260102T000000Z");
        ArrayNode b = RunFixture.jmh(base);
        RunFixture.widenIterations(b, 10);
        RunFixture.writeJmh(base, b);
        ArrayNode c = RunFixture.jmh(cand);
        RunFixture.widenIterations(c, 10);
        assertThat(RunFixture.scale(c, CompareCommandTest::slowedOne, 0.7)).isEqualTo(1);
        RunFixture.writeJmh(cand, c);
        return new Path[] {base, cand};
    }

    @Test
    void aThirtyPercentSlowdownOfOneBenchmarkIsNamedAndExitsOne() throws Exception {
        Path[] p = slowedPair();
        Path json = root.resolve("cmp.json");
        CliRun r = CliRun.of("compare", p[0].toString(), p[1].toString(), "--json", json.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.out()).contains("**REGRESSION:** 1 benchmark(s) slower: transfer-1d backend=scalar cells=16384 "
            + "precision=F64 threads=2");
        JsonNode res = Json.MAPPER.readTree(json.toFile());
        List<String> slower = new ArrayList<>(), others = new ArrayList<>();
        for (JsonNode b : res.get("benchmarks"))
            (b.get("verdict").asText().equals("SLOWER") ? slower : others).add(b.get("label").asText());
        assertThat(slower).containsExactly("transfer-1d backend=scalar cells=16384 precision=F64 threads=2");
        assertThat(others).hasSize(10);
        for (JsonNode b : res.get("benchmarks")) {
            if (!b.get("verdict").asText().equals("SLOWER")) {
                assertThat(b.get("verdict").asText()).isEqualTo("UNCHANGED");
                continue;
            }
            assertThat(b.get("ratio").asDouble()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(b.get("ratioLower").asDouble()).isLessThan(0.7);
            assertThat(b.get("ratioUpper").asDouble()).isGreaterThan(0.7).isLessThan(0.95);
            assertThat(b.get("pValue").asDouble()).isLessThan(0.01);
        }
    }

    @Test
    void theSameSlowdownWithinTheThresholdIsNoRegression() throws Exception {
        Path[] p = slowedPair();
        CliRun r = CliRun.of("compare", "--threshold", "35", p[0].toString(), p[1].toString());
        assertThat(r.code()).as(r.out()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("**No regression.**");
    }

    @Test
    void aFasterCandidateIsFasterNotARegression() throws Exception {
        Path[] p = slowedPair();
        // swap: the slowed run as baseline → the candidate is 1/0.7 = 1.43× faster
        CliRun r = CliRun.of("compare", p[1].toString(), p[0].toString(), "--json", root.resolve("f.json").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        JsonNode res = Json.MAPPER.readTree(root.resolve("f.json").toFile());
        long faster = 0;
        for (JsonNode b : res.get("benchmarks")) if (b.get("verdict").asText().equals("FASTER")) faster++;
        assertThat(faster).isEqualTo(1);
    }

    @Test
    void aRunAgainstItselfIsNoRegression() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        CliRun r = CliRun.of("compare", run.toString(), run.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("**No regression.**").doesNotContain("**slower**").doesNotContain("**regressed**");
    }

    @Test
    void threeIterationsCannotBeSignificantAndSaySo() throws Exception {
        // the real quick run (3 iterations): even a 30 % drop cannot reach p < 0.01 with 3 vs 3 samples
        Path base = RunFixture.copy(root, "20260101T000000Z"), cand = RunFixture.copy(root, "20260102T000000Z");
        ArrayNode c = RunFixture.jmh(cand);
        RunFixture.scale(c, CompareCommandTest::slowedOne, 0.7);
        RunFixture.writeJmh(cand, c);
        CliRun r = CliRun.of("compare", base.toString(), cand.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("inconclusive: 3 vs 3 iterations cannot reach p < 0.01 (smallest p 0.100)");
    }

    @Test
    void anAccuracyRowThatPassedAndNowFailsIsARegressionWhateverTheSpeed() throws Exception {
        Path base = RunFixture.copy(root, "20260101T000000Z"), cand = RunFixture.copy(root, "20260102T000000Z");
        ArrayNode acc = (ArrayNode) Json.MAPPER.readTree(cand.resolve("accuracy.json").toFile());
        ObjectNode row = (ObjectNode) acc.get(1);
        assertThat(row.get("outcome").asText()).isEqualTo("OK");
        row.put("outcome", "LARGE_ERROR");
        Json.write(cand.resolve("accuracy.json"), acc);
        CliRun r = CliRun.of("compare", base.toString(), cand.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.out()).contains("1 accuracy row(s) now failing: confined-small-eta / ensemble / scalar / F32 / "
            + "variance at t=600").contains("**regressed**");
    }

    @Test
    void aCorruptedJmhJsonIsOneLineNamingTheFileAndExitTwo() throws Exception {
        Path base = RunFixture.copy(root, "20260101T000000Z"), cand = RunFixture.copy(root, "20260102T000000Z");
        Files.writeString(cand.resolve("jmh.json"), "[{\"benchmark\": \"x\", \"primaryMetric\": {");
        CliRun r = CliRun.of("compare", base.toString(), cand.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines().lines()).hasSize(1);
        assertThat(r.errLines()).contains(cand.resolve("jmh.json").toString()).contains("not valid JSON");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingRunJsonOrJmhJsonIsExitTwoNamingTheFile() throws Exception {
        Path base = RunFixture.copy(root, "20260101T000000Z"), cand = RunFixture.copy(root, "20260102T000000Z");
        Files.delete(cand.resolve("jmh.json"));
        CliRun r = CliRun.of("compare", base.toString(), cand.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).isEqualTo("sgdbench: " + cand.resolve("jmh.json") + ": missing");

        Files.delete(base.resolve("run.json"));
        r = CliRun.of("compare", base.toString(), cand.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).isEqualTo("sgdbench: " + base.resolve("run.json") + ": missing");
    }

    @Test
    void aCorruptedAccuracyJsonIsExitTwoNamingIt() throws Exception {
        Path base = RunFixture.copy(root, "20260101T000000Z"), cand = RunFixture.copy(root, "20260102T000000Z");
        Files.writeString(base.resolve("accuracy.json"), "{\"not\": \"a list\"}");
        CliRun r = CliRun.of("compare", base.toString(), cand.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines().lines()).hasSize(1);
        assertThat(r.errLines()).contains(base.resolve("accuracy.json").toString());
    }

    @Test
    void withOneArgumentTheStoredBaselineOfTheProfileIsUsed() throws Exception {
        Path[] p = slowedPair();
        CliRun none = CliRun.of("compare", p[1].toString());
        assertThat(none.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.errLines()).contains("baseline.json").contains("no baseline recorded");

        CliRun set = CliRun.of("baseline", "set", p[0].toString());
        assertThat(set.code()).isEqualTo(ExitCodes.OK);
        Path file = p[0].getParent().resolve("baseline.json");
        assertThat(Json.MAPPER.readTree(file.toFile()).get("runId").asText()).isEqualTo("20260101T000000Z");
        assertThat(CliRun.of("baseline", "show", p[1].toString()).out().strip()).isEqualTo(p[0].toAbsolutePath().normalize().toString());

        CliRun r = CliRun.of("compare", p[1].toString());
        assertThat(r.code()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.out()).contains("vs baseline 20260101T000000Z").contains("1 benchmark(s) slower");
        // a run id of the same profile works as the baseline argument too
        assertThat(CliRun.of("compare", "20260101T000000Z", p[1].toString()).code()).isEqualTo(ExitCodes.RUN_FAILED);
    }

    @Test
    void aBadThresholdIsExitTwo() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        CliRun r = CliRun.of("compare", "--threshold", "150", run.toString(), run.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).contains("threshold");
    }

    @Test
    void markdownFileIsWrittenToo() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        Path md = root.resolve("out/cmp.md");
        CliRun r = CliRun.of("compare", run.toString(), run.toString(), "--markdown", md.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(md)).isEqualTo(r.out());
    }
}
