package org.sgdbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdbench.accuracy.VerdictCase;
import org.sgdbench.problem.Mode;
import org.sgdbench.results.VarianceTrajectory;
import org.sgdbench.theory.ModeTheory;
import org.sgdbench.theory.Regime;

/** The data of the report's physics plots, from the run's trajectories.json or from closed-form theory. */
public final class PhysicsCurves {
    /** The method names of the theory curves. */
    public static final String EXACT = "exact", LANGEVIN = "langevin-ou";

    private PhysicsCurves() {}

    /** One panel: a case, a caption, its curves. */
    public record Panel(String caseId, String caption, List<VarianceTrajectory> curves) {}

    /**
     * Panels for the confined and diffusive cases: the trajectories of the run when it has any (every method it
     * recorded: ensemble, transfer operator, Fokker–Planck…), completed with the exact and OU curves from
     * {@link ModeTheory} for standard verdict cases that lack them; only theory when the run has none.
     *
     * @param eta the run's η override, null when each case used its own
     */
    public static List<Panel> panels(List<VarianceTrajectory> recorded, Double eta) {
        Map<String, VerdictCase> cases = new LinkedHashMap<>();
        for (VerdictCase c : VerdictCase.standard(1)) cases.put(c.id(), eta == null ? c : c.withEta(eta));
        Map<String, List<VarianceTrajectory>> byCase = new LinkedHashMap<>();
        for (VarianceTrajectory v : recorded)
            if (shown(v.regime())) byCase.computeIfAbsent(v.caseId(), k -> new ArrayList<>()).add(v);
        if (recorded.isEmpty())
            for (VerdictCase c : cases.values()) {
                Regime r = theory(c).regime();
                if (r == Regime.CONFINED || r == Regime.DIFFUSIVE) byCase.put(c.id(), new ArrayList<>());
            }
        List<Panel> out = new ArrayList<>();
        for (Map.Entry<String, List<VarianceTrajectory>> e : byCase.entrySet()) {
            VerdictCase c = cases.get(e.getKey());
            List<VarianceTrajectory> curves = new ArrayList<>(e.getValue());
            String caption = curves.isEmpty() ? "" : curves.get(0).regime();
            if (c != null) {
                boolean hasExact = curves.stream().anyMatch(v -> EXACT.equals(v.method()));
                boolean hasOu = curves.stream().anyMatch(v -> v.method().toLowerCase(Locale.ROOT).contains("langevin")
                    || v.method().toLowerCase(Locale.ROOT).startsWith("ou"));
                if (!hasExact) curves.add(0, exact(c));
                if (!hasOu) curves.add(ou(c));
                Mode m = c.mode();
                caption = String.format(Locale.ROOT, "%s, η=%s λ=%s σh=%s", theory(c).regime().name().toLowerCase(Locale.ROOT),
                    fmt(c.eta()), fmt(m.lambda()), fmt(m.sigmaH()));
            }
            out.add(new Panel(e.getKey(), caption, curves));
        }
        return out;
    }

    private static boolean shown(String regime) {
        if (regime == null) return true;
        String r = regime.toLowerCase(Locale.ROOT);
        return r.contains("confined") || r.contains("diffusive");
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.3g", v); }

    static ModeTheory theory(VerdictCase c) { return ModeTheory.of(c.mode(), c.noise(), c.eta()); }

    /** Exact variance v_t of SGD from the case's initial law (mean initMean, sd initSpread). */
    public static VarianceTrajectory exact(VerdictCase c) {
        ModeTheory t = theory(c);
        double v0 = c.initSpread() * c.initSpread();
        List<Long> steps = steps(c.steps());
        List<Double> v = new ArrayList<>(steps.size());
        for (long s : steps) v.add(t.variance(s, c.initMean(), v0));
        return new VarianceTrajectory(c.id(), t.regime().name().toLowerCase(Locale.ROOT), EXACT, "-", steps, v);
    }

    /** The OU (additive Langevin) variance at τ = tη from the same initial variance. */
    public static VarianceTrajectory ou(VerdictCase c) {
        ModeTheory t = theory(c);
        double v0 = c.initSpread() * c.initSpread();
        List<Long> steps = steps(c.steps());
        List<Double> v = new ArrayList<>(steps.size());
        for (long s : steps) v.add(t.ouVariance(s, v0));
        return new VarianceTrajectory(c.id(), t.regime().name().toLowerCase(Locale.ROOT), LANGEVIN, "-", steps, v);
    }

    private static List<Long> steps(int horizon) {
        List<Long> s = new ArrayList<>();
        int stride = Math.max(1, horizon / 200);
        for (long t = 0; t <= horizon; t += stride) s.add(t);
        if (s.get(s.size() - 1) != horizon) s.add((long) horizon);
        return s;
    }

    /**
     * Langevin's relative error of the stationary variance, (OU v∞ / exact v∞ − 1) in %, for ηλ on a grid in
     * (0, 2), λ = σ_g = 1, one curve per σ_h. −100 % where the exact variance is infinite (a ≥ 1) but OU's is not.
     *
     * @return name → {x[], y[]}
     */
    public static Map<String, double[][]> langevinError(double[] sigmaH, int points) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (double sh : sigmaH) {
            double[] x = new double[points], y = new double[points];
            for (int i = 0; i < points; i++) {
                double el = 2.0 * (i + 1) / (points + 1);
                x[i] = el;
                y[i] = 100 * ModeTheory.of(Mode.of(1, sh, 1), org.sgdbench.problem.NoiseLaw.GAUSSIAN, el).ouRelativeError();
            }
            out.put("σh = " + fmt(sh), new double[][] {x, y});
        }
        return out;
    }
}
