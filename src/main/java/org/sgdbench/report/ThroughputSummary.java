package org.sgdbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

/**
 * The headline of a throughput table: per kernel, precision, threads and size, the fastest backend and its margin
 * over the next with a confidence interval from JMH's per-iteration data, "not significant" where the interval
 * contains 1 (the two backends cannot be told apart), and the intervals of speed-ups and scaling efficiencies.
 *
 * <p>Every interval is {@link RatioStatistics}' Welch t interval on the log ratio of two backends' (or two thread
 * counts') mean scores at confidence 1 − {@link #ALPHA}; rows without per-iteration samples get none.
 */
public final class ThroughputSummary {
    /** Two-sided: 99 % intervals, as {@code compare} uses. */
    public static final double ALPHA = 0.01;

    private ThroughputSummary() {}

    /**
     * One group's verdict.
     *
     * @param fastest    the backend with the highest mean throughput (ties: the first)
     * @param runnerUp   the next backend, null when only one ran
     * @param margin     fastest / runnerUp mean throughput
     * @param lower      lower bound of the margin's interval (NaN without samples)
     * @param upper      upper bound
     * @param significant the interval lies above 1
     */
    public record Line(String kernel, String precision, int threads, String size, String fastest, String device,
                       double score, String unit, String runnerUp, double margin, double lower, double upper,
                       boolean significant, int backends) {}

    /** A ratio with its interval: {@code value} = mean(b)/mean(a), NaN bounds when a side has under 2 samples. */
    public record Ratio(double value, double lower, double upper) {
        public boolean hasInterval() { return !Double.isNaN(lower) && !Double.isNaN(upper); }
    }

    /** mean(b)/mean(a) with its 1 − ALPHA interval from the two rows' samples (the means are the rows' scores). */
    public static Ratio ratio(ThroughputRow a, ThroughputRow b) {
        double value = b.score() / a.score();
        double[] sa = a.samples(), sb = b.samples();
        if (sa.length < 2 || sb.length < 2) return new Ratio(value, Double.NaN, Double.NaN);
        RatioStatistics.Estimate e = RatioStatistics.compare(sa, sb, ALPHA);
        // the interval is centred (on the log scale) on the samples' own ratio; re-centre it on the scores' ratio,
        // which equal the sample means unless JMH's score and raw data disagree
        double shift = value / e.ratio();
        return new Ratio(value, e.lower() * shift, e.upper() * shift);
    }

    /** "4.02× (3.91–4.13)", or "4.02×" without an interval. */
    public static String times(Ratio r) {
        if (Double.isNaN(r.value())) return "–";
        String v = String.format(Locale.ROOT, "%.2f×", r.value());
        return r.hasInterval() ? v + String.format(Locale.ROOT, " (%.2f–%.2f)", r.lower(), r.upper()) : v;
    }

    /** "93 % (88–98)" for a ratio scaled by {@code 100/divisor}. */
    public static String percent(Ratio r, double divisor) {
        if (Double.isNaN(r.value())) return "–";
        String v = String.format(Locale.ROOT, "%.0f %%", 100 * r.value() / divisor);
        return r.hasInterval()
            ? v + String.format(Locale.ROOT, " (%.0f–%.0f)", 100 * r.lower() / divisor, 100 * r.upper() / divisor) : v;
    }

    /** The size parameters of a row (everything but backend, precision and threads). */
    public static String size(ThroughputRow r) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(r.params()).forEach((k, v) -> {
            if (!List.of("backend", "precision", "threads").contains(k)) sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v);
        });
        return sb.toString();
    }

    public static List<Line> lines(List<ThroughputRow> rows) {
        Map<String, List<ThroughputRow>> groups = new LinkedHashMap<>();
        for (ThroughputRow r : rows)
            if (r.outcome() == Outcome.OK && Double.isFinite(r.score()))
                groups.computeIfAbsent(String.join("|", r.kernel(), r.precision(), Integer.toString(r.threads()), size(r)),
                    k -> new ArrayList<>()).add(r);
        List<Line> out = new ArrayList<>();
        for (List<ThroughputRow> g : groups.values()) {
            List<ThroughputRow> sorted = new ArrayList<>(g);
            sorted.sort(Comparator.comparingDouble(ThroughputRow::score).reversed());
            ThroughputRow best = sorted.get(0), next = sorted.size() > 1 ? sorted.get(1) : null;
            Ratio m = next == null ? new Ratio(Double.NaN, Double.NaN, Double.NaN) : ratio(next, best);
            boolean significant = next != null && m.hasInterval() && m.lower() > 1;
            out.add(new Line(best.kernel(), best.precision(), best.threads(), size(best), best.backend(), best.device(),
                best.score(), best.unit(), next == null ? null : next.backend(), m.value(), m.lower(), m.upper(),
                significant, sorted.size()));
        }
        return out;
    }

    public static Table table(List<ThroughputRow> rows) {
        Table t = new Table(List.of("kernel", "precision", "threads", "size", "fastest backend", "throughput",
            "margin over next (99 % CI)", "next", "verdict"));
        for (Line l : lines(rows)) {
            String verdict = l.runnerUp() == null ? "only backend measured"
                : !Double.isFinite(l.lower()) ? "no interval (under 2 per-iteration scores kept)"
                : l.significant() ? "fastest" : "not significant";
            t.add(List.of(l.kernel(), l.precision(), Integer.toString(l.threads()), l.size(),
                l.fastest() + (l.device().equals(l.fastest()) ? "" : " (" + l.device() + ")"),
                Engineering.withUnit(l.score(), l.unit() + "/s"),
                l.runnerUp() == null ? "–" : times(new Ratio(l.margin(), l.lower(), l.upper())),
                l.runnerUp() == null ? "–" : l.runnerUp(), verdict));
        }
        return t;
    }
}
