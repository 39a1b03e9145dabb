package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.accuracy.VerdictCase;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.report.RunFixture;
import org.sgdbench.results.Json;

class ListCommandTest {
    @Test
    void jsonListsBackendsKernelsWithSizesCasesAndRuns(@TempDir Path root) throws Exception {
        Path run = RunFixture.copy(root, "20260101T000000Z");
        CliRun r = CliRun.of("list", "--json", "--out", root.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("schemaVersion").asInt()).isEqualTo(Json.SCHEMA_VERSION);
        assertThat(j.get("backends").findValuesAsText("id")).contains("scalar", "simd", "nd4j", "aparapi");
        assertThat(j.get("kernels")).hasSize(BenchmarkCatalog.all().size());
        assertThat(j.get("kernels").get(0).get("quickParams").size()).isPositive();
        assertThat(j.get("cases").findValuesAsText("id"))
            .containsExactlyElementsOf(VerdictCase.standard(1).stream().map(VerdictCase::id).toList());
        assertThat(j.get("runs")).hasSize(1);
        assertThat(j.get("runs").get(0).get("dir").asText()).isEqualTo(run.toString());
        assertThat(j.get("runs").get(0).get("status").asText()).isEqualTo("COMPLETE");
    }
}
