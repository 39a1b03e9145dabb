package org.sgdbench.cli;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress lines on stderr (stdout is kept for results: the last line a run prints there is its directory).
 * Units of work are numbered {@code [k/N]} with an estimate of the time left: benchmark jobs from their JMH timing
 * (warm-up + measurement per parameter combination and fork), corrected by how long finished jobs really took;
 * accuracy cases from the mean time of the cases already finished.
 */
final class Progress implements Consumer<String> {
    private final long start = System.nanoTime();
    private int total, done;
    private int accuracyLeft, accuracyDone;
    private double accuracySeconds, accuracyExpected = Double.NaN;
    private double benchLeftEstimate, benchEstimateDone, benchSecondsDone;
    private long unitStart;

    Progress(int total) { this.total = total; }

    /** Declares the units of the run: {@code accuracyCases} cases and benchmark jobs whose estimates sum to {@code benchSeconds}. */
    void units(int accuracyCases, int benchmarkJobs, double benchSeconds) {
        units(accuracyCases, benchmarkJobs, benchSeconds, Double.NaN);
    }

    /**
     * As {@link #units(int, int, double)}, with the accuracy pass's expected seconds (NaN when unknown), used until
     * its first case has finished and given a measured pace.
     */
    void units(int accuracyCases, int benchmarkJobs, double benchSeconds, double accuracyExpected) {
        total = accuracyCases + benchmarkJobs;
        accuracyLeft = accuracyCases;
        benchLeftEstimate = benchSeconds;
        this.accuracyExpected = accuracyExpected;
    }

    void beginAccuracy(String label) { begin(label); }

    void endAccuracy() {
        accuracySeconds += seconds(unitStart);
        accuracyDone++;
        accuracyLeft--;
        done++;
    }

    void beginBenchmark(String label) { begin(label); }

    /** @param estimate the job's estimated seconds; {@code ran} false when it was skipped (not supported, preflight failed) */
    void endBenchmark(double estimate, boolean ran) {
        benchLeftEstimate -= estimate;
        if (ran) {
            benchEstimateDone += estimate;
            benchSecondsDone += seconds(unitStart);
        }
        done++;
    }

    /** Seconds left, or NaN when no accuracy case has finished yet and the pass had no expected duration. */
    double secondsLeft() {
        double acc = accuracyLeft == 0 ? 0 : accuracyDone == 0 ? accuracyExpected : accuracyLeft * accuracySeconds / accuracyDone;
        double factor = benchEstimateDone > 0 ? benchSecondsDone / benchEstimateDone : 1;
        return acc + Math.max(0, benchLeftEstimate) * factor;
    }

    private void begin(String label) {
        unitStart = System.nanoTime();
        double left = secondsLeft();
        String eta = Double.isNaN(left) ? "" : ", ≈ " + duration(left) + " left";
        int width = Integer.toString(total).length();
        System.err.printf(Locale.ROOT, "[%" + width + "d/%d] %s  (%s elapsed%s)%n", done + 1, total, label,
            duration(seconds(start)), eta);
    }

    static String duration(double s) {
        long r = Math.round(s);
        return r < 60 ? r + " s" : r < 3600 ? String.format(Locale.ROOT, "%d min %02d s", r / 60, r % 60)
            : String.format(Locale.ROOT, "%d h %02d min", r / 3600, (r % 3600) / 60);
    }

    private static double seconds(long since) { return (System.nanoTime() - since) / 1e9; }

    void step(String s) { System.err.printf(Locale.ROOT, "== %s%n", s); }

    void note(String s) { System.err.printf(Locale.ROOT, "     %s%n", s); }

    @Override
    public void accept(String s) { note(s); }
}
