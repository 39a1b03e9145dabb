package org.sgdbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdbench.throughput.JmhResults;

/**
 * {@code compare --ab A B}: two builds measured in alternating forks (A, B, A, B, …) on the same machine, judged by
 * {@link PairedRatios} on each pair's fork means. <b>slower</b> = the paired ratio B/A is below 1 − threshold and
 * its 1 − α interval lies below 1; <b>faster</b> symmetrically; <b>unchanged</b> otherwise. Scores of time modes
 * are inverted so that a ratio &gt; 1 always means B is better.
 */
public final class AbComparison {
    private AbComparison() {}

    /** One benchmark's verdict; fork means of A and B in pair order. */
    public record Row(String key, String label, String unit, double[] forkMeansA, double[] forkMeansB, double ratio,
                      double lower, double upper, double pValue, int pairs, Comparison.Verdict verdict) {}

    public record Result(String buildA, String buildB, int pairs, double threshold, double alpha, List<Row> rows,
                         String settings) {
        public Result {
            rows = List.copyOf(rows);
        }

        public List<Row> slower() { return rows.stream().filter(r -> r.verdict() == Comparison.Verdict.SLOWER).toList(); }

        public boolean regression() { return !slower().isEmpty(); }
    }

    /**
     * @param forksA fork k of A: its JMH results (one fork each)
     * @param forksB fork k of B, run right after fork k of A
     */
    public static Result compare(String buildA, String buildB, List<List<JmhResults.Benchmark>> forksA,
                                 List<List<JmhResults.Benchmark>> forksB, Comparison.Settings s, String settings) {
        int pairs = Math.min(forksA.size(), forksB.size());
        Map<String, JmhResults.Benchmark> labels = new LinkedHashMap<>();
        Map<String, List<double[]>> byKey = new LinkedHashMap<>();
        for (int k = 0; k < pairs; k++) {
            Map<String, JmhResults.Benchmark> b = new LinkedHashMap<>();
            for (JmhResults.Benchmark x : forksB.get(k)) b.put(x.key(), x);
            for (JmhResults.Benchmark x : forksA.get(k)) {
                JmhResults.Benchmark y = b.get(x.key());
                if (y == null) continue;
                labels.putIfAbsent(x.key(), x);
                byKey.computeIfAbsent(x.key(), key -> new ArrayList<>()).add(new double[] {forkMean(x), forkMean(y)});
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : byKey.entrySet()) {
            JmhResults.Benchmark x = labels.get(e.getKey());
            int n = e.getValue().size();
            double[] a = new double[n], b = new double[n], betterA = new double[n], betterB = new double[n];
            for (int k = 0; k < n; k++) {
                a[k] = e.getValue().get(k)[0];
                b[k] = e.getValue().get(k)[1];
                // higher is better after inversion of time modes
                betterA[k] = x.higherIsBetter() ? a[k] : 1 / a[k];
                betterB[k] = x.higherIsBetter() ? b[k] : 1 / b[k];
            }
            PairedRatios.Estimate est = PairedRatios.of(betterA, betterB, s.alpha());
            Comparison.Verdict v = Comparison.Verdict.UNCHANGED;
            if (est.ratio() < 1 - s.threshold() && est.upper() < 1) v = Comparison.Verdict.SLOWER;
            else if (est.ratio() > 1 + s.threshold() && est.lower() > 1) v = Comparison.Verdict.FASTER;
            rows.add(new Row(e.getKey(), x.label(), x.unit(), a, b, est.ratio(), est.lower(), est.upper(), est.pValue(),
                n, v));
        }
        return new Result(buildA, buildB, pairs, s.threshold(), s.alpha(), rows, settings);
    }

    private static double forkMean(JmhResults.Benchmark b) {
        double[] raw = b.raw();
        if (raw.length == 0) return b.score();
        double m = 0;
        for (double v : raw) m += v / raw.length;
        return m;
    }

    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder("# A/B: B = ").append(r.buildB()).append(" against A = ").append(r.buildA())
            .append("\n\n").append(r.pairs()).append(" pairs of forks, alternating A, B, A, B, … on this machine (")
            .append(r.settings()).append(").\n\n");
        sb.append(r.regression() ? "**REGRESSION:** " + r.slower().size() + " benchmark(s) slower in B: "
            + String.join("; ", r.slower().stream().map(Row::label).toList()) + "\n\n" : "**No regression.**\n\n");
        Table t = new Table(List.of("benchmark", "A (mean of forks)", "B (mean of forks)", "unit", "paired ratio B/A",
            String.format(Locale.ROOT, "%.0f %% CI", 100 * (1 - r.alpha())), "Wilcoxon p", "pairs", "verdict"));
        for (Row x : r.rows())
            t.add(List.of(x.label(), Engineering.format(mean(x.forkMeansA())), Engineering.format(mean(x.forkMeansB())),
                x.unit(), Comparison.ratio(x.ratio()),
                Double.isNaN(x.lower()) ? "–" : Comparison.ratio(x.lower()) + " – " + Comparison.ratio(x.upper()),
                Double.isNaN(x.pValue()) ? "–" : String.format(Locale.ROOT, "%.3g", x.pValue()),
                Integer.toString(x.pairs()), x.verdict() == Comparison.Verdict.SLOWER ? "**slower**" : x.verdict().label()));
        sb.append(t.markdown()).append('\n');
        sb.append(String.format(Locale.ROOT, "Paired ratio = geometric mean over pairs of B's fork mean / A's (inverted "
            + "for time modes, so > 1 means B is better); drift of the machine between pairs cancels. slower = ratio "
            + "below %s and the Student t interval on the mean log ratio below 1; faster symmetrically above %s. "
            + "Wilcoxon's signed-rank p is shown as a distribution-free check (its smallest value with n pairs is "
            + "2/2^n).%n", Comparison.ratio(1 - r.threshold()), Comparison.ratio(1 + r.threshold())));
        return sb.toString();
    }

    private static double mean(double[] x) {
        double m = 0;
        for (double v : x) m += v / x.length;
        return m;
    }
}
