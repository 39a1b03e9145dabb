package org.sgdbench.solver.transfer;

import java.util.List;
import org.sgdbench.kernel.Backend;
import org.sgdbench.problem.Precision;

/**
 * Result of evolving a density for {@code stepsDone} steps (fewer than asked only when it DIVERGED).
 *
 * @param bytesPerStep the kernel's declared traffic per step (CSR values and indices, row pointers, both vectors)
 * @param flopsPerStep 2·nnz
 */
public record TransferResult(Status status, Backend backend, Precision precision, String device, int threads,
                             int stepsAsked, int stepsDone, double massTolerance, long bytesPerStep, long flopsPerStep,
                             List<Checkpoint> checkpoints) {
    public TransferResult {
        checkpoints = List.copyOf(checkpoints);
    }

    public Checkpoint last() { return checkpoints.get(checkpoints.size() - 1); }
}
