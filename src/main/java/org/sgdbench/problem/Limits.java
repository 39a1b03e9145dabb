package org.sgdbench.problem;

/**
 * Every limit of a specification and the default seed, in one place: the specs, solvers and the CLI check their
 * inputs against these (each check throws an {@link InvalidSpecException} naming the field and the range).
 */
public final class Limits {
    private Limits() {}

    /** η ∈ (0, ETA_MAX]: beyond, every non-flat mode of interest is unstable and the numbers overflow. */
    public static final double ETA_MAX = 100;
    /** Worker threads ∈ [1, THREADS_MAX]. */
    public static final int THREADS_MAX = 4096;
    /** SGD walkers ∈ [1, WALKERS_MAX] (2²⁸: the largest ensemble whose state fits in a Java array per mode). */
    public static final int WALKERS_MAX = 1 << 28;
    /** Modes of a quadratic model ∈ [1, MODES_MAX]. */
    public static final int MODES_MAX = 4096;
    /** The Philox seed of a run unless one is given. */
    public static final long DEFAULT_SEED = 20260522L;

    /** η ∈ (0, {@link #ETA_MAX}]. */
    public static double eta(double eta) {
        if (!(eta > 0 && eta <= ETA_MAX)) throw new InvalidSpecException("eta", eta, "(0, " + (int) ETA_MAX + "]");
        return eta;
    }

    /** Threads ∈ [1, {@link #THREADS_MAX}]. */
    public static int threads(int threads) {
        return Check.inRange("threads", threads, 1, THREADS_MAX);
    }

    /** Walkers ∈ [1, {@link #WALKERS_MAX}]. */
    public static int walkers(int walkers) {
        return Check.inRange("walkers", walkers, 1, WALKERS_MAX);
    }
}
