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
 * @param ceilingPct    % of the machine ceiling the kernel is bound by (bandwidth or FMA peak)
 * @param ceilingName   which ceiling
 */
public record ThroughputRow(String kernel, String backend, String precision, int threads, String device,
                            Map<String, String> params, String unit, double score, double scoreError,
                            double speedup, double gflops, double gbytes, double ceilingPct, String ceilingName,
                            Outcome outcome, String reason) {
    public ThroughputRow {
        params = Map.copyOf(params);
    }
}
