package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.results.Json;

/** compare --across: a second machine (another profile id, a faster simd backend) beside the real run. */
class AcrossMachinesTest {
    @TempDir
    Path root;

    @Test
    void eachMachineShowsItsBestBackendThroughputAndOwnCeilingPercentage() throws Exception {
        Path a = RunFixture.copy(root, RunFixture.RUN);
        Path other = root.resolve("results/amd-epyc-8c16t-64g-0badcafe/20260301T000000Z");
        Files.createDirectories(other);
        ObjectNode run = (ObjectNode) Json.MAPPER.readTree(a.resolve("run.json").toFile());
        run.put("profileId", "amd-epyc-8c16t-64g-0badcafe").put("runId", "20260301T000000Z");
        Json.write(other.resolve("run.json"), run);
        ArrayNode rows = (ArrayNode) Json.MAPPER.readTree(a.resolve("throughput.json").toFile());
        ObjectNode simd = ((ObjectNode) rows.get(0)).deepCopy();
        simd.put("backend", "simd").put("score", simd.get("score").asDouble() * 3).put("ceilingPct", 42.0);
        rows.add(simd);
        Json.write(other.resolve("throughput.json"), rows);

        List<RunData> runs = List.of(RunData.load(a), RunData.load(other));
        List<AcrossMachines.Row> table = AcrossMachines.rows(runs);
        AcrossMachines.Row first = table.get(0);
        assertThat(first.kernel()).isEqualTo("sgd-ensemble");
        assertThat(first.threadClass()).isEqualTo("1");
        assertThat(first.cells()).extracting(AcrossMachines.Cell::backend).containsExactly("scalar", "simd");
        assertThat(first.cells().get(1).score()).isEqualTo(3 * first.cells().get(0).score());
        assertThat(first.cells().get(1).ceilingPct()).isEqualTo(42.0);
        assertThat(first.cells().get(1).scoreByBackend()).containsOnlyKeys("scalar", "simd");
        String md = AcrossMachines.markdown(runs);
        assertThat(md).contains(RunFixture.PROFILE + ": best backend").contains("amd-epyc-8c16t-64g-0badcafe: % of own ceiling")
            .contains("| simd (of 2) |").contains("42.0 %").contains("profile file not found");

        // a results/ folder gives the latest run of each profile: an older run of the first machine is ignored
        RunFixture.copy(root, "20250101T000000Z");
        ObjectNode older = (ObjectNode) Json.MAPPER.readTree(root.resolve("results/" + RunFixture.PROFILE
            + "/20250101T000000Z/run.json").toFile());
        older.put("startedAt", "2025-01-01T00:00:00Z");
        Json.write(root.resolve("results/" + RunFixture.PROFILE + "/20250101T000000Z/run.json"), older);
        assertThat(AcrossMachines.latestRunPerProfile(root.resolve("results"))).extracting(RunData::runId)
            .containsExactly("20260301T000000Z", RunFixture.RUN);
    }
}
