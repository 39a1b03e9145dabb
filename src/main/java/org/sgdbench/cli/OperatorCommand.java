package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sgdbench.bench.TransferOperatorModels;
import org.sgdbench.bench.TransferStepBenchmark;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.solver.transfer.MatrixMarket;
import org.sgdbench.solver.transfer.TransferOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sgdbench operator --case NAME --cells N --export FILE.mtx}: the transfer operator the suite benchmarks,
 * as data. Writes the matrix (Matrix Market coordinate, rows = target cells, so one step is p ← A p) and the
 * initial density the benchmark's check starts from (Matrix Market array, FILE-initial.mtx unless --vector says
 * otherwise), so that any SpMV library, and the native C reference, runs exactly the suite's step.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
    description = "Export a benchmark's transfer operator (Matrix Market) and its initial density, for other SpMV libraries.")
public final class OperatorCommand implements Callable<Integer> {
    /** The operators that can be exported: the transfer-operator benchmarks' own. */
    public static final String CASES = "transfer-1d, transfer-2d";
    public static final int MAX_CELLS_1D = 1 << 24, MAX_CELLS_2D = 1 << 22;

    @Option(names = "--case", required = true, paramLabel = "NAME",
        description = "The operator: transfer-1d (λ = 1, σ_h = 0.5, σ_g = 1, η = 0.1, Rademacher) or transfer-2d (the coupled 2D model).")
    String caseName;

    @Option(names = "--cells", required = true, paramLabel = "N",
        description = "Grid cells: [16, 16777216] for transfer-1d; a perfect square in [16, 4194304] for transfer-2d.")
    int cells;

    @Option(names = "--export", required = true, paramLabel = "FILE.mtx", description = "Where the matrix goes.")
    Path export;

    @Option(names = "--vector", paramLabel = "FILE.mtx", description = "Where the initial density goes (default: FILE-initial.mtx beside the matrix).")
    Path vector;

    /** The operator of {@code caseName} at {@code cells}, validated (InvalidSpecException names the field). */
    public static TransferOperator operator(String caseName, int cells) {
        String c = caseName == null ? "" : caseName.trim().toLowerCase(Locale.ROOT);
        switch (c) {
            case "transfer-1d" -> {
                if (cells < 16 || cells > MAX_CELLS_1D) throw new InvalidSpecException("cells", cells, "[16, " + MAX_CELLS_1D + "]");
                return TransferOperatorModels.oneD(cells);
            }
            case "transfer-2d" -> {
                int side = (int) Math.round(Math.sqrt(cells));
                if (cells < 16 || cells > MAX_CELLS_2D || side * side != cells)
                    throw new InvalidSpecException("cells", cells, "a perfect square in [16, " + MAX_CELLS_2D + "] for transfer-2d");
                return TransferOperatorModels.twoD(cells);
            }
            default -> throw new InvalidSpecException("case", caseName, "one of " + CASES);
        }
    }

    /** FILE.mtx → FILE-initial.mtx (FILE → FILE-initial.mtx when there is no .mtx suffix). */
    static Path defaultVectorPath(Path matrix) {
        String name = matrix.getFileName().toString();
        String stem = name.endsWith(".mtx") ? name.substring(0, name.length() - 4) : name;
        return matrix.resolveSibling(stem + "-initial.mtx");
    }

    @Override
    public Integer call() throws IOException {
        TransferOperator op = operator(caseName, cells); // validated before anything is written
        String id = caseName.trim().toLowerCase(Locale.ROOT);
        Path vec = vector != null ? vector : defaultVectorPath(export);
        CsrMatrix a = op.matrix();
        String about = "sgdbench " + SgdBench.suiteVersion() + ": transfer operator of the " + id + " benchmark, " + cells
            + " cells\none step of the master equation is p <- A p (rows = target cells, columns = source cells)\n"
            + "grid: " + op.grid() + "\nreference semantics: each row sum accumulated in increasing column order; "
            + "in F32 a row sum below 2^-126 in magnitude is stored as +0";
        MatrixMarket.writeMatrix(a, about, export);
        MatrixMarket.writeVector(TransferStepBenchmark.smoothDensity(a.cols()),
            "sgdbench " + SgdBench.suiteVersion() + ": initial density of the " + id + " benchmark's check, " + cells
                + " cells, mass 1", vec);
        System.out.printf(Locale.ROOT, "%s: %d x %d, %d non-zeros -> %s; initial density -> %s%n", id, a.rows(), a.cols(),
            a.nnz(), export, vec);
        return ExitCodes.OK;
    }
}
