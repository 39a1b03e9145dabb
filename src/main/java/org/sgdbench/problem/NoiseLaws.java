package org.sgdbench.problem;

/**
 * The noise laws of a quadratic mode, one per axis: {@code hessian} for z_h in h = λ + σ_h z_h, {@code gradient}
 * for z_g in g = σ_g z_g. The two draws are independent whatever the pair (see {@code rng.StreamLayout} for how
 * a mixed pair is drawn from one Philox block). {@link #both(NoiseLaw)} is the single law every built-in case
 * uses; its streams are exactly those of a one-law model.
 */
public record NoiseLaws(NoiseLaw hessian, NoiseLaw gradient) {
    public NoiseLaws {
        Check.notNull("hessianNoise", hessian);
        Check.notNull("gradientNoise", gradient);
    }

    /** The same law on both axes. */
    public static NoiseLaws both(NoiseLaw law) {
        Check.notNull("noise", law);
        return new NoiseLaws(law, law);
    }

    /** All nine pairs, Hessian law major. */
    public static java.util.List<NoiseLaws> all() {
        java.util.List<NoiseLaws> list = new java.util.ArrayList<>();
        for (NoiseLaw h : NoiseLaw.values())
            for (NoiseLaw g : NoiseLaw.values()) list.add(new NoiseLaws(h, g));
        return java.util.List.copyOf(list);
    }

    /** Whether both axes have the same law. */
    public boolean same() { return hessian == gradient; }

    /**
     * Whether the kernels draw this pair by the mixed-pair rule of the stream layout: true for every pair with
     * different laws and for (NONE, NONE); false for (GAUSSIAN, GAUSSIAN) and (RADEMACHER, RADEMACHER), which keep
     * the one-law rules.
     */
    public boolean mixed() { return !same() || hessian == NoiseLaw.NONE; }

    /** Whether either axis is Gaussian (a Box–Muller transform is needed). */
    public boolean anyGaussian() { return hessian == NoiseLaw.GAUSSIAN || gradient == NoiseLaw.GAUSSIAN; }

    /** {@code mode} with σ_h = 0 when the Hessian law is NONE and σ_g = 0 when the gradient law is NONE. */
    public Mode effective(Mode mode) {
        Check.notNull("mode", mode);
        double sh = hessian == NoiseLaw.NONE ? 0 : mode.sigmaH();
        double sg = gradient == NoiseLaw.NONE ? 0 : mode.sigmaG();
        return sh == mode.sigmaH() && sg == mode.sigmaG() ? mode : Mode.of(mode.lambda(), sh, sg);
    }

    /** "gaussian" for a same-law pair, else "gaussian-h/rademacher-g". */
    public String label() {
        return same() ? hessian.id() : hessian.id() + "-h/" + gradient.id() + "-g";
    }

    @Override
    public String toString() { return label(); }
}
