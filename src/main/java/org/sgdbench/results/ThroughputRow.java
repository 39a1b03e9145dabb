package org.sgdbench.results;

import java.util.Map;

/**
 * One row of the throughput table: a kernel on a backend at one size.
 *
 * @param kernel        benchmark kernel id (sgd-ensemble, transfer-1d, ...)
 * @param params        the JMH parameters (size, precision, threads, ...)
 * @param unit          the unit of {@code score}, e.g. "walker-mode-steps/s"
 * @param score         throughput in {@code unit} (NaN unless outcome is OK)
 * @param scoreError    JMH's 99.9 % half-width in {@code unit}
 * @param speedup       score / scalar's score with the same other parameters (NaN if no scalar row)
 * @param gflops        achieved GFLOP/s from the kernel's declared flops per unit
 * @param gbytes        achieved GB/s from the kernel's declared bytes per unit
 * @param ceilingPct    % of the machine ceiling the kernel is bound by (bandwidth or FMA peak of the level its
 *                      working set fits in); NaN when there is none. Above 100 % it is a bug in a ceiling or in a
 *                      declared work, which the report shows as such instead of the number
 * @param ceilingName   which ceiling
 * @param samples       JMH's per-iteration scores of every fork, in {@code unit} (empty for status rows and for
 *                      rows written before samples were kept): the data behind every interval of the report
 */
public record ThroughputRow(String kernel, String backend, String precision, int threads, String device,
                            Map<String, String> params, String unit, double score, double scoreError,
                            double speedup, double gflops, double gbytes, double ceilingPct, String ceilingName,
                            Outcome outcome, String reason, double[] samples) {
    public ThroughputRow {
        params = Map.copyOf(params);
        samples = samples == null ? new double[0] : samples.clone();
    }

    /** A row without per-iteration samples (status rows: unavailable, not supported, failed). */
    public ThroughputRow(String kernel, String backend, String precision, int threads, String device,
                         Map<String, String> params, String unit, double score, double scoreError,
                         double speedup, double gflops, double gbytes, double ceilingPct, String ceilingName,
                         Outcome outcome, String reason) {
        this(kernel, backend, precision, threads, device, params, unit, score, scoreError, speedup, gflops, gbytes,
            ceilingPct, ceilingName, outcome, reason, new double[0]);
    }

    /** The same row with another speed-up. */
    public ThroughputRow withSpeedup(double newSpeedup) {
        return new ThroughputRow(kernel, backend, precision, threads, device, params, unit, score, scoreError,
            newSpeedup, gflops, gbytes, ceilingPct, ceilingName, outcome, reason, samples);
    }

    @Override
    public double[] samples() { return samples.clone(); }
}
