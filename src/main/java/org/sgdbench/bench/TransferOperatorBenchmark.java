package org.sgdbench.bench;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.sgdbench.solver.transfer.TransferOperator;

/**
 * The 1D transfer-operator step ({@link TransferOperatorModels#oneD}), at 16384 cells (the CSR, ~1.6 MB, lives in
 * L2) and 2^21 cells (~200 MB in F64, far beyond every cache).
 *
 * <p>Run recipe: {@code ./sgdbench run --quick}; by hand
 * {@code ./sgdbench jmh TransferOperatorBenchmark -p backend=scalar,simd -p cells=2097152}.
 */
public class TransferOperatorBenchmark extends TransferStepBenchmark {
    @Param({"16384", "2097152"})
    public int cells;

    @Override
    protected String kernelId() { return "transfer-1d"; }

    @Override
    protected TransferOperator operator() { return TransferOperatorModels.oneD(cells); }

    public static DeclaredWork work(Map<String, String> p) {
        return TransferOperatorModels.work(TransferOperatorModels.oneD(DeclaredWork.intParam(p, "cells")).matrix(),
            "F64".equals(p.get("precision")));
    }
}
