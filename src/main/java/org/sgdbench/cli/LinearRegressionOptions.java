package org.sgdbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sgdbench.accuracy.LinearRegressionAccuracy;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Sampling;
import org.sgdbench.problem.Standardization;
import org.sgdbench.theory.LinearRegressionTheory;
import picocli.CommandLine.Option;

/**
 * The linear-regression options of {@code sgdbench run}: which dataset (diabetes built in, or a user's CSV), its
 * standardisation, batch size and sampling. {@link #cases} validates everything (before the run writes anything)
 * and builds the verdict cases.
 */
public final class LinearRegressionOptions {
    /** Walkers and steps of each linear-regression case: quick and full runs. */
    static final int QUICK_WALKERS = 4096, FULL_WALKERS = 16384, STEPS = 300;

    @Option(names = "--dataset", paramLabel = "FILE.csv",
        description = "Linear-regression verdict on this CSV (a header, numeric columns) instead of the built-in diabetes data.")
    Path dataset;

    @Option(names = "--target", paramLabel = "NAME", description = "The CSV's target column (default: the last column).")
    String target;

    @Option(names = "--standardize", paramLabel = "MODE", defaultValue = "zscore",
        description = "zscore (default: centre and scale every column, add an intercept column) or none (the columns as given).")
    String standardize;

    @Option(names = "--batch", paramLabel = "B", description = "Minibatch size of the linear-regression cases, in [1, rows] (default: 4 and 32 on diabetes, rows/3 capped at 4 on a CSV).")
    Integer batch;

    @Option(names = "--sampling", paramLabel = "MODE",
        description = "with-replacement, without-replacement or reshuffling (default: every mode).")
    String sampling;

    private List<LinearRegressionAccuracy.Case> cases;

    /** The validated cases (built once); throws {@link InvalidSpecException} naming the bad option or cell. */
    List<LinearRegressionAccuracy.Case> cases(boolean quick) {
        if (cases != null) return cases;
        Standardization std = Standardization.parse("standardize", standardize);
        Sampling only = sampling == null ? null : Sampling.parse("sampling", sampling);
        int walkers = quick ? QUICK_WALKERS : FULL_WALKERS;
        List<LinearRegressionAccuracy.Case> out = new ArrayList<>();
        if (dataset == null) {
            if (target != null) throw new InvalidSpecException("target", target, "only together with --dataset");
            Dataset diabetes = std == Standardization.ZSCORE ? null : Datasets.diabetes(std);
            if (batch != null && (batch < 1 || batch > 442)) throw new InvalidSpecException("batch", batch, "[1, 442] (diabetes has 442 rows)");
            boolean custom = batch != null || only != null || diabetes != null;
            if (!custom) out.addAll(LinearRegressionAccuracy.diabetes(walkers, STEPS, quick));
            else out.addAll(userCases(diabetes != null ? diabetes : Datasets.diabetes(), walkers, quick, only, batch != null ? batch : 4));
        } else {
            Dataset data = Datasets.csv(dataset, target, std);
            int b = batch != null ? batch : Math.max(1, Math.min(4, data.n() / 3));
            if (b < 1 || b > data.n())
                throw new InvalidSpecException("batch", b, "[1, " + data.n() + "] (" + dataset.getFileName() + " has " + data.n() + " rows)");
            out.addAll(userCases(data, walkers, quick, only, b));
        }
        cases = out;
        return out;
    }

    /**
     * A dataset given on the command line: a small learning rate (0.1 × the stability edge) and one near the edge
     * (0.85 ×), for the chosen sampling mode or every one of them.
     */
    private static List<LinearRegressionAccuracy.Case> userCases(Dataset data, int walkers, boolean quick, Sampling only,
                                                                 int b) {
        List<LinearRegressionAccuracy.Case> out = new ArrayList<>();
        double[] star = LinearRegressionTheory.leastSquares(data);
        for (Sampling s : Sampling.values()) {
            if (only != null && s != only) continue;
            new LinearRegression(data, b, s, 0.01, STEPS, walkers, star, 0.1); // validates batch against the rows
            double edge = LinearRegressionTheory.of(data, b, s, 1e-3).stabilityEdge();
            for (double f : new double[] {0.1, LinearRegressionAccuracy.NEAR_EDGE}) {
                double eta = Math.min(100, f * edge);
                String id = String.format(Locale.ROOT, "%s-b%d-%s-%s", data.name(), b, s.id(), f < 0.5 ? "small-eta" : "near-edge");
                out.add(new LinearRegressionAccuracy.Case(id, data, b, s, eta, STEPS, walkers, 0.1));
            }
        }
        return out;
    }
}
