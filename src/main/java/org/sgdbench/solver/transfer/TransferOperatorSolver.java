package org.sgdbench.solver.transfer;

import java.util.ArrayList;
import java.util.List;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Precision;

/**
 * Evolves a density with a {@link TransferOperator} on any backend's {@link TransferOperatorKernel}: the kernel
 * holds the density and applies p ← A p; the solver only loads, steps in bulk and reads back at checkpoints.
 *
 * <p><b>Checkpoints.</b> At a checkpoint t the solver reads p_{t−1} and p_t (two reads; the steps in between run
 * in one kernel call) and reports mass, lost mass 1 − Σp, the mass that left in the last step Σ_j p_{t−1}(j)
 * leak_j, mean and covariance (of the mass on the grid, normalised), and the lag-1 autocovariance computed
 * exactly for the discretised law from p_{t−1} and the operator's mean map (see {@link LawSummary}).
 *
 * <p><b>Traffic.</b> The work per step is what the kernel declares: {@link TransferOperatorKernel#bytesPerStep()}
 * (CSR values and column indices, row pointers, the vector read and the vector written) and
 * {@link TransferOperatorKernel#flopsPerStep()} (2·nnz); both are copied into the results. Checkpoint reads
 * and statistics are O(cells) host work outside the kernel and are not counted there.
 *
 * <p><b>Stationary law.</b> Power iteration p_{k+1} = A p_k from a start density, renormalised to mass 1 at every
 * check (so a leaky grid converges to the quasi-stationary law, and 1 − ρ, the mass one step loses from it, is
 * reported as {@code leakPerStep}). Criterion: ‖p_{k+1} − p_k‖₁ &lt; tolerance, both normalised, evaluated every
 * {@code checkEvery} steps, at most {@code maxIterations} steps. A small step residual does not bound the
 * distance to p∞ by itself: when the residual contracts by r per step, ‖p_k − p∞‖₁ ≈ r/(1 − r)·residual, and
 * r is estimated from successive residuals and reported with that error estimate. The rounding floor of the
 * residual is about cells·ε of the kernel precision, so in F32 use a tolerance ≥ 1e-6.
 *
 * <p>Status: DIVERGED when a read density holds NaN/Inf (the run stops there); else MASS_LOST when
 * |1 − mass| (evolve) or the leak per step (stationary) exceeds {@code massTolerance}; else OK.
 */
public final class TransferOperatorSolver {
    /** Creates the step kernel for an operator. */
    @FunctionalInterface
    public interface KernelFactory {
        TransferOperatorKernel create(CsrMatrix operator);
    }

    private final KernelFactory factory;

    /** Solver on {@code backend}'s transfer-operator kernel (throws if the backend is unavailable or has none). */
    public TransferOperatorSolver(Backend backend, Precision precision, KernelOptions options) {
        Check.notNull("backend", backend);
        Check.notNull("precision", precision);
        Check.notNull("options", options);
        this.factory = a -> backend.require().transferOperator(a, precision, options);
    }

    public TransferOperatorSolver(KernelFactory factory) {
        this.factory = Check.notNull("factory", factory);
    }

    /** Checkpoints every {@code every} steps and at {@code steps}, starting with 0. */
    public static int[] checkpointsEvery(int steps, int every) {
        Check.atLeast("steps", steps, 1);
        Check.inRange("every", every, 1, steps);
        int n = steps / every + 1 + (steps % every == 0 ? 0 : 1);
        int[] c = new int[n];
        for (int i = 0; i < n - 1; i++) c[i] = i * every;
        c[n - 1] = steps;
        return c;
    }

    /**
     * Evolves {@code initial} for {@code steps} steps, reporting at each of {@code checkpoints} (strictly
     * increasing, within [0, steps]; the last step is always reported).
     *
     * @param keepDensities copy the density into every checkpoint
     * @param massTolerance allowed |1 − mass| before the status becomes MASS_LOST
     */
    public TransferResult evolve(TransferOperator op, double[] initial, int steps, int[] checkpoints,
                                 boolean keepDensities, double massTolerance) {
        Check.notNull("operator", op);
        Check.notNull("initial", initial);
        if (initial.length != op.cells()) throw new InvalidSpecException("initial", initial.length + " cells", op.cells() + " cells");
        Check.atLeast("steps", steps, 1);
        Check.nonNegative("massTolerance", massTolerance);
        int[] marks = checkpointList(checkpoints, steps);
        int n = op.cells();
        double[] leak = op.leak(), map = op.meanMap();
        List<Checkpoint> out = new ArrayList<>();
        Status status = Status.OK;
        int done = 0;
        try (TransferOperatorKernel kernel = factory.create(op.matrix())) {
            double[] pre = new double[n], cur = initial.clone();
            kernel.load(cur);
            for (int mark : marks) {
                LawSummary law;
                if (mark == 0) {
                    law = Densities.summarise(op.grid(), cur, null, map, Double.NaN);
                } else {
                    if (mark - 1 > done) kernel.step(mark - 1 - done);
                    // When the previous checkpoint was mark − 1, cur already holds p_{t−1}.
                    if (mark - 1 > done || done == 0) kernel.read(pre);
                    else System.arraycopy(cur, 0, pre, 0, n);
                    kernel.step(1);
                    kernel.read(cur);
                    done = mark;
                    law = Densities.summarise(op.grid(), cur, pre, map, dot(pre, leak));
                }
                out.add(new Checkpoint(mark, law, keepDensities ? cur : new double[0]));
                if (!law.finite() || !allFinite(cur)) {
                    status = Status.DIVERGED;
                    break;
                }
            }
            if (status == Status.OK && Math.abs(out.get(out.size() - 1).law().lostMass()) > massTolerance) status = Status.MASS_LOST;
            return new TransferResult(status, kernel.backend(), kernel.precision(), kernel.device(), kernel.threads(),
                steps, done, massTolerance, kernel.bytesPerStep(), kernel.flopsPerStep(), out);
        }
    }

    /** The stationary law by power iteration from {@code start} (any non-negative density of positive mass). */
    public StationaryLaw stationary(TransferOperator op, double[] start, PowerIteration settings, double massTolerance) {
        Check.notNull("operator", op);
        Check.notNull("start", start);
        Check.notNull("settings", settings);
        Check.nonNegative("massTolerance", massTolerance);
        int n = op.cells();
        if (start.length != n) throw new InvalidSpecException("start", start.length + " cells", n + " cells");
        double startMass = Densities.mass(start);
        if (!(startMass > 0) || !Double.isFinite(startMass)) throw new InvalidSpecException("start", "mass " + startMass, "a finite positive mass");
        double[] prev = new double[n], next = start.clone();
        scale(next, 1 / startMass);
        int iterations = 0;
        double residual = Double.NaN, lastResidual = Double.NaN, contraction = Double.NaN, rho = Double.NaN;
        boolean converged = false, diverged = false;
        try (TransferOperatorKernel kernel = factory.create(op.matrix())) {
            kernel.load(next);
            while (iterations < settings.maxIterations()) {
                int block = Math.min(settings.checkEvery(), settings.maxIterations() - iterations);
                if (block > 1) kernel.step(block - 1);
                kernel.read(prev);
                kernel.step(1);
                kernel.read(next);
                iterations += block;
                double mPrev = Densities.mass(prev), mNext = Densities.mass(next);
                if (!Double.isFinite(mPrev) || !Double.isFinite(mNext) || !allFinite(next) || !(mNext > 0)) {
                    diverged = true;
                    break;
                }
                rho = mNext / mPrev;
                double r = 0;
                for (int i = 0; i < n; i++) r += Math.abs(next[i] / mNext - prev[i] / mPrev);
                lastResidual = residual;
                residual = r;
                if (lastResidual > 0 && residual > 0)
                    contraction = Math.pow(residual / lastResidual, 1.0 / block); // per step; block = checkEvery between checks
                scale(next, 1 / mNext);
                kernel.load(next);
                if (residual < settings.tolerance()) {
                    converged = true;
                    break;
                }
            }
            double[] law = next;
            LawSummary summary = Densities.summarise(op.grid(), law, law, op.meanMap(), op.leakOf(law));
            double leakPerStep = 1 - rho;
            Status status = diverged || !summary.finite() ? Status.DIVERGED
                : Math.abs(leakPerStep) > massTolerance ? Status.MASS_LOST : Status.OK;
            double errorEstimate = contraction < 1 ? contraction / (1 - contraction) * residual : Double.NaN;
            return new StationaryLaw(status, converged, iterations, settings.tolerance(), residual, contraction,
                errorEstimate, leakPerStep, summary, law, kernel.backend(), kernel.precision(), kernel.device());
        }
    }

    private static int[] checkpointList(int[] checkpoints, int steps) {
        Check.notNull("checkpoints", checkpoints);
        int prev = -1;
        for (int c : checkpoints) {
            if (c <= prev || c > steps)
                throw new InvalidSpecException("checkpoints", java.util.Arrays.toString(checkpoints), "strictly increasing steps in [0, " + steps + "]");
            prev = c;
        }
        if (prev == steps) return checkpoints.clone();
        int[] c = java.util.Arrays.copyOf(checkpoints, checkpoints.length + 1);
        c[checkpoints.length] = steps;
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void scale(double[] p, double f) {
        for (int i = 0; i < p.length; i++) p[i] *= f;
    }

    private static boolean allFinite(double[] p) {
        for (double v : p) if (!Double.isFinite(v)) return false;
        return true;
    }
}
