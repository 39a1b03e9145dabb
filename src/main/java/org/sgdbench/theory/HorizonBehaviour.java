package org.sgdbench.theory;

/**
 * What a mode does within a run of a given number of steps ({@link ModeTheory#horizonBehaviour(long)}), next to
 * its asymptotic {@link Regime}.
 */
public enum HorizonBehaviour {
    /** Stationary regime (confined or heavy-tailed) and the relaxation time is at most the horizon. */
    RELAXED,
    /**
     * Stationary regime, but the relaxation time exceeds the horizon: within the run the variance still grows
     * about linearly, like a flat direction (the paper's "nearly flat" modes).
     */
    NEARLY_FLAT_DIFFUSIVE,
    /** Diffusive regime: the variance grows linearly for ever. */
    DIFFUSIVE,
    /** Unstable regime: the law spreads without bound (typically geometrically). */
    GROWING
}
