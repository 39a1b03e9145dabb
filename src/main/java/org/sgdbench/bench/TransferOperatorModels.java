package org.sgdbench.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.problem.CoupledQuadratic2D;
import org.sgdbench.problem.Grid1D;
import org.sgdbench.problem.Grid2D;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.solver.transfer.TransferOperator;
import org.sgdbench.solver.transfer.TransferOperatorBuilder;

/**
 * The operators the transfer-operator benchmarks apply, built deterministically from the cell count so that
 * the benchmark fork and the report (which needs the non-zero count for the declared traffic) build the same.
 *
 * <p>1D: λ = 1, σ_h = 0.5, σ_g = 1, η = 0.1, Rademacher noise (4 exact atoms, so about 8 non-zeros per row), on
 * ±2.5 around 0 (≈ 10 stationary standard deviations). 2D: a coupled model with a non-diagonal mean Hessian and
 * Rademacher noise on the five draws (32 atoms), on a square grid of √cells × √cells.
 */
public final class TransferOperatorModels {
    private static final Map<String, TransferOperator> CACHE = new ConcurrentHashMap<>();

    private TransferOperatorModels() {}

    public static TransferOperator oneD(int cells) {
        return CACHE.computeIfAbsent("1d/" + cells, k -> TransferOperatorBuilder.build1D(Mode.of(1.0, 0.5, 1.0),
            NoiseLaw.RADEMACHER, 0.1, 1, Grid1D.centred(0, 2.5, cells)));
    }

    public static CoupledQuadratic2D coupledModel() {
        double[] cov = new double[25];
        double[] sd = {0.4, 0.3, 0.2, 1.0, 0.8};
        for (int i = 0; i < 5; i++) cov[i * 5 + i] = sd[i] * sd[i];
        cov[3 * 5 + 4] = cov[4 * 5 + 3] = 0.3 * sd[3] * sd[4];
        return new CoupledQuadratic2D(new double[] {1.0, 0.4, 0.6}, cov, NoiseLaw.RADEMACHER, 0.1, 100, 1,
            new double[] {0, 0}, 0.5);
    }

    public static TransferOperator twoD(int cells) {
        int side = (int) Math.round(Math.sqrt(cells));
        return CACHE.computeIfAbsent("2d/" + side, k -> {
            Grid1D axis = Grid1D.centred(0, 3.0, side);
            return TransferOperatorBuilder.build2D(coupledModel(), 1, new Grid2D(axis, axis));
        });
    }

    /** Declared work of one step of {@code a}: rows are the cell-steps, bytes as TransferOperatorKernel counts them. */
    static DeclaredWork work(CsrMatrix a, boolean f64) {
        long prec = f64 ? 8 : 4;
        double bytes = a.nnz() * (prec + 4.0) + (a.rows() + 1.0) * 4 + (double) a.cols() * prec + (double) a.rows() * prec;
        return new DeclaredWork("cell-steps", a.rows(), 2.0 * a.nnz() / a.rows(), bytes / a.rows(),
            DeclaredWork.Bound.MEMORY);
    }
}
