package org.sgdbench.theory;

/**
 * Asymptotic regime of one mode x' = (1 − ηh) x − ηg (docs/design.md, "Quadratic modes"), decided in this order by
 * {@link ModeTheory#regime()}:
 * <ol>
 * <li>{@link #DIFFUSIVE}: |1 − ηh| = 1 almost surely (within {@link ModeTheory#TOLERANCE}); this contains the flat
 *   mode λ = 0, σ_h = 0 of the design and also its edge cases ηλ = 2, σ_h = 0 and Rademacher atoms ±1, whose
 *   variance grows by exactly η²σ_g² per step too;</li>
 * <li>{@link #CONFINED}: a = (1−ηλ)² + η²σ_h² &lt; 1 — finite stationary variance;</li>
 * <li>{@link #HEAVY_TAILED}: a ≥ 1 but E log|1−ηh| &lt; 0 — stationary law with infinite variance (Kesten);</li>
 * <li>{@link #UNSTABLE}: E log|1−ηh| ≥ 0 otherwise — no stationary law (negative curvature, ηλ &gt; 2, …).</li>
 * </ol>
 */
public enum Regime {
    CONFINED, HEAVY_TAILED, DIFFUSIVE, UNSTABLE
}
