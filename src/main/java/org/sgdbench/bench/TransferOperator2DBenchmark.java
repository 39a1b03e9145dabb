package org.sgdbench.bench;

import java.util.Map;
import org.openjdk.jmh.annotations.Param;
import org.sgdbench.solver.transfer.TransferOperator;

/**
 * The 2D transfer-operator step of a coupled model with bilinear cloud-in-cell deposits
 * ({@link TransferOperatorModels#twoD}), on √cells × √cells grids.
 *
 * <p>Run recipe: {@code ./sgdbench run --quick}; by hand
 * {@code ./sgdbench jmh TransferOperator2DBenchmark -p cells=262144}.
 */
public class TransferOperator2DBenchmark extends TransferStepBenchmark {
    @Param({"16384", "262144"})
    public int cells;

    @Override
    protected String kernelId() { return "transfer-2d"; }

    @Override
    protected TransferOperator operator() { return TransferOperatorModels.twoD(cells); }

    public static DeclaredWork work(Map<String, String> p) {
        return TransferOperatorModels.work(TransferOperatorModels.twoD(DeclaredWork.intParam(p, "cells")).matrix(),
            "F64".equals(p.get("precision")));
    }
}
