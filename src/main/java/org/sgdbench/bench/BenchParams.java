package org.sgdbench.bench;

import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Precision;

/**
 * Parsing of the string @Params shared by every benchmark class, and the two settings that reach a JMH fork as
 * {@code -D} system properties (the fork boundary is the one place where configuration travels that way: the CLI
 * passes them explicitly to each fork, see {@link BenchmarkRunner}; inside a JVM settings travel as arguments).
 */
public final class BenchParams {
    /** JMH @Param value meaning "every core of this machine". */
    public static final String ALL_THREADS = "all";

    private BenchParams() {}

    public static int threads(String p) {
        return ALL_THREADS.equals(p) ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p);
    }

    /** System property, set on a fork's command line, with the Aparapi device the run asked for. */
    public static final String DEVICE_PROPERTY = "sgdbench.device";

    /** Kernel options inside a JMH fork: the @Param thread count and the device passed at the fork boundary. */
    public static KernelOptions options(String threads) {
        return new KernelOptions(threads(threads), System.getProperty(DEVICE_PROPERTY, "any"));
    }

    public static Backend backend(String p) { return Backend.parse("backend", p); }

    public static Precision precision(String p) { return Precision.valueOf(p); }

    /** System property of the test-only slow-down switch: {@code <kernel-id>:<factor>}, e.g. sgd-ensemble:2. */
    public static final String SLOWDOWN_PROPERTY = "sgdbench.test.slowdown";

    /**
     * How many times a benchmark operation repeats its work: 1, unless the test-only switch
     * {@code -Dsgdbench.test.slowdown=<kernel-id>:<factor>} names this kernel — then the operation does
     * {@code factor} times the work while its declared work stays the same, so the kernel looks that many times
     * slower. It exists to prove that {@code sgdbench compare} catches a real regression; never use it for numbers.
     */
    public static int repeats(String kernelId) {
        String v = System.getProperty(SLOWDOWN_PROPERTY, "");
        int colon = v.lastIndexOf(':');
        if (colon < 0 || !v.substring(0, colon).equals(kernelId)) return 1;
        int f = Integer.parseInt(v.substring(colon + 1).trim());
        if (f < 1 || f > 100) throw new IllegalArgumentException(SLOWDOWN_PROPERTY + " factor must be in [1, 100]: " + f);
        return f;
    }
}
