package org.sgdbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.bench.BenchmarkRunner;

/**
 * The time a run should take, printed before anything is measured. The benchmarks' share is exact arithmetic on
 * JMH's timing (parameter sets × forks × (warm-up + measurement + start-up)); the accuracy pass's share is what the
 * built-in pass took on the 2-core reference machine (the suite cannot predict a case file or a narrowed pass, and
 * says so); the native C reference's is its repetitions per configuration. The progress line then corrects the
 * benchmarks' share by how long finished jobs really took.
 */
record RunEstimate(OptionalDouble accuracySeconds, String accuracyWhat, int jobs, long combinations,
                   double benchmarkSeconds, double nativeSeconds) {

    /**
     * The built-in accuracy pass on the 2-core reference machine (AMD EPYC, 2 cores, PoCL for Aparapi), as measured:
     * quick about 2 min 20 s, the MLP about 1 min of it; full (2^20 walkers on every backend, the H = 32 MLP with its
     * learning-rate sweep) 18 min 25 s on a nearly quiet machine (the quadratic and linear-regression cases 11 min
     * 18 s, the MLP 7 min), 64 min while other jobs loaded it (load average 4–12): printed as a lower bound.
     */
    static final double QUICK_ACCURACY_SECONDS = 140, FULL_ACCURACY_SECONDS = 20 * 60;

    /**
     * @param builtInPass the accuracy pass is the built-in one at its default size (no --case, --case-file or
     *                    --walkers); null when the run has no accuracy pass
     */
    static RunEstimate of(List<Throughput.Job> jobs, BenchmarkRunner.Timing timing, Boolean builtInPass, boolean quick,
                          double nativeSeconds) {
        OptionalDouble acc;
        String what;
        if (builtInPass == null) {
            acc = OptionalDouble.of(0);
            what = "no accuracy pass";
        } else if (builtInPass && !Double.isNaN(quick ? QUICK_ACCURACY_SECONDS : FULL_ACCURACY_SECONDS)) {
            double s = quick ? QUICK_ACCURACY_SECONDS : FULL_ACCURACY_SECONDS;
            acc = OptionalDouble.of(s);
            what = quick ? "accuracy pass ≈ " + Progress.duration(s) + " (its time on a 2-core reference machine)"
                : "accuracy pass ≈ " + Progress.duration(s) + " or more (its time on a loaded 2-core reference machine)";
        } else if (builtInPass) {
            acc = OptionalDouble.empty();
            what = "accuracy pass: not timed on the reference machine, estimated once its first case has run";
        } else {
            acc = OptionalDouble.empty();
            what = "accuracy pass: estimated once its first case has run";
        }
        return new RunEstimate(acc, what, jobs.size(), Throughput.combinations(jobs),
            Throughput.estimatedSeconds(jobs, timing), nativeSeconds);
    }

    /**
     * The native C reference: per configuration (kernel, size, threads, precision, transform) one calibration, one
     * warm-up and 5 repetitions of seconds/5 each, plus about 10 s to build it and export the operators.
     */
    static double nativeSeconds(BenchmarkCatalog.Sizing sizing, int precisions, boolean quick) {
        double seconds = quick ? 1.5 : 5;
        int ensembleThreads = BenchmarkCatalog.threadValues(new BenchmarkCatalog.Sizing(quick, sizing.threads(), true)).size();
        long configs = 0;
        for (BenchmarkCatalog.Entry e : BenchmarkCatalog.all()) {
            var params = e.params(sizing);
            // the ensemble: two Gaussian transforms (the suite's portable one and the C library's)
            if (e.kernelId().equals("sgd-ensemble")) configs += (long) params.get("walkers").size() * ensembleThreads * 2;
            if (e.kernelId().startsWith("transfer-"))
                configs += params.get("cells").stream().filter(c -> Integer.parseInt(c) <= NativeStep.MAX_EXPORT_CELLS).count()
                    * BenchmarkCatalog.threadValues(sizing).size();
        }
        return configs * precisions * seconds * 1.4 + 10;
    }

    /** Everything together, or NaN while the accuracy pass cannot be estimated. */
    double totalSeconds() {
        return accuracySeconds.isPresent() ? accuracySeconds.getAsDouble() + benchmarkSeconds + nativeSeconds : Double.NaN;
    }

    /** The line printed at the start of a run. */
    String line(BenchmarkRunner.Timing timing) {
        List<String> parts = new ArrayList<>();
        parts.add(accuracyWhat);
        if (jobs > 0)
            parts.add(String.format(java.util.Locale.ROOT, "benchmarks ≈ %s (%d JMH jobs, %d parameter sets × %d fork%s × %.0f s)",
                Progress.duration(benchmarkSeconds), jobs, combinations, timing.forks(), timing.forks() == 1 ? "" : "s",
                BenchmarkRunner.secondsPerFork(timing)));
        if (nativeSeconds > 0) parts.add("native C reference ≈ " + Progress.duration(nativeSeconds));
        double total = totalSeconds();
        return "estimated duration: ≈ " + (Double.isNaN(total)
            ? Progress.duration(benchmarkSeconds + nativeSeconds) + " plus the accuracy pass" : Progress.duration(total))
            + " — " + String.join("; ", parts)
            // measured on the 2-core reference machine: 1 min 41 s (quick profile), 9 min 51 s (full profile: 3 forks)
            + "; plus the machine ceilings when this machine's profile lacks them (≈ 2 min quick, ≈ 10 min full)";
    }
}
