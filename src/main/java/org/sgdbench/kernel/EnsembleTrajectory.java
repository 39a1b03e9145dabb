package org.sgdbench.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a kernel from its initial condition through a list of checkpoints and collects the per-mode statistics
 * at each one. Backend-neutral: everything a backend provides is {@code reset/advance/readState}.
 */
public final class EnsembleTrajectory {
    /** Statistics of every mode after {@code step} steps. */
    public record Checkpoint(long step, List<ModeStatistics> modes) {
        public Checkpoint { modes = List.copyOf(modes); }

        public boolean diverged() { return modes.stream().anyMatch(ModeStatistics::diverged); }
    }

    private EnsembleTrajectory() {}

    /** Resets the kernel, then advances it to each checkpoint (strictly increasing, ≥ 1) and measures. */
    public static List<Checkpoint> run(SgdEnsembleKernel kernel, long[] checkpoints) {
        kernel.reset();
        List<Checkpoint> out = new ArrayList<>();
        long done = 0;
        for (long cp : checkpoints) {
            if (cp <= done) throw new IllegalArgumentException("checkpoints must be increasing and >= 1: " + cp);
            long left = cp - done;
            while (left > 0) {
                int chunk = (int) Math.min(left, Integer.MAX_VALUE);
                kernel.advance(chunk);
                left -= chunk;
            }
            done = cp;
            out.add(new Checkpoint(cp, measure(kernel)));
        }
        return out;
    }

    public static List<ModeStatistics> measure(SgdEnsembleKernel kernel) {
        int n = kernel.spec().walkers();
        double[] x = new double[n], prev = new double[n];
        List<ModeStatistics> stats = new ArrayList<>();
        for (int m = 0; m < kernel.spec().modeCount(); m++) {
            kernel.readState(m, x, prev);
            stats.add(ModeStatistics.of(x, prev));
        }
        return stats;
    }
}
