package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.report.RunFixture;
import org.sgdbench.results.Json;

/**
 * {@code sgdbench history} over a synthetic series of runs of one profile, built from a real quick run: every
 * throughput row gets ±3 % noise per run, and one row a 20 % slow-down from the 9th run on. The change point is
 * found at that run and on that row only.
 */
class HistoryCommandTest {
    @TempDir
    Path root;

    static final int RUNS = 16, STEP_AT = 8;

    private static boolean stepped(JsonNode r) {
        return r.get("kernel").asText().equals("transfer-1d") && r.get("precision").asText().equals("F64")
            && r.get("params").get("cells").asText().equals("16384");
    }

    private void series() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < RUNS; i++) {
            String runId = String.format("202601%02dT000000Z", i + 1);
            Path dir = RunFixture.copy(root, runId);
            ObjectNode run = (ObjectNode) Json.MAPPER.readTree(dir.resolve("run.json").toFile());
            run.put("startedAt", String.format("2026-01-%02dT00:00:00Z", i + 1));
            Json.write(dir.resolve("run.json"), run);
            ArrayNode rows = (ArrayNode) Json.MAPPER.readTree(dir.resolve("throughput.json").toFile());
            for (JsonNode r : rows) {
                if (!"OK".equals(r.get("outcome").asText())) continue;
                double f = (1 + 0.03 * (2 * rnd.nextDouble() - 1)) * (stepped(r) && i >= STEP_AT ? 0.8 : 1);
                ((ObjectNode) r).put("score", r.get("score").asDouble() * f);
            }
            Json.write(dir.resolve("throughput.json"), rows);
        }
    }

    @Test
    void aStepInsertedIntoTheSeriesIsReportedAtTheRightRunAndOnlyThere() throws Exception {
        series();
        Path html = root.resolve("history.html");
        CliRun r = CliRun.of("history", "--root", root.toString(), "--html", html.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        String stepRun = String.format("202601%02dT000000Z", STEP_AT + 1);
        assertThat(r.out()).contains(RUNS + " runs in time order");
        // exactly one change point in the whole history (in the summary table and in its row's own table), on the
        // stepped row, at the first slow run
        assertThat(r.out().lines().filter(l -> l.contains("| at ")).count()).isEqualTo(2);
        String line = r.out().lines().filter(l -> l.contains("| at ")).findFirst().orElseThrow();
        assertThat(line).startsWith("| transfer-1d scalar F64").contains("cells=16384").contains("at " + stepRun)
            .contains("slower");
        assertThat(Files.readString(html)).contains("data:image/png;base64,").contains("at " + stepRun);
    }

    @Test
    void badInputIsExitTwoWithOneLine() throws Exception {
        CliRun none = CliRun.of("history", "--root", root.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip().lines()).hasSize(1);
        CliRun bad = CliRun.of("history", "--root", root.toString(), "no-such-profile");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("no-such-profile");
        RunFixture.copy(root, "20260101T000000Z");
        CliRun shift = CliRun.of("history", "--root", root.toString(), "--min-shift", "150");
        assertThat(shift.code()).isEqualTo(2);
        assertThat(shift.err()).contains("min-shift");
    }
}
