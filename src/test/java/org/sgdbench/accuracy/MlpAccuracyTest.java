package org.sgdbench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.MlpData;
import org.sgdbench.problem.MlpSpec;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.Sampling;
import org.sgdbench.results.AccuracyRow;
import org.sgdbench.results.Outcome;

class MlpAccuracyTest {
    static final MlpSpec TINY = new MlpSpec(3, 8, Sampling.WITHOUT_REPLACEMENT, 0.02, 60, 96, 1e-3, 17, 200);

    @Test
    void tinyInstancePassesAndClassifiesTheInertDirectionsExactly(@TempDir Path cache) {
        MlpAccuracy.Output out = MlpAccuracy.run(TINY, new MlpAccuracy.Settings(List.of(Backend.SCALAR),
            List.of(Precision.F64, Precision.F32), new KernelOptions(2, "any"), cache, false, List.of()), s -> {});
        // the paired full-vs-linearised rows measure the non-quadratic terms and are reported, not judged
        assertThat(out.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.outcome()).as(r.quantity())
            .isEqualTo(r.method().equals("ensemble vs linearised") ? Outcome.NOT_JUDGED : Outcome.OK));
        assertThat(out.rows()).extracting(AccuracyRow::method).contains("linearised", "ensemble vs linearised");
        assertThat(out.rows()).extracting(AccuracyRow::precision).contains("F32", "F64");
        var classes = out.summary().classes();
        assertThat(classes.get("confined") + classes.get("flat") + classes.get("inert") + classes.get("other"))
            .isEqualTo(TINY.parameters());
        // unseen directions: H weights per always-zero pixel, plus the softmax shift of the H + 1 inputs of each logit
        int zeroPixels = 0;
        for (boolean z : MlpData.digitsSplit(TINY.trainSize(), TINY.seed())[0].alwaysZeroInputs()) if (z) zeroPixels++;
        assertThat(zeroPixels).isPositive();
        assertThat(classes.get("inert")).isEqualTo(zeroPixels * TINY.hidden() + TINY.hidden() + 1);
        assertThat(out.summary().eigenvalues()).hasSize(TINY.parameters()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(out.summary().curves()).anySatisfy(c -> assertThat(c.method()).startsWith("ensemble"));
    }

    @Test
    void whereThePerDirectionRecursionHasNoVarianceTheStiffRowsAreNotJudged(@TempDir Path cache) {
        // ηλ_max ≈ 1.9 with strong Hessian noise: the recursion of the stiffest directions is heavy-tailed or unstable
        MlpAccuracy.Output out = MlpAccuracy.run(TINY.withEta(0.2), new MlpAccuracy.Settings(List.of(Backend.SCALAR),
            List.of(Precision.F64), new KernelOptions(2, "any"), cache, false, List.of()), s -> {});
        assertThat(out.rows()).filteredOn(r -> r.quantity().startsWith("variance along v0"))
            .singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.NOT_JUDGED);
                assertThat(r.reason()).startsWith("not judged");
            });
        assertThat(out.summary().classes().get("other")).isPositive();
    }

    @Test
    void theSweepReportsEachLearningRateAndWhereTheWalkersLeaveTheBasin(@TempDir Path cache) {
        // penalty 1: at η = 100 every step multiplies θ by about 1 − ημ = −99, so those walkers overflow
        MlpSpec strong = new MlpSpec(3, 8, Sampling.WITH_REPLACEMENT, 0.02, 200, 32, 1, 17, 200);
        MlpAccuracy.Output out = MlpAccuracy.run(strong, new MlpAccuracy.Settings(List.of(), List.of(Precision.F64),
            new KernelOptions(2, "any"), cache, false, List.of(0.02, 100.0)), s -> {});
        List<AccuracyRow> sweep = out.rows().stream().filter(r -> r.method().equals("sweep")).toList();
        assertThat(sweep).hasSize(2).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.NOT_JUDGED));
        assertThat(sweep.get(0).quantity()).startsWith("sweep η=0.02").contains("measured/recursion", "RMS flat displacement");
        assertThat(sweep.get(0).value()).isBetween(0.2, 5.0); // mean measured/recursion of the stiffest directions
        assertThat(sweep.get(1).quantity()).contains("left the basin");
    }

    @Test
    void walkersThatLeaveTheBasinAreReportedDivergedNotFailed(@TempDir Path cache) {
        // penalty 1 at η = 100: every step multiplies θ by about 1 − ημ = −99, so the walkers overflow
        MlpSpec exploding = new MlpSpec(3, 8, Sampling.WITH_REPLACEMENT, 100, 200, 4, 1, 17, 200);
        MlpAccuracy.Output out = MlpAccuracy.run(exploding, new MlpAccuracy.Settings(List.of(Backend.SCALAR),
            List.of(Precision.F64, Precision.F32), KernelOptions.singleThread(), cache, false, List.of()), s -> {});
        assertThat(out.rows()).extracting(AccuracyRow::outcome).containsOnly(Outcome.DIVERGED);
    }
}
