package org.sgdbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.throughput.JmhResults;

/**
 * {@code sgdbench compare}: a candidate run against a baseline run. Benchmarks are matched by JMH name and
 * parameters (jmh.json); accuracy rows by case, method, backend, precision and quantity (accuracy.json).
 *
 * <p>Speed verdict per benchmark: <b>slower</b> when the ratio of means (candidate/baseline, inverted for time
 * modes so that &lt; 1 always means worse) is below 1 − threshold AND the Mann–Whitney test on the raw iterations
 * is significant at α; <b>faster</b> symmetrically (above 1 + threshold and significant); otherwise
 * <b>unchanged</b>; <b>new</b> / <b>missing</b> when only one run has the benchmark. Accuracy: a row that passed
 * (OK or NOT_JUDGED) in the baseline and fails in the candidate is a regression whatever the speed.
 */
public final class Comparison {
    /** Speed verdicts. */
    public enum Verdict { FASTER, SLOWER, UNCHANGED, NEW, MISSING;
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /** Accuracy verdicts. */
    public enum AccuracyVerdict { STILL_PASSES, REGRESSED, FIXED, STILL_FAILS, NEW, MISSING;
        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', ' '); }
    }

    /** Settings: relative threshold (0.05 = 5 %) and the test's significance level. */
    public record Settings(double threshold, double alpha) {
        public Settings {
            if (!(threshold >= 0 && threshold < 1)) throw new InvalidSpecException("threshold", threshold, "[0, 1)");
            if (!(alpha > 0 && alpha < 1)) throw new InvalidSpecException("alpha", alpha, "(0, 1)");
        }

        public static Settings defaults() { return new Settings(0.05, 0.01); }
    }

    /**
     * One benchmark's comparison. {@code ratio} &gt; 1 means the candidate is better (faster) in either JMH mode.
     *
     * @param note why a difference could not be significant, e.g. too few iterations; empty otherwise
     */
    public record BenchmarkComparison(String key, String label, String kernel, Map<String, String> params, String mode,
                                      String unit, double baselineScore, double candidateScore, double ratio,
                                      double ratioLower, double ratioUpper, double pValue, int baselineSamples,
                                      int candidateSamples, int baselineForks, int candidateForks, Verdict verdict,
                                      String note) {
        public BenchmarkComparison {
            params = Map.copyOf(params);
        }
    }

    /** One accuracy row's comparison. */
    public record AccuracyComparison(String key, String baselineOutcome, String candidateOutcome, double baselineError,
                                     double candidateError, AccuracyVerdict verdict) {}

    /** The whole comparison; {@link #regression()} decides the exit code. */
    public record Result(String baselineRun, String candidateRun, String baselineProfile, String candidateProfile,
                         double threshold, double alpha, List<BenchmarkComparison> benchmarks,
                         List<AccuracyComparison> accuracy) {
        public Result {
            benchmarks = List.copyOf(benchmarks);
            accuracy = List.copyOf(accuracy);
        }

        public List<BenchmarkComparison> slower() {
            return benchmarks.stream().filter(b -> b.verdict() == Verdict.SLOWER).toList();
        }

        public List<AccuracyComparison> accuracyRegressions() {
            return accuracy.stream().filter(a -> a.verdict() == AccuracyVerdict.REGRESSED).toList();
        }

        public boolean regression() { return !slower().isEmpty() || !accuracyRegressions().isEmpty(); }
    }

    private Comparison() {}

    public static Result compare(RunData baseline, RunData candidate, Settings s) {
        List<BenchmarkComparison> bench = benchmarks(baseline.jmh(), candidate.jmh(), s);
        return new Result(baseline.runId(), candidate.runId(), baseline.profileId(), candidate.profileId(),
            s.threshold(), s.alpha(), bench, accuracy(baseline.accuracy(), candidate.accuracy()));
    }

    public static List<BenchmarkComparison> benchmarks(List<JmhResults.Benchmark> base, List<JmhResults.Benchmark> cand,
                                                       Settings s) {
        Map<String, JmhResults.Benchmark> b = byKey(base), c = byKey(cand);
        List<BenchmarkComparison> out = new ArrayList<>();
        for (JmhResults.Benchmark x : b.values()) {
            JmhResults.Benchmark y = c.get(x.key());
            if (y == null) {
                out.add(new BenchmarkComparison(x.key(), x.label(), x.kernel(), x.params(), x.mode(), x.unit(), x.score(),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, x.raw().length, 0, x.forks(), 0, Verdict.MISSING,
                    "not in the candidate"));
                continue;
            }
            out.add(one(x, y, s));
        }
        for (JmhResults.Benchmark y : c.values())
            if (!b.containsKey(y.key()))
                out.add(new BenchmarkComparison(y.key(), y.label(), y.kernel(), y.params(), y.mode(), y.unit(), Double.NaN,
                    y.score(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, y.raw().length, 0, y.forks(), Verdict.NEW,
                    "not in the baseline"));
        return out;
    }

    private static BenchmarkComparison one(JmhResults.Benchmark x, JmhResults.Benchmark y, Settings s) {
        String note = "";
        if (!Objects.equals(x.mode(), y.mode()) || !Objects.equals(x.unit(), y.unit()))
            note = "mode/unit differ: " + x.mode() + " " + x.unit() + " vs " + y.mode() + " " + y.unit() + "; ";
        RatioStatistics.Estimate e = RatioStatistics.compare(x.raw(), y.raw(), s.alpha());
        // Report "better" ratios: for time modes (avgt, ss, sample) the score is a cost, so invert.
        boolean up = x.higherIsBetter();
        double ratio = up ? e.ratio() : 1 / e.ratio();
        double lo = up ? e.lower() : 1 / e.upper(), hi = up ? e.upper() : 1 / e.lower();
        boolean significant = e.pValue() < s.alpha();
        Verdict v;
        if (!note.isEmpty()) v = Verdict.UNCHANGED;
        else if (ratio < 1 - s.threshold() && significant) v = Verdict.SLOWER;
        else if (ratio > 1 + s.threshold() && significant) v = Verdict.FASTER;
        else v = Verdict.UNCHANGED;
        if (e.minimumP() >= s.alpha())
            note += String.format(Locale.ROOT, "inconclusive: %d vs %d iterations cannot reach p < %s (smallest p %.3g)",
                e.baselineSamples(), e.candidateSamples(), fmtAlpha(s.alpha()), e.minimumP());
        else if (v == Verdict.UNCHANGED && Math.abs(ratio - 1) > s.threshold() && !significant)
            note += String.format(Locale.ROOT, "beyond the threshold but not significant (p = %.3g)", e.pValue());
        if (v != Verdict.UNCHANGED && (x.forks() < 2 || y.forks() < 2))
            note += (note.isEmpty() ? "" : "; ") + "one fork a side: JVM-to-JVM variation is not in the test, confirm "
                + "with compare --ab";
        return new BenchmarkComparison(x.key(), x.label(), x.kernel(), x.params(), x.mode(), x.unit(), x.score(),
            y.score(), ratio, lo, hi, e.pValue(), e.baselineSamples(), e.candidateSamples(), x.forks(), y.forks(), v,
            note.strip());
    }

    static String fmtAlpha(double a) { return String.format(Locale.ROOT, "%s", a); }

    private static Map<String, JmhResults.Benchmark> byKey(List<JmhResults.Benchmark> list) {
        Map<String, JmhResults.Benchmark> m = new LinkedHashMap<>();
        for (JmhResults.Benchmark b : list) m.put(b.key(), b);
        return m;
    }

    static String accuracyKey(AccuracyRow r) {
        return String.join(" / ", r.caseId(), r.method(), r.backend(), r.precision(), r.quantity());
    }

    public static List<AccuracyComparison> accuracy(List<AccuracyRow> base, List<AccuracyRow> cand) {
        Map<String, AccuracyRow> b = new LinkedHashMap<>(), c = new LinkedHashMap<>();
        for (AccuracyRow r : base) b.put(accuracyKey(r), r);
        for (AccuracyRow r : cand) c.put(accuracyKey(r), r);
        List<AccuracyComparison> out = new ArrayList<>();
        for (Map.Entry<String, AccuracyRow> e : b.entrySet()) {
            AccuracyRow x = e.getValue(), y = c.get(e.getKey());
            if (y == null) {
                out.add(new AccuracyComparison(e.getKey(), x.outcome().name(), "-", x.error(), Double.NaN,
                    AccuracyVerdict.MISSING));
                continue;
            }
            AccuracyVerdict v = x.passed() ? (y.passed() ? AccuracyVerdict.STILL_PASSES : AccuracyVerdict.REGRESSED)
                : (y.passed() ? AccuracyVerdict.FIXED : AccuracyVerdict.STILL_FAILS);
            out.add(new AccuracyComparison(e.getKey(), x.outcome().name(), y.outcome().name(), x.error(), y.error(), v));
        }
        for (Map.Entry<String, AccuracyRow> e : c.entrySet())
            if (!b.containsKey(e.getKey()))
                out.add(new AccuracyComparison(e.getKey(), "-", e.getValue().outcome().name(), Double.NaN,
                    e.getValue().error(), AccuracyVerdict.NEW));
        return out;
    }

    /** The comparison as Markdown (what {@code compare} prints). */
    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Compare: ").append(r.candidateRun()).append(" vs baseline ").append(r.baselineRun()).append("\n\n");
        if (!Objects.equals(r.baselineProfile(), r.candidateProfile()))
            sb.append("Note: different hardware profiles (").append(r.baselineProfile()).append(" vs ")
                .append(r.candidateProfile()).append("); see `compare --across` for a cross-machine table.\n\n");
        List<BenchmarkComparison> slow = r.slower();
        List<AccuracyComparison> accReg = r.accuracyRegressions();
        if (!r.regression()) sb.append("**No regression.**\n\n");
        else {
            sb.append("**REGRESSION:** ");
            List<String> parts = new ArrayList<>();
            if (!slow.isEmpty()) parts.add(slow.size() + " benchmark(s) slower: "
                + String.join("; ", slow.stream().map(BenchmarkComparison::label).toList()));
            if (!accReg.isEmpty()) parts.add(accReg.size() + " accuracy row(s) now failing: "
                + String.join("; ", accReg.stream().map(AccuracyComparison::key).toList()));
            sb.append(String.join(". ", parts)).append("\n\n");
        }
        Table t = new Table(List.of("benchmark", "baseline", "candidate", "unit", "ratio", String.format(Locale.ROOT,
            "%.0f %% CI", 100 * (1 - r.alpha())), "Mann–Whitney p", "iterations (forks), base / cand", "verdict", "note"));
        for (BenchmarkComparison b : r.benchmarks())
            t.add(List.of(b.label(), Table.num(b.baselineScore()), Table.num(b.candidateScore()), b.unit(), ratio(b.ratio()),
                Double.isNaN(b.ratioLower()) ? "–" : ratio(b.ratioLower()) + " – " + ratio(b.ratioUpper()),
                Double.isNaN(b.pValue()) ? "–" : String.format(Locale.ROOT, "%.3g", b.pValue()),
                b.baselineSamples() + " (" + b.baselineForks() + ") / " + b.candidateSamples() + " (" + b.candidateForks() + ")",
                b.verdict() == Verdict.SLOWER ? "**slower**" : b.verdict().label(), b.note()));
        sb.append("## Throughput\n\n").append(t.markdown()).append('\n');
        sb.append(String.format(Locale.ROOT, "ratio = candidate/baseline mean score (inverted for time modes, so > 1 "
            + "is always better). slower = ratio below %s AND the two-sided Mann–Whitney U test on JMH's raw "
            + "per-iteration scores significant at α = %s; faster symmetrically above %s. The interval is a Welch t "
            + "interval on the log ratio.%n%n", ratio(1 - r.threshold()), fmtAlpha(r.alpha()), ratio(1 + r.threshold())));
        Table a = new Table(List.of("accuracy row", "baseline", "candidate", "baseline error", "candidate error", "verdict"));
        for (AccuracyComparison c : r.accuracy())
            a.add(List.of(c.key(), c.baselineOutcome(), c.candidateOutcome(), Table.num(c.baselineError()),
                Table.num(c.candidateError()), c.verdict() == AccuracyVerdict.REGRESSED ? "**regressed**" : c.verdict().label()));
        sb.append("## Accuracy\n\n").append(a.size() == 0 ? "No accuracy rows in either run.\n" : a.markdown())
            .append("\nregressed = passed (OK or not judged) in the baseline and fails in the candidate: a regression "
                + "whatever the speed.\n");
        return sb.toString();
    }

    static String ratio(double v) { return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v); }
}
