package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.bench.TransferOperatorModels;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.kernel.scalar.ScalarTransferOperator;
import org.sgdbench.problem.Precision;
import org.sgdbench.solver.transfer.MatrixMarket;

class OperatorCommandTest {
    @TempDir
    Path dir;

    /** One step computed from the exported files equals the suite's own step on its own operator. */
    private void exportedStepReproducesSuiteStep(String kase, int cells, CsrMatrix suite) throws Exception {
        Path mtx = dir.resolve(kase + ".mtx");
        CliRun r = CliRun.of("operator", "--case", kase, "--cells", Integer.toString(cells), "--export", mtx.toString());
        assertThat(r.code()).as(r.err()).isZero();
        CsrMatrix read = MatrixMarket.readMatrix(mtx);
        double[] p = MatrixMarket.readVector(dir.resolve(kase + "-initial.mtx"));
        assertThat(read.rows()).isEqualTo(suite.rows());
        assertThat(read.nnz()).isEqualTo(suite.nnz());
        assertThat(p).hasSize(suite.cols());

        double[] fromFile = new double[read.rows()], fromSuite = new double[suite.rows()];
        read.multiply(p, fromFile);
        try (TransferOperatorKernel k = new ScalarTransferOperator(suite, Precision.F64, new KernelOptions(1, "any"))) {
            k.load(p);
            k.step(1);
            k.read(fromSuite);
        }
        // shortest round-trip decimals: the files hold the very doubles, and the row order of the sums is kept
        assertThat(fromFile).containsExactly(fromSuite);
        double mass = 0;
        for (double v : fromFile) mass += v;
        assertThat(mass).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void oneDimensionalOperatorRoundTripsThroughMatrixMarket() throws Exception {
        exportedStepReproducesSuiteStep("transfer-1d", 1000, TransferOperatorModels.oneD(1000).matrix());
    }

    @Test
    void twoDimensionalOperatorRoundTripsThroughMatrixMarket() throws Exception {
        exportedStepReproducesSuiteStep("transfer-2d", 400, TransferOperatorModels.twoD(400).matrix());
    }

    @Test
    void headerAndSizeLineAreMatrixMarket() throws Exception {
        Path mtx = dir.resolve("a.mtx");
        assertThat(CliRun.of("operator", "--case", "transfer-1d", "--cells", "64", "--export", mtx.toString()).code()).isZero();
        var lines = Files.readAllLines(mtx);
        assertThat(lines.get(0)).isEqualTo("%%MatrixMarket matrix coordinate real general");
        String size = lines.stream().filter(l -> !l.startsWith("%")).findFirst().orElseThrow();
        assertThat(size).isEqualTo("64 64 " + TransferOperatorModels.oneD(64).matrix().nnz());
        assertThat(Files.readAllLines(dir.resolve("a-initial.mtx")).get(0)).isEqualTo("%%MatrixMarket matrix array real general");
    }

    @Test
    void badCaseOrCellsIsOneLineExitTwoAndWritesNothing() {
        Path mtx = dir.resolve("bad.mtx");
        CliRun r = CliRun.of("operator", "--case", "nope", "--cells", "64", "--export", mtx.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).contains("case").contains("transfer-1d").doesNotContain("\n");
        r = CliRun.of("operator", "--case", "transfer-2d", "--cells", "1000", "--export", mtx.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).contains("cells").contains("perfect square");
        r = CliRun.of("operator", "--case", "transfer-1d", "--cells", "8", "--export", mtx.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).contains("cells").contains("[16, ");
        assertThat(mtx).doesNotExist();
    }
}
