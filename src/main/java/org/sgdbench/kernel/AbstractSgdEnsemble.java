package org.sgdbench.kernel;

import org.sgdbench.problem.Mode;
import org.sgdbench.problem.QuadraticModes;
import org.sgdbench.rng.StreamLayout;

/**
 * Bookkeeping shared by the host-memory ensemble kernels (scalar, SIMD): the spec unpacked into flat per-mode
 * arrays, the Philox key, the step counter and the block-parallel executor. Subclasses own the state arrays.
 */
public abstract class AbstractSgdEnsemble implements SgdEnsembleKernel {
    /** Walkers per parallel block: large enough to amortise a task, small enough to balance 2–64 threads. */
    public static final int BLOCK = 4096;

    protected final QuadraticModes spec;
    protected final int walkers;
    protected final int modes;
    protected final double[] lambda, sigmaH, sigmaG;
    protected final int key0, key1;
    protected final ParallelBlocks blocks;
    protected long stepsDone;

    protected AbstractSgdEnsemble(QuadraticModes spec, long seed, KernelOptions options) {
        this.spec = spec;
        this.walkers = spec.walkers();
        this.modes = spec.modeCount();
        this.lambda = new double[modes];
        this.sigmaH = new double[modes];
        this.sigmaG = new double[modes];
        for (int m = 0; m < modes; m++) {
            Mode md = spec.mode(m);
            lambda[m] = md.lambda();
            sigmaH[m] = md.sigmaH();
            sigmaG[m] = md.sigmaG();
        }
        this.key0 = StreamLayout.key0(seed);
        this.key1 = StreamLayout.key1(seed);
        this.blocks = new ParallelBlocks(options.threads(), BLOCK);
    }

    @Override
    public QuadraticModes spec() { return spec; }

    @Override
    public int threads() { return blocks.threads(); }

    @Override
    public long stepsDone() { return stepsDone; }

    @Override
    public final void reset() {
        blocks.forEach(walkers, this::initialise);
        stepsDone = 0;
    }

    @Override
    public final void advance(int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        if (stepsDone + steps > 0xFFFFFFFFL)
            throw new IllegalStateException("step counter would exceed the 32-bit Philox step index");
        final int first = (int) stepsDone;
        blocks.forEach(walkers, (from, to) -> advanceBlock(from, to, first, steps));
        stepsDone += steps;
    }

    /** Sets walkers [from, to) of every mode to their initial position; prev = x. */
    protected abstract void initialise(int from, int to);

    /** Advances walkers [from, to) of every mode through steps first … first + steps − 1. */
    protected abstract void advanceBlock(int from, int to, int first, int steps);

    @Override
    public void close() { blocks.close(); }
}
