package org.sgdbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

/**
 * {@code sgdbench compare --across}: runs from different machines side by side. For each kernel, size, precision
 * and thread class (one thread, or all of the machine's threads — the thread counts differ between machines), each
 * machine's best backend, its throughput and the % of that machine's own ceiling (as computed in its run against
 * its own hardware profile).
 */
public final class AcrossMachines {
    private AcrossMachines() {}

    /** One machine's best result for a row; {@code backend} empty when it has none. */
    public record Cell(String profileId, String runId, String backend, double score, String unit, double ceilingPct,
                       String ceilingName, int threads, Map<String, Double> scoreByBackend) {
        public Cell {
            scoreByBackend = Map.copyOf(scoreByBackend);
        }
    }

    /** One kernel configuration across the machines, cells in the order of the runs given. */
    public record Row(String kernel, String size, String precision, String threadClass, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    static String size(ThroughputRow r) {
        String s = new TreeMap<>(r.params()).entrySet().stream()
            .filter(e -> !List.of("backend", "precision", "threads").contains(e.getKey()))
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return s.isEmpty() ? "-" : s;
    }

    static String threadClass(int threads) { return threads <= 1 ? "1" : "all"; }

    public static List<Row> rows(List<RunData> runs) {
        Map<String, Row> keys = new LinkedHashMap<>();
        for (RunData run : runs)
            for (ThroughputRow r : run.throughput())
                if (r.outcome() == Outcome.OK)
                    keys.putIfAbsent(key(r), new Row(r.kernel(), size(r), r.precision(), threadClass(r.threads()), List.of()));
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Row> k : keys.entrySet()) {
            List<Cell> cells = new ArrayList<>();
            for (RunData run : runs) {
                ThroughputRow best = null;
                Map<String, Double> byBackend = new TreeMap<>();
                for (ThroughputRow r : run.throughput()) {
                    if (r.outcome() != Outcome.OK || !key(r).equals(k.getKey())) continue;
                    byBackend.merge(r.backend(), r.score(), Math::max);
                    if (best == null || r.score() > best.score()) best = r;
                }
                cells.add(best == null
                    ? new Cell(run.profileId(), run.runId(), "", Double.NaN, "", Double.NaN, "", 0, byBackend)
                    : new Cell(run.profileId(), run.runId(), best.backend(), best.score(), best.unit(), best.ceilingPct(),
                        best.ceilingName(), best.threads(), byBackend));
            }
            Row r = k.getValue();
            out.add(new Row(r.kernel(), r.size(), r.precision(), r.threadClass(), cells));
        }
        return out;
    }

    private static String key(ThroughputRow r) {
        return r.kernel() + "|" + size(r) + "|" + r.precision() + "|" + threadClass(r.threads());
    }

    public static String markdown(List<RunData> runs) {
        List<Row> rows = rows(runs);
        List<String> header = new ArrayList<>(List.of("kernel", "size", "precision", "threads"));
        for (RunData r : runs) {
            String m = r.profileId();
            header.addAll(List.of(m + ": best backend", m + ": throughput", m + ": % of own ceiling"));
        }
        Table t = new Table(header);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.kernel(), row.size(), row.precision(), row.threadClass()));
            for (Cell c : row.cells()) {
                if (c.backend().isEmpty()) {
                    cells.addAll(List.of("–", "–", "–"));
                    continue;
                }
                String others = c.scoreByBackend().size() > 1 ? " (of " + c.scoreByBackend().size() + ")" : "";
                cells.add(c.backend() + others);
                cells.add(Table.num(c.score()) + " " + c.unit() + "/s" + (row.threadClass().equals("all") ? " @" + c.threads() + "t" : ""));
                cells.add(Double.isNaN(c.ceilingPct()) ? "–" : String.format(Locale.ROOT, "%.1f %%", c.ceilingPct()));
            }
            t.add(cells);
        }
        StringBuilder sb = new StringBuilder("# Across machines\n\n");
        for (RunData r : runs) {
            String cpu = r.profile() == null ? "profile file not found" : r.profile().cpu().model() + ", "
                + r.profile().cpu().physicalCores() + " cores / " + r.profile().cpu().logicalCores() + " threads";
            sb.append("- ").append(r.profileId()).append(" (run ").append(r.runId()).append("): ").append(cpu).append('\n');
        }
        sb.append('\n').append(t.markdown()).append("\nthreads: 1 = one thread, all = every thread of that machine (count "
            + "after @). Best backend: the fastest OK row among the backends the run measured (how many in brackets). "
            + "% of own ceiling: against the bandwidth or FMA peak measured on that machine (its hardware profile).\n");
        return sb.toString();
    }

    /**
     * The latest run (by start time) with throughput rows of every profile folder of a {@code results/} folder (the
     * latest run when none has any): how {@code compare --across results/} reads the runs committed for several
     * machines, a later accuracy-only run of a machine included. A folder that is not such a folder → an
     * error naming it.
     */
    public static List<RunData> latestRunPerProfile(java.nio.file.Path resultsDir) {
        if (!java.nio.file.Files.isDirectory(resultsDir))
            throw new org.sgdbench.results.ReportInputException(resultsDir, "neither a run directory nor a results/ folder");
        List<RunData> out = new java.util.ArrayList<>();
        try (var dirs = java.nio.file.Files.list(resultsDir)) {
            for (java.nio.file.Path profile : dirs.filter(java.nio.file.Files::isDirectory).sorted().toList()) {
                List<RunData> runs = History.runs(profile);
                // a machine published as two runs (benchmarks, accuracy) is compared by its latest run with benchmarks
                List<RunData> measured = runs.stream().filter(r -> !r.throughput().isEmpty()).toList();
                if (!measured.isEmpty()) out.add(measured.get(measured.size() - 1));
                else if (!runs.isEmpty()) out.add(runs.get(runs.size() - 1));
            }
        } catch (java.io.IOException e) {
            throw new org.sgdbench.results.ReportInputException(resultsDir, "unreadable", e);
        }
        if (out.isEmpty())
            throw new org.sgdbench.results.ReportInputException(resultsDir, "no run directory (with run.json) in any profile folder");
        return out;
    }
}
