package org.sgdbench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionContract;
import org.sgdbench.problem.Dataset;
import org.sgdbench.problem.Datasets;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.problem.Standardization;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;
import org.sgdbench.theory.LinearRegressionTheory;

class LinearRegressionAccuracyTest {
    private static final LinearRegressionAccuracy.Settings SCALAR = new LinearRegressionAccuracy.Settings(
        List.of(Backend.SCALAR), List.of(Precision.F64, Precision.F32), 20260522L, KernelOptions.singleThread().withThreads(2), 5.0);

    /** Six rows, two raw features: the size of a user's smallest CSV. */
    static Dataset six() {
        double[][] raw = {{1.0, 0.5}, {0.3, -1.2}, {-0.7, 0.8}, {1.5, 1.1}, {-0.2, -0.4}, {2.0, 0.1}};
        return Datasets.regression("six", List.of("a", "b"), "y", raw, new double[] {0.9, -1.0, 0.4, 2.1, -0.3, 1.5},
            Standardization.NONE);
    }

    private static LinearRegressionAccuracy.Case caseOf(Dataset data, int b, Sampling s, double edgeFraction) {
        double edge = LinearRegressionTheory.of(data, b, s, 1e-3).stabilityEdge();
        return new LinearRegressionAccuracy.Case("t-" + s.id() + "-" + edgeFraction, data, b, s, edgeFraction * edge,
            100, 4096, 0.1);
    }

    @Test
    void aSixRowDatasetPassesForBothIidModesIncludingTheGridLaw() {
        // with replacement at the small η, without replacement near the edge (each grid law costs seconds)
        for (Sampling s : List.of(Sampling.WITH_REPLACEMENT, Sampling.WITHOUT_REPLACEMENT)) {
            double f = s == Sampling.WITH_REPLACEMENT ? 0.1 : LinearRegressionAccuracy.NEAR_EDGE;
            List<AccuracyRow> rows = LinearRegressionAccuracy.run(List.of(caseOf(six(), 2, s, f)), SCALAR, m -> {});
            List<AccuracyRow> judged = rows.stream().filter(r -> r.method().equals("ensemble")).toList();
            // per precision: 2 mode variances, the mean, the covariance
            assertThat(judged).hasSize(2 * 4);
            assertThat(judged).allSatisfy(r -> assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.OK));
            assertThat(rows.stream().filter(r -> r.method().equals("ou-lyapunov"))).hasSize(2);
            // d = 2 and 21 (with) or 15 (without replacement) minibatch maps: the exact law on a grid, judged too
            List<AccuracyRow> grid = rows.stream().filter(r -> r.method().equals("transfer-operator")).toList();
            assertThat(grid).hasSize(2).allSatisfy(r -> assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.OK));
        }
    }

    @Test
    void theVerdictFailsWhenTheEnsembleRunsAnotherLearningRateThanTheTheory() {
        // proves the rows can fail: the walkers run at η, the theory is told 0.8η
        LinearRegressionAccuracy.Case c = caseOf(six(), 2, Sampling.WITHOUT_REPLACEMENT, 0.5);
        LinearRegressionTheory wrong = LinearRegressionTheory.of(c.data(), c.batch(), c.sampling(), 0.8 * c.eta());
        List<AccuracyRow> rows = LinearRegressionAccuracy.ensembleRows(c, wrong, Backend.SCALAR.require(), Precision.F64, SCALAR);
        assertThat(rows).anySatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.LARGE_ERROR));
    }

    @Test
    void reshufflingIsReportedAgainstTheIidTheoryButNotJudged() {
        List<AccuracyRow> rows = LinearRegressionAccuracy.run(
            List.of(caseOf(LinearRegressionContract.tiny(), 2, Sampling.RESHUFFLING, 0.3)), SCALAR, m -> {});
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_JUDGED);
            assertThat(r.reason()).containsAnyOf("reshuffling", "model");
        });
    }

    @Test
    void theStationaryRowsShowHowFarTheBrownianPicturesAreNearTheEdge() {
        LinearRegressionAccuracy.Case c = caseOf(six(), 2, Sampling.WITH_REPLACEMENT, LinearRegressionAccuracy.NEAR_EDGE);
        LinearRegressionTheory th = LinearRegressionTheory.of(c.data(), c.batch(), c.sampling(), c.eta());
        List<AccuracyRow> rows = LinearRegressionAccuracy.theoryRows(c, th);
        assertThat(rows).hasSize(4);
        // near the edge Hessian noise dominates: both pictures without it fall far short of the exact variance
        assertThat(rows).allSatisfy(r -> assertThat(r.value()).isLessThan(0.8 * r.exact()));
    }

    @Test
    void theQuickDiabetesSubsetCoversBothIidModesAndReshuffling() {
        List<LinearRegressionAccuracy.Case> quick = LinearRegressionAccuracy.diabetes(64, 10, true);
        assertThat(quick).extracting(LinearRegressionAccuracy.Case::sampling)
            .contains(Sampling.WITH_REPLACEMENT, Sampling.WITHOUT_REPLACEMENT, Sampling.RESHUFFLING);
        assertThat(LinearRegressionAccuracy.diabetes(64, 10, false)).hasSize(12);
        for (LinearRegressionAccuracy.Case c : quick)
            if (c.id().endsWith("near-edge"))
                assertThat(LinearRegressionTheory.of(c.data(), c.batch(), c.sampling(), c.eta()).spectralRadius())
                    .isBetween(0.9, 1.0);
    }
}
