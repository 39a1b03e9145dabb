package org.sgdbench.accuracy;

import org.sgdbench.solver.fokkerplanck.Generator;

/** What computed an accuracy row's value; {@link #id()} is the name written in the tables. */
public enum Method {
    /** Monte Carlo SGD walkers on a backend. */
    ENSEMBLE("ensemble"),
    /** The exact master equation on a grid (cloud-in-cell push-forward). */
    TRANSFER_OPERATOR("transfer-operator"),
    /** Fokker–Planck of the OU process (constant noise at the mean Hessian). */
    LANGEVIN_OU_FP("langevin-fp (OU)"),
    /** Fokker–Planck of Itô–Langevin (state-dependent noise σ_h²x² + σ_g²). */
    LANGEVIN_ITO_FP("langevin-fp (Itô)"),
    /** Fokker–Planck of the η-corrected generator. */
    CORRECTED_FP("corrected-fp");

    private final String id;

    Method(String id) { this.id = id; }

    public String id() { return id; }

    /** The Fokker–Planck method solving {@code g}. */
    public static Method of(Generator g) {
        return switch (g) {
            case LANGEVIN_OU -> LANGEVIN_OU_FP;
            case ITO_LANGEVIN -> LANGEVIN_ITO_FP;
            case ETA_CORRECTED -> CORRECTED_FP;
        };
    }
}
