package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.hardware.HardwareProbe;
import org.sgdbench.hardware.HardwareProfiles;
import org.sgdbench.kernel.Backend;
import org.sgdbench.results.Json;

/**
 * {@code run --case-file}: a user's own case gets the accuracy pass of a built-in one, and a malformed case file
 * is exit 2 with one line naming the field (its JSON path) and the allowed range, before anything is written.
 */
class CaseFileRunTest {
    static final Path EXAMPLE = Path.of("docs/examples/gaussian-h-rademacher-g.json");

    static final String GOOD_MODE = "{\"lambda\": 1, \"sigmaH\": 0.5, \"sigmaG\": 1}";

    static String caseWith(String fields) {
        return "{\"id\": \"c\", \"hessianNoise\": \"gaussian\", \"gradientNoise\": \"rademacher\", \"eta\": 0.1, "
            + "\"steps\": 50, \"walkers\": 4096" + fields + "}";
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("unknown field", caseWith(", \"sigma\": 1, \"modes\": [" + GOOD_MODE + "]"), "sigma",
                "the fields id, description, modes"),
            Arguments.of("wrong type", caseWith(", \"modes\": [{\"lambda\": \"one\", \"sigmaH\": 0, \"sigmaG\": 1}]"),
                "modes[0].lambda", "a number in [-1000000, 1000000]"),
            Arguments.of("missing field", caseWith(", \"modes\": [" + GOOD_MODE + ", {\"lambda\": 1, \"sigmaH\": 0}]"),
                "modes[1].sigmaG", "a number in [0, 1000000]"),
            Arguments.of("sigma out of range", caseWith(", \"modes\": [" + GOOD_MODE + ", {\"lambda\": 1, \"sigmaH\": -2, \"sigmaG\": 1}]"),
                "modes[1].sigmaH", "[0, 1000000]"),
            Arguments.of("eta out of range", caseWith(", \"modes\": [" + GOOD_MODE + "]").replace("\"eta\": 0.1", "\"eta\": 0"),
                "eta", "(0, 100]"),
            Arguments.of("walkers out of range", "[" + caseWith(", \"modes\": [" + GOOD_MODE + "]") + ", "
                + caseWith(", \"modes\": [" + GOOD_MODE + "]").replace("\"c\"", "\"d\"").replace("4096", "10") + "]",
                "[1].walkers", "[1024, 268435456]"),
            Arguments.of("unknown law", caseWith(", \"modes\": [" + GOOD_MODE + "]").replace("rademacher", "cauchy"),
                "gradientNoise", "gaussian, rademacher, none"),
            Arguments.of("empty list", "[]", "[]", "[1, 256] cases"),
            Arguments.of("not JSON", "{\"id\": \"c\", \"modes\": [", "case-file", "a JSON object"),
            Arguments.of("duplicate ids", "[" + caseWith(", \"modes\": [" + GOOD_MODE + "]") + ", "
                + caseWith(", \"modes\": [" + GOOD_MODE + "]") + "]", "[1].id", "unique"),
            Arguments.of("steps out of range", caseWith(", \"modes\": [" + GOOD_MODE + "]").replace("\"steps\": 50", "\"steps\": 2.5"),
                "steps", "an integer in [2, 100000]"),
            Arguments.of("sigma on an axis without noise", caseWith(", \"modes\": [" + GOOD_MODE + "]")
                .replace("\"gaussian\"", "\"none\""), "modes[0].sigmaH", "0 when hessianNoise is none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedCaseFileIsExitTwoWithOneLineAndNothingWritten(String what, String json, String field, String allowed,
                                                                @TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("case.json");
        Files.writeString(file, json);
        Path out = Files.createDirectory(tmp.resolve("out"));
        CliRun r = CliRun.of("run", "--quick", "--only", "accuracy", "--case-file", file.toString(), "--out", out.toString());
        assertThat(r.code()).as(what + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        String msg = r.errLines().trim();
        assertThat(msg.lines().count()).as("one line: %s", msg).isEqualTo(1);
        assertThat(msg).contains(field).contains(allowed).doesNotContain("Exception").doesNotContain("\tat ");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).as("nothing written under --out").isEmpty();
        }
    }

    @Test
    void anUnreadableCaseFileIsExitTwoNamingIt(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path missing = tmp.resolve("no-such-case.json");
        CliRun r = CliRun.of("run", "--only", "accuracy", "--case-file", missing.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines().trim()).contains("case-file").contains("no-such-case.json").contains("readable JSON file");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * The documented example (Gaussian Hessian noise, Rademacher gradient noise, two modes) runs end to end: the
     * ensemble (against theory and, for SIMD, bit for bit against scalar), the transfer operator, the Fokker–Planck
     * baselines; every row passes. To keep CI fast: two backends (the mixed laws of every backend are checked
     * against scalar by the kernel contract tests), fewer walkers, and a hardware profile seeded with ceilings so
     * that nothing is timed.
     */
    @Test
    void theGaussianHessianRademacherGradientExampleRunsEndToEndAndPasses(@TempDir Path out) throws IOException {
        HardwareProfiles.writeProfile(out, HardwareProbe.capture(null).withCeilings(seedCeilings()));
        CliRun r = CliRun.of("run", "--quick", "--only", "accuracy", "--case-file", EXAMPLE.toString(),
            "--walkers", "8192", "--backend", "scalar,simd", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        Path runDir;
        try (Stream<Path> dirs = Files.walk(out.resolve("results"), 2)) {
            runDir = dirs.filter(p -> Files.exists(p.resolve("accuracy.json"))).findFirst().orElseThrow();
        }
        JsonNode root = Json.MAPPER.readTree(runDir.resolve("accuracy.json").toFile());
        JsonNode rows = root.isObject() ? root.get("rows") : root;
        Set<String> cases = new TreeSet<>(), methods = new TreeSet<>(), backends = new TreeSet<>();
        List<String> failing = new ArrayList<>();
        int judged = 0;
        for (JsonNode row : rows) {
            cases.add(row.get("caseId").asText());
            methods.add(row.get("method").asText());
            backends.add(row.get("backend").asText());
            String outcome = row.get("outcome").asText();
            if (outcome.equals("OK")) judged++;
            else if (!outcome.equals("NOT_JUDGED") && !outcome.equals("UNAVAILABLE"))
                failing.add(row.get("caseId").asText() + " " + row.get("method").asText() + " " + row.get("backend").asText()
                    + " " + row.get("quantity").asText() + ": " + outcome);
        }
        assertThat(failing).as("rows that did not pass").isEmpty();
        assertThat(cases).containsExactly("gaussian-h-rademacher-g-mode0", "gaussian-h-rademacher-g-mode1");
        assertThat(methods).contains("ensemble", "transfer-operator", "corrected-fp").anyMatch(m -> m.startsWith("langevin-fp"));
        for (Backend b : List.of(Backend.SCALAR, Backend.SIMD))
            if (b.provider().isPresent()) assertThat(backends).contains(b.id());
        assertThat(judged).isGreaterThan(10);
        // the run records where its cases came from
        assertThat(Files.readString(runDir.resolve("run.json"))).contains("gaussian-h-rademacher-g.json");
    }

    /** Placeholder ceilings: the accuracy pass never reads them, they only spare the test a JMH measurement. */
    static Ceilings seedCeilings() {
        Ceilings.Measurement gb = new Ceilings.Measurement(10.0, 0.5, "GB/s", 1, "b.readSum", 10.0, 1.25e9, "read");
        Ceilings.ThreadPair bw = new Ceilings.ThreadPair(gb, gb);
        Ceilings.Measurement s = new Ceilings.Measurement(8.0, 0.1, "GFLOP/s", 1, "f.s", 4e9, 2, "scalar");
        Ceilings.ThreadPair scalar = new Ceilings.ThreadPair(s, s);
        return new Ceilings("quick", 1, "2026-01-01T00:00:00Z", "1.37", "test seed", bw, bw,
            new Ceilings.FmaPeak(null, scalar), new Ceilings.FmaPeak(scalar, scalar));
    }
}
