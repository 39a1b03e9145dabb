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

    /** System property of the test-only slow-down switch: {@code <kernel-id>:<factor>}, e.g. sgd-ensemble:1.1. */
    public static final String SLOWDOWN_PROPERTY = "sgdbench.test.slowdown";

    /**
     * The test-only slow-down of {@code kernelId}: none, unless {@code -Dsgdbench.test.slowdown=<kernel-id>:<factor>}
     * names this kernel — then the benchmark operations do {@code factor} times the work on average while the
     * declared work stays the same, so the kernel looks that many times slower. It exists to prove that
     * {@code sgdbench compare} catches a real regression; never use it for numbers.
     */
    public static Slowdown slowdown(String kernelId) {
        String v = System.getProperty(SLOWDOWN_PROPERTY, "");
        int colon = v.lastIndexOf(':');
        if (colon < 0 || !v.substring(0, colon).equals(kernelId)) return new Slowdown(1);
        return new Slowdown(Double.parseDouble(v.substring(colon + 1).trim()));
    }

    /** A slow-down factor in [1, 100]. */
    public static boolean validSlowdownFactor(double factor) { return factor >= 1 && factor <= 100; }

    /**
     * How many times each benchmark operation repeats its work so that, over many operations, the work is
     * {@code factor} times the declared one: 1.1 repeats once, and twice every tenth operation (error diffusion,
     * deterministic). Not thread-safe: one per benchmark state.
     */
    public static final class Slowdown {
        private final double factor;
        private double credit;

        public Slowdown(double factor) {
            if (!validSlowdownFactor(factor))
                throw new IllegalArgumentException(SLOWDOWN_PROPERTY + " factor must be in [1, 100]: " + factor);
            this.factor = factor;
        }

        public double factor() { return factor; }

        /** Repeats of the next operation: floor or ceiling of the factor, averaging to the factor. */
        public int repeatsThisOperation() {
            credit += factor;
            int n = (int) credit;
            credit -= n;
            return n;
        }
    }
}
