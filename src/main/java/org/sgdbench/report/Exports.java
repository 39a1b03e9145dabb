package org.sgdbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sgdbench.results.Json;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

/**
 * A run's throughput in the JSON that CI benchmark trackers read. Only rows with outcome OK are exported (the
 * others carry no number). Names are stable across runs: kernel, backend, precision, threads and the size
 * parameters, e.g. {@code sgd-ensemble/scalar/F64/threads=2/modes=4,walkers=65536}.
 */
public final class Exports {
    /** The formats {@code sgdbench export} writes. */
    public enum Format {
        GITHUB_ACTION_BENCHMARK("github-action-benchmark"), BENCHER("bencher");

        private final String id;

        Format(String id) { this.id = id; }

        public String id() { return id; }

        public static Format parse(String s) {
            for (Format f : values()) if (f.id.equalsIgnoreCase(s)) return f;
            throw new org.sgdbench.problem.InvalidSpecException("format", s, "one of github-action-benchmark, bencher");
        }
    }

    private Exports() {}

    /** The stable benchmark name of a row. */
    public static String name(ThroughputRow r) {
        String size = new TreeMap<>(r.params()).entrySet().stream()
            .filter(e -> !List.of("backend", "precision", "threads").contains(e.getKey()))
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return r.kernel() + "/" + r.backend() + "/" + r.precision() + "/threads=" + r.threads() + (size.isEmpty() ? "" : "/" + size);
    }

    public static String export(List<ThroughputRow> rows, Format f) {
        return switch (f) {
            case GITHUB_ACTION_BENCHMARK -> githubActionBenchmark(rows);
            case BENCHER -> bencher(rows);
        };
    }

    /**
     * github-action-benchmark's {@code customBiggerIsBetter} tool: a JSON array of
     * {@code {"name", "unit", "value", "range"?, "extra"?}}, value a number, range and extra strings.
     */
    public static String githubActionBenchmark(List<ThroughputRow> rows) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (ThroughputRow r : rows) {
            if (r.outcome() != Outcome.OK || !Double.isFinite(r.score())) continue;
            ObjectNode o = arr.addObject();
            o.put("name", name(r));
            o.put("unit", r.unit() + "/s");
            o.put("value", r.score());
            if (Double.isFinite(r.scoreError())) o.put("range", "± " + String.format(Locale.ROOT, "%.6g", r.scoreError()));
            o.put("extra", "device: " + r.device() + (Double.isNaN(r.ceilingPct()) ? ""
                : String.format(Locale.ROOT, "\n%.1f %% of %s", r.ceilingPct(), r.ceilingName())));
        }
        return write(arr);
    }

    /**
     * Bencher Metric Format: {@code {"<benchmark>": {"throughput": {"value", "lower_value"?, "upper_value"?}}}},
     * the measure slug "throughput"; the bounds are JMH's 99.9 % interval (the lower one clipped at 0).
     */
    public static String bencher(List<ThroughputRow> rows) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (ThroughputRow r : rows) {
            if (r.outcome() != Outcome.OK || !Double.isFinite(r.score())) continue;
            ObjectNode m = root.putObject(name(r)).putObject("throughput");
            m.put("value", r.score());
            if (Double.isFinite(r.scoreError())) {
                // JMH's interval from few iterations can reach below zero; a throughput cannot
                m.put("lower_value", Math.max(0, r.score() - r.scoreError()));
                m.put("upper_value", r.score() + r.scoreError());
            }
        }
        return write(root);
    }

    private static String write(Object node) {
        try {
            return Json.MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
