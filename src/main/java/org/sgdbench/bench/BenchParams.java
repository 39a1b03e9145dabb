package org.sgdbench.bench;

import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Precision;

/** Parsing of the string @Params shared by every benchmark class. */
public final class BenchParams {
    /** JMH @Param value meaning "every core of this machine". */
    public static final String ALL_THREADS = "all";

    private BenchParams() {}

    public static int threads(String p) {
        return ALL_THREADS.equals(p) ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p);
    }

    public static KernelOptions options(String threads) {
        return new KernelOptions(threads(threads), System.getProperty("sgdbench.device", "any"));
    }

    public static Backend backend(String p) { return Backend.parse("backend", p); }

    public static Precision precision(String p) { return Precision.valueOf(p); }
}
