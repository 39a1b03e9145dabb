package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.accuracy.LinearRegressionAccuracy;
import org.sgdbench.problem.Sampling;
import picocli.CommandLine;

/** What the linear-regression options of {@code run} turn into. */
class LinearRegressionOptionsTest {
    private static List<LinearRegressionAccuracy.Case> cases(boolean quick, String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.regression.cases(quick);
    }

    @Test
    void aUserCsvGetsBothLearningRatesForEverySamplingModeAtItsDefaultBatch(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("six.csv");
        Files.writeString(csv, "a,b,y\n1,0.5,0.9\n0.3,-1.2,-1\n-0.7,0.8,0.4\n1.5,1.1,2.1\n-0.2,-0.4,-0.3\n2,0.1,1.5\n");
        List<LinearRegressionAccuracy.Case> cases = cases(true, "--dataset", csv.toString(), "--standardize", "none");
        assertThat(cases).hasSize(6).allSatisfy(c -> {
            assertThat(c.batch()).isEqualTo(2);
            assertThat(c.data().d()).isEqualTo(2);
            assertThat(c.id()).startsWith("six-b2-");
        });
        assertThat(cases).extracting(LinearRegressionAccuracy.Case::sampling).containsOnly(Sampling.values());
    }

    @Test
    void batchAndSamplingNarrowTheDiabetesCases() {
        List<LinearRegressionAccuracy.Case> cases = cases(true, "--batch", "16", "--sampling", "with-replacement");
        assertThat(cases).hasSize(2).allSatisfy(c -> {
            assertThat(c.batch()).isEqualTo(16);
            assertThat(c.sampling()).isEqualTo(Sampling.WITH_REPLACEMENT);
            assertThat(c.data().name()).isEqualTo("diabetes");
        });
        assertThat(cases(true)).hasSize(4);
    }
}
