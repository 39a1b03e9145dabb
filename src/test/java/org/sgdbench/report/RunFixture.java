package org.sgdbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.sgdbench.results.Json;

/**
 * A real run directory for tests: the files of one {@code sgdbench run --quick --backend scalar} on the
 * development machine (2 cores; JMH 1 fork × 3 iterations), kept in test resources, laid out under a temporary
 * root as {@code results/<profile-id>/<run-id>/} with {@code hardware-profiles/<profile-id>.json} beside it.
 */
public final class RunFixture {
    public static final String PROFILE = "intel-xeon-2c2t-24g-09757489";
    public static final String RUN = "20261129T150518Z";
    private static final String RES = "/org/sgdbench/report/quick-scalar/";

    private RunFixture() {}

    /** Copies the fixture run to {@code root/results/PROFILE/runId/} and its profile beside results/. */
    public static Path copy(Path root, String runId) throws IOException {
        Path dir = root.resolve("results").resolve(PROFILE).resolve(runId);
        Files.createDirectories(dir);
        for (String f : new String[] {"run.json", "jmh.json", "throughput.json", "accuracy.json"})
            try (InputStream in = RunFixture.class.getResourceAsStream(RES + f)) {
                Files.copy(in, dir.resolve(f));
            }
        ObjectNode run = (ObjectNode) Json.MAPPER.readTree(dir.resolve("run.json").toFile());
        run.put("runId", runId);
        Json.write(dir.resolve("run.json"), run);
        Path profile = root.resolve("hardware-profiles").resolve(PROFILE + ".json");
        if (!Files.exists(profile)) {
            Files.createDirectories(profile.getParent());
            try (InputStream in = RunFixture.class.getResourceAsStream(RES + "profile.json")) {
                Files.copy(in, profile);
            }
        }
        return dir;
    }

    public static ArrayNode jmh(Path runDir) throws IOException {
        return (ArrayNode) Json.MAPPER.readTree(runDir.resolve("jmh.json").toFile());
    }

    public static void writeJmh(Path runDir, ArrayNode jmh) throws IOException {
        Json.write(runDir.resolve("jmh.json"), jmh);
    }

    /**
     * Replaces every benchmark's raw data by {@code iterations} values spread deterministically ±2 % around its
     * first real iteration (1 fork): the real quick run has only 3 iterations, too few for any two-sided
     * Mann–Whitney test to reach p &lt; 0.01, so the regression tests need more samples. Same values in every
     * run that calls this, so unchanged benchmarks compare as identical.
     */
    public static void widenIterations(ArrayNode jmh, int iterations) {
        for (JsonNode b : jmh) {
            ObjectNode pm = (ObjectNode) b.get("primaryMetric");
            double base = pm.get("rawData").get(0).get(0).asDouble();
            ArrayNode fork = Json.MAPPER.createArrayNode();
            double sum = 0;
            for (int k = 0; k < iterations; k++) {
                double v = base * (1 + 0.02 * (2.0 * k / (iterations - 1) - 1));
                fork.add(v);
                sum += v;
            }
            pm.putArray("rawData").add(fork);
            pm.put("score", sum / iterations);
        }
    }

    /** Multiplies the raw data and score of the benchmarks matching {@code which} by {@code factor}. */
    public static int scale(ArrayNode jmh, Predicate<JsonNode> which, double factor) {
        int n = 0;
        for (JsonNode b : jmh) {
            if (!which.test(b)) continue;
            ObjectNode pm = (ObjectNode) b.get("primaryMetric");
            pm.put("score", pm.get("score").asDouble() * factor);
            ArrayNode forks = Json.MAPPER.createArrayNode();
            for (JsonNode fork : pm.get("rawData")) {
                ArrayNode f = forks.addArray();
                for (JsonNode v : fork) f.add(v.asDouble() * factor);
            }
            pm.set("rawData", forks);
            n++;
        }
        return n;
    }
}
