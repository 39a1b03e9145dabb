package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.results.Json;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

/**
 * The exports against sample files written from each tool's documentation (src/test/resources/.../formats/):
 * <ul>
 * <li>github-action-benchmark, tool {@code customBiggerIsBetter}: the output file is a JSON array of objects with
 * required {@code name} (string), {@code unit} (string), {@code value} (number) and optional {@code range}
 * (string) and {@code extra} (string, shown in the tooltip); no other keys.</li>
 * <li>Bencher Metric Format (BMF): a JSON object mapping each benchmark name to an object mapping measure slugs
 * (here {@code throughput}) to {@code {"value": number, "lower_value"?: number, "upper_value"?: number}}.</li>
 * </ul>
 * The validators below encode those shapes and are first checked against the samples themselves.
 */
class ExportsTest {
    @TempDir
    Path root;

    static JsonNode resource(String name) throws Exception {
        try (InputStream in = ExportsTest.class.getResourceAsStream("/org/sgdbench/report/formats/" + name)) {
            return Json.MAPPER.readTree(in);
        }
    }

    /** github-action-benchmark customBiggerIsBetter shape. */
    static void assertGithubActionBenchmark(JsonNode doc) {
        assertThat(doc.isArray()).isTrue();
        assertThat(doc.size()).isPositive();
        Set<String> allowed = Set.of("name", "unit", "value", "range", "extra");
        for (JsonNode e : doc) {
            assertThat(e.isObject()).isTrue();
            Set<String> keys = new HashSet<>();
            e.fieldNames().forEachRemaining(keys::add);
            assertThat(allowed).containsAll(keys);
            assertThat(e.get("name").isTextual()).isTrue();
            assertThat(e.get("unit").isTextual()).isTrue();
            assertThat(e.get("value").isNumber()).isTrue();
            if (e.has("range")) assertThat(e.get("range").isTextual()).isTrue();
            if (e.has("extra")) assertThat(e.get("extra").isTextual()).isTrue();
        }
    }

    /** Bencher Metric Format shape. */
    static void assertBencher(JsonNode doc) {
        assertThat(doc.isObject()).isTrue();
        assertThat(doc.size()).isPositive();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> bench = it.next();
            assertThat(bench.getKey()).isNotBlank();
            assertThat(bench.getValue().isObject()).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> ms = bench.getValue().fields(); ms.hasNext(); ) {
                Map.Entry<String, JsonNode> m = ms.next();
                assertThat(m.getKey()).matches("[a-z0-9-_]+");
                JsonNode v = m.getValue();
                Set<String> keys = new HashSet<>();
                v.fieldNames().forEachRemaining(keys::add);
                assertThat(Set.of("value", "lower_value", "upper_value")).containsAll(keys);
                assertThat(v.get("value").isNumber()).isTrue();
                if (v.has("lower_value")) assertThat(v.get("lower_value").asDouble()).isLessThanOrEqualTo(v.get("value").asDouble());
                if (v.has("upper_value")) assertThat(v.get("upper_value").asDouble()).isGreaterThanOrEqualTo(v.get("value").asDouble());
            }
        }
    }

    @Test
    void theValidatorsAcceptTheDocumentedSamples() throws Exception {
        assertGithubActionBenchmark(resource("github-action-benchmark-custom-bigger-is-better.json"));
        assertBencher(resource("bencher-metric-format.json"));
    }

    @Test
    void githubActionBenchmarkExportOfARealRunHasTheDocumentedShapeAndEveryOkRow() throws Exception {
        RunData run = RunData.load(RunFixture.copy(root, RunFixture.RUN));
        JsonNode doc = Json.MAPPER.readTree(Exports.githubActionBenchmark(run.throughput()));
        assertGithubActionBenchmark(doc);
        long ok = run.throughput().stream().filter(r -> r.outcome() == Outcome.OK).count();
        assertThat(doc.size()).isEqualTo((int) ok).isEqualTo(11);
        JsonNode first = doc.get(0);
        ThroughputRow r0 = run.throughput().get(0);
        assertThat(first.get("name").asText()).isEqualTo("sgd-ensemble/scalar/F32/threads=1/modes=4,noise=GAUSSIAN,stepsPerOp=16,walkers=65536");
        assertThat(first.get("value").asDouble()).isEqualTo(r0.score());
        assertThat(first.get("unit").asText()).isEqualTo("walker-mode-steps/s");
    }

    @Test
    void bencherExportOfARealRunHasTheDocumentedShapeWithJmhIntervals() throws Exception {
        RunData run = RunData.load(RunFixture.copy(root, RunFixture.RUN));
        JsonNode doc = Json.MAPPER.readTree(Exports.bencher(run.throughput()));
        assertBencher(doc);
        ThroughputRow r0 = run.throughput().get(0);
        JsonNode m = doc.get(Exports.name(r0)).get("throughput");
        assertThat(m.get("value").asDouble()).isEqualTo(r0.score());
        assertThat(m.get("lower_value").asDouble()).isEqualTo(Math.max(0, r0.score() - r0.scoreError()));
        assertThat(doc.toString()).doesNotContain("\"lower_value\":-");
        assertThat(m.get("upper_value").asDouble()).isEqualTo(r0.score() + r0.scoreError());
    }

    @Test
    void rowsWithoutANumberAreNotExported() {
        ThroughputRow failed = new ThroughputRow("transfer-1d", "simd", "F32", 0, "-", Map.of(), "-", Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", Outcome.UNAVAILABLE, "no Vector API");
        assertThat(Exports.bencher(List.of(failed)).strip()).isEqualTo("{ }");
        assertThat(Exports.githubActionBenchmark(List.of(failed)).strip()).isEqualTo("[ ]");
    }
}
