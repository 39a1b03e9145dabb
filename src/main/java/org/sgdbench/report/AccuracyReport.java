package org.sgdbench.report;

import java.util.List;
import java.util.Locale;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;

/** accuracy.md / accuracy.csv: the physics verdict, one row per case, method, backend and quantity. */
public final class AccuracyReport {
    private AccuracyReport() {}

    static String err(AccuracyRow r) {
        if (Double.isNaN(r.error())) return "–";
        return r.relative() ? String.format(Locale.ROOT, "%+.3g %%", 100 * r.error()) : Table.num(r.error());
    }

    static String langevinErr(AccuracyRow r) { return modelErr(r, r.langevinError()); }

    /** A Brownian model's error against SGD's exact value, in % for relative rows. */
    static String modelErr(AccuracyRow r, double e) {
        if (Double.isNaN(e)) return "–";
        if (Double.isInfinite(e)) return e > 0 ? "+∞" : "−∞";
        return r.relative() ? String.format(Locale.ROOT, "%+.1f %%", 100 * e) : Table.num(e);
    }

    /** "value (error)" of one Brownian model, "–" when it predicts nothing for the quantity. */
    static String model(AccuracyRow r, double value, double error) {
        if (Double.isNaN(value)) return "–";
        return Table.num(value) + " (" + modelErr(r, error) + ")";
    }

    static String tol(AccuracyRow r) {
        if (Double.isNaN(r.tolerance())) return "–";
        return r.relative() ? String.format(Locale.ROOT, "%.3g %%", 100 * r.tolerance()) : Table.num(r.tolerance());
    }

    public static Table table(List<AccuracyRow> rows) {
        Table t = new Table(List.of("case", "regime", "method", "backend", "precision", "quantity", "value",
            "reference", "error", "tolerance", "verdict", "tolerance from", "SGD exact", "OU (error)",
            "Itô–Langevin (error)", "best diffusion (error)"));
        for (AccuracyRow r : rows)
            t.add(List.of(r.caseId(), r.regime(), r.method(), r.backend(), r.precision(), r.quantity(),
                Table.num(r.value()), Table.num(r.exact()), err(r), tol(r), verdict(r), r.reason(),
                Table.num(r.sgdExact()), model(r, r.langevin(), r.langevinError()), model(r, r.ito(), r.itoError()),
                model(r, r.bestDiffusion(), r.bestDiffusionError())));
        return t;
    }

    /** Where the best diffusion stands, one line per case (the first row of each case says it). */
    public static Table diffusionTable(List<AccuracyRow> rows) {
        Table t = new Table(List.of("case", "regime", "best diffusion (OU matching SGD's mean map and v∞)"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (AccuracyRow r : rows)
            if (r.diffusionNote() != null && !r.diffusionNote().isEmpty() && seen.add(r.caseId()))
                t.add(List.of(r.caseId(), r.regime(), r.diffusionNote()));
        return t;
    }

    /**
     * A row that counts as a failure of the run: not passed, and not merely unavailable (a backend this machine
     * cannot run is reported, not failed).
     */
    public static boolean failing(AccuracyRow r) { return !r.passed() && r.outcome() != Outcome.UNAVAILABLE; }

    static String verdict(AccuracyRow r) {
        if (r.outcome() == Outcome.UNAVAILABLE) return "unavailable: " + r.reason();
        return verdict(r.outcome());
    }

    static String verdict(Outcome o) {
        return switch (o) {
            case OK -> "pass";
            case NOT_JUDGED -> "not judged";
            default -> "FAIL (" + o.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        };
    }

    public static String markdown(List<AccuracyRow> rows, String title) {
        return "# " + title + "\n\n" + summary(rows) + "\n\n" + table(rows).markdown()
            + "\n## Can any diffusion reproduce SGD?\n\n" + diffusionTable(rows).markdown()
            + "\nerror = value − reference (relative when shown in %); the verdict compares it with the tolerance. "
            + "The reference is the exact SGD value for the ensemble and the transfer operator, and the continuous "
            + "model's own closed form for the Fokker–Planck solvers (which are judged on solving their equation "
            + "right). The last three columns are what the Brownian pictures predict for the quantity, with their error "
            + "against the SGD exact value: OU (constant noise at the mean Hessian), Itô–Langevin (state-dependent "
            + "noise σ_h²x² + σ_g², different from OU only with Hessian noise) and the best diffusion there can be (the "
            + "OU process whose one-step mean map 1 − ηλ and stationary variance are SGD's, κ = −ln(1−ηλ)/η; \"–\" "
            + "where none exists). Where even the best diffusion is off, no diffusion gets SGD right. "
            + "\"not judged\": the reference is invalid for that quantity (e.g. a Monte Carlo variance when the tail "
            + "index is ≤ 4, so the fourth moment is infinite) and no error is claimed.\n";
    }

    /** "All n rows pass." or "k of n rows FAIL.", plus how many are unavailable on this machine. */
    public static String summary(List<AccuracyRow> rows) {
        long failed = rows.stream().filter(AccuracyReport::failing).count();
        long unavailable = rows.stream().filter(r -> r.outcome() == Outcome.UNAVAILABLE).count();
        long judged = rows.size() - unavailable;
        String s = failed == 0 ? "All " + judged + " rows pass." : failed + " of " + judged + " rows FAIL.";
        return unavailable == 0 ? s : s + " " + unavailable + " rows unavailable on this machine (not run, not failed).";
    }

    public static String csv(List<AccuracyRow> rows) {
        Table t = new Table(List.of("case", "regime", "method", "backend", "precision", "quantity", "value", "reference",
            "error", "relative", "tolerance", "outcome", "reason", "sgd_exact", "langevin", "langevin_error", "ito",
            "ito_error", "best_diffusion", "best_diffusion_error", "diffusion_note"));
        for (AccuracyRow r : rows)
            t.add(List.of(r.caseId(), r.regime(), r.method(), r.backend(), r.precision(), r.quantity(),
                Table.raw(r.value()), Table.raw(r.exact()), Table.raw(r.error()), Boolean.toString(r.relative()),
                Table.raw(r.tolerance()), r.outcome().name(), r.reason(), Table.raw(r.sgdExact()), Table.raw(r.langevin()),
                Table.raw(r.langevinError()), Table.raw(r.ito()), Table.raw(r.itoError()), Table.raw(r.bestDiffusion()),
                Table.raw(r.bestDiffusionError()), r.diffusionNote() == null ? "" : r.diffusionNote()));
        return t.csv();
    }
}
