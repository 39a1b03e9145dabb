package org.sgdbench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;
import org.sgdbench.results.Json;

/** The case-file reader: what a valid file becomes, what it rejects, and that the documented schema agrees. */
class CaseFileTest {
    static final Path EXAMPLE = Path.of("docs/examples/gaussian-h-rademacher-g.json");
    static final Path SCHEMA = Path.of("docs/case-file.schema.json");

    @Test
    void theDocumentedExampleBecomesOneVerdictCasePerMode() {
        List<VerdictCase> cases = CaseFile.read(EXAMPLE);
        assertThat(cases).extracting(VerdictCase::id)
            .containsExactly("gaussian-h-rademacher-g-mode0", "gaussian-h-rademacher-g-mode1");
        VerdictCase second = cases.get(1);
        assertThat(second.noise()).isEqualTo(new NoiseLaws(NoiseLaw.GAUSSIAN, NoiseLaw.RADEMACHER));
        assertThat(second.mode()).isEqualTo(Mode.of(0.5, 0.5, 2.0));
        assertThat(second.eta()).isEqualTo(0.1);
        assertThat(second.steps()).isEqualTo(200);
        assertThat(second.walkers()).isEqualTo(65536);
        assertThat(second.initMean()).isEqualTo(1.0);
        assertThat(second.initSpread()).isEqualTo(0.5);
        assertThat(second.quick()).isTrue();
        assertThat(second.description()).contains("±1 gradient noise").contains("mode 1");
        // the first mode's initial law defaults to the point 0
        assertThat(cases.get(0).initMean()).isZero();
        assertThat(cases.get(0).initSpread()).isZero();
    }

    @Test
    void aListOfCasesKeepsOneModeIdsAndDefaults() {
        List<VerdictCase> cases = CaseFile.parse("""
            [ {"id": "a", "hessianNoise": "none", "gradientNoise": "gaussian", "eta": 0.5, "steps": 60,
               "walkers": 2048, "modes": [{"lambda": 1, "sigmaH": 0, "sigmaG": 1}]},
              {"id": "b", "hessianNoise": "rademacher", "gradientNoise": "rademacher", "eta": 1e-2, "steps": 1e3,
               "walkers": 4096, "quick": false, "modes": [{"lambda": 1, "sigmaH": 2, "sigmaG": 1}]} ]""");
        assertThat(cases).extracting(VerdictCase::id).containsExactly("a", "b");
        assertThat(cases.get(0).noise()).isEqualTo(new NoiseLaws(NoiseLaw.NONE, NoiseLaw.GAUSSIAN));
        assertThat(cases.get(0).quick()).isTrue();
        assertThat(cases.get(1).noise()).isEqualTo(NoiseLaws.both(NoiseLaw.RADEMACHER));
        assertThat(cases.get(1).steps()).isEqualTo(1000);
        assertThat(cases.get(1).quick()).isFalse();
    }

    @Test
    void rejectionsNameTheJsonPathAndTheAllowedRange() {
        String good = "{\"id\": \"x\", \"hessianNoise\": \"gaussian\", \"gradientNoise\": \"gaussian\", \"eta\": 0.1,"
            + " \"steps\": 10, \"walkers\": 2048, \"modes\": [{\"lambda\": 1, \"sigmaH\": 0, \"sigmaG\": 1}]}";
        assertThat(CaseFile.parse(good)).hasSize(1);
        assertRejected(good.replace("\"eta\": 0.1", "\"eta\": \"fast\""), "eta", "(0, 100]");
        assertRejected(good.replace("\"steps\": 10", "\"steps\": 1"), "steps", "[2, 100000]");
        assertRejected(good.replace("\"lambda\": 1", "\"lambda\": 1e7"), "modes[0].lambda", "[-1000000, 1000000]");
        assertRejected(good.replace("\"sigmaG\": 1", "\"sigmaG\": 1, \"initSpread\": -1"), "modes[0].initSpread", "[0, 1000000]");
        assertRejected(good.replace("\"modes\": [{\"lambda\": 1, \"sigmaH\": 0, \"sigmaG\": 1}]", "\"modes\": []"), "modes", "[1, 64]");
        assertRejected(good.replace("\"id\": \"x\"", "\"id\": \"../x\""), "id", "letters, digits");
        assertRejected(good.replace("\"id\": \"x\",", ""), "id", "a required field");
        assertRejected(good.replace("\"walkers\": 2048", "\"walkers\": 2048, \"walkers\": 4096"), "case-file", "Duplicate field");
        assertRejected(good + " {}", "case-file", "one JSON value");
        assertRejected("42", "case-file", "a JSON object");
        assertRejected("[" + good + ", 3]", "[1]", "an object");
        assertRejected("", "case-file", "JSON object");
        assertThatThrownBy(() -> CaseFile.read(Path.of("does/not/exist.json"))).isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining("case-file").hasMessageContaining("exist.json");
    }

    private static void assertRejected(String json, String field, String allowed) {
        assertThatThrownBy(() -> CaseFile.parse(json)).as(json).isInstanceOf(InvalidSpecException.class)
            .hasMessageStartingWith(field).hasMessageContaining(allowed)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** The JSON schema in docs states the reader's fields, required fields, laws and limits. */
    @Test
    void theSchemaAgreesWithTheReader() throws IOException {
        JsonNode schema = Json.MAPPER.readTree(SCHEMA.toFile());
        JsonNode kase = schema.at("/$defs/case"), mode = schema.at("/$defs/mode");
        assertThat(names(kase.get("properties"))).isEqualTo(CaseFile.CASE_FIELDS);
        assertThat(names(mode.get("properties"))).isEqualTo(CaseFile.MODE_FIELDS);
        assertThat(kase.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(mode.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(values(kase.get("required"))).containsExactlyInAnyOrder("id", "modes", "hessianNoise",
            "gradientNoise", "eta", "steps", "walkers");
        assertThat(values(mode.get("required"))).containsExactlyInAnyOrder("lambda", "sigmaH", "sigmaG");
        List<String> laws = new ArrayList<>();
        for (NoiseLaw l : NoiseLaw.values()) laws.add(l.id());
        assertThat(values(schema.at("/$defs/law/enum"))).containsExactlyElementsOf(laws);
        assertThat(kase.at("/properties/id/pattern").asText()).isEqualTo("^" + CaseFile.ID_PATTERN + "$");
        assertThat(kase.at("/properties/steps/maximum").asInt()).isEqualTo(CaseFile.MAX_STEPS);
        assertThat(kase.at("/properties/walkers/minimum").asInt()).isEqualTo(CaseFile.MIN_WALKERS);
        assertThat(kase.at("/properties/walkers/maximum").asInt()).isEqualTo(CaseFile.MAX_WALKERS);
        assertThat(kase.at("/properties/modes/maxItems").asInt()).isEqualTo(CaseFile.MAX_MODES);
        assertThat(kase.at("/properties/description/maxLength").asInt()).isEqualTo(CaseFile.MAX_DESCRIPTION);
        assertThat(schema.at("/oneOf/1/maxItems").asInt()).isEqualTo(CaseFile.MAX_CASES);
        for (String f : List.of("sigmaH", "sigmaG", "initSpread"))
            assertThat(mode.at("/properties/" + f + "/maximum").asDouble()).isEqualTo(CaseFile.MAX_ABS);
        // the example uses every field, so the schema's field list is exercised on a file the reader accepts
        JsonNode example = Json.MAPPER.readTree(EXAMPLE.toFile());
        assertThat(names(example)).isEqualTo(CaseFile.CASE_FIELDS);
        assertThat(names(example.at("/modes/1"))).isEqualTo(CaseFile.MODE_FIELDS);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> s = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static List<String> values(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }
}
