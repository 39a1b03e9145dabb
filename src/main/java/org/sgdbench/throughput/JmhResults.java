package org.sgdbench.throughput;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.results.Json;
import org.sgdbench.results.ReportInputException;

/** Reads JMH's own jmh.json: one entry per benchmark and parameter set, with the raw per-iteration scores. */
public final class JmhResults {
    private JmhResults() {}

    /**
     * One JMH result.
     *
     * @param name   the JMH benchmark method, e.g. {@code org.sgdbench.bench.SgdEnsembleBenchmark.advance}
     * @param params JMH parameters, sorted by name
     * @param mode   JMH mode: thrpt, avgt, sample, ss
     * @param raw    every measurement iteration of every fork ({@code primaryMetric.rawData} flattened)
     * @param forks  JMH forks behind {@code raw} (the rawData arrays)
     */
    public record Benchmark(String name, Map<String, String> params, String mode, String unit, double score,
                            double scoreError, double[] raw, int forks) {
        /** One fork. */
        public Benchmark(String name, Map<String, String> params, String mode, String unit, double score,
                         double scoreError, double[] raw) {
            this(name, params, mode, unit, score, scoreError, raw, 1);
        }

        public Benchmark {
            params = Map.copyOf(new TreeMap<>(params));
            raw = raw.clone();
        }

        @Override
        public double[] raw() { return raw.clone(); }

        /** Benchmark name plus sorted parameters: how two runs' results are matched. */
        public String key() {
            return name + new TreeMap<>(params);
        }

        /** Throughput modes: a higher score is better; time modes: lower is better. */
        public boolean higherIsBetter() { return "thrpt".equals(mode); }

        /** The kernel id from the catalog, or the JMH class.method when the benchmark is not in the catalog. */
        public String kernel() {
            return BenchmarkCatalog.forBenchmark(name).map(BenchmarkCatalog.Entry::kernelId).orElseGet(() -> {
                int dot = name.lastIndexOf('.');
                int prev = dot > 0 ? name.lastIndexOf('.', dot - 1) : -1;
                return name.substring(prev + 1);
            });
        }

        /** A short readable label: kernel id and its parameters, e.g. {@code sgd-ensemble backend=scalar ...}. */
        public String label() {
            return kernel() + (params.isEmpty() ? "" : " " + new TreeMap<>(params).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
    }

    /** Reads jmh.json; a missing, unparsable or structurally wrong file → {@link ReportInputException}. */
    public static List<Benchmark> read(Path jmhJson) {
        if (!Files.isRegularFile(jmhJson)) throw new ReportInputException(jmhJson, "missing");
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(jmhJson.toFile());
        } catch (IOException e) {
            throw new ReportInputException(jmhJson, "not valid JSON (" + ReportInputException.firstLine(e) + ")", e);
        }
        if (root == null || !root.isArray()) throw new ReportInputException(jmhJson, "not a JMH result array");
        List<Benchmark> out = new ArrayList<>();
        int i = 0;
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText("");
            JsonNode pm = b.path("primaryMetric");
            if (name.isEmpty() || !pm.isObject())
                throw new ReportInputException(jmhJson, "entry " + i + " has no benchmark name or primaryMetric");
            Map<String, String> params = new TreeMap<>();
            b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            List<Double> raw = new ArrayList<>();
            int forks = 0;
            for (JsonNode fork : pm.path("rawData")) {
                forks++;
                for (JsonNode v : fork) {
                    if (!v.isNumber())
                        throw new ReportInputException(jmhJson, "entry " + i + " (" + name + ") has a non-numeric raw score");
                    raw.add(v.asDouble());
                }
            }
            double[] r = raw.stream().mapToDouble(Double::doubleValue).toArray();
            out.add(new Benchmark(name, params, b.path("mode").asText("thrpt"), pm.path("scoreUnit").asText(""),
                pm.path("score").asDouble(Double.NaN), pm.path("scoreError").asDouble(Double.NaN), r, forks));
            i++;
        }
        return out;
    }
}
