package org.sgdbench.mlp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sgdbench.problem.MlpData;
import org.sgdbench.rng.Gaussian;
import org.sgdbench.rng.Philox4x32;
import org.sgdbench.rng.StreamLayout;
import org.sgdbench.results.Json;

/**
 * θ*, the minimum of the full-batch objective, found by {@link Lbfgs} from seeded initial weights, and cached as JSON
 * (atomic write, {@link #SCHEMA_VERSION}) per (H, seed, penalty, training set) so that repeated runs do not retrain.
 *
 * <p>Initial weights: parameter i is s·z with z the first Gaussian of Philox block (i, 0, 0, INITIAL) under the
 * seed (the suite's portable Box–Muller), s = 1/√64 for the first layer and 1/√H for the second (fan-in scaling),
 * biases included. Stopping rule: |∇L(θ*)| ≤ {@link #GRADIENT_TOLERANCE}, at most {@link #MAX_ITERATIONS}
 * iterations; a minimum that did not converge is returned with {@code converged = false} (and is not cached).
 *
 * @param gradientNorm |∇L(θ*)|, penalty included
 * @param dataChecksum a hash of the training set, so a cache entry is never used for another split
 */
public record MlpMinimum(int schemaVersion, int hidden, long seed, double penalty, int trainSize, long dataChecksum,
                         double[] theta, double loss, double gradientNorm, int iterations, boolean converged,
                         double trainAccuracy) {
    public static final int SCHEMA_VERSION = 1;
    public static final double GRADIENT_TOLERANCE = 1e-8;
    public static final int MAX_ITERATIONS = 20_000;
    static final int MEMORY = 20;

    /** Seeded initial weights (see the class comment). */
    public static double[] initialWeights(MlpModel model, long seed) {
        double[] theta = new double[model.parameters()];
        int[] w = new int[4];
        double[] z = new double[2];
        int k0 = StreamLayout.key0(seed), k1 = StreamLayout.key1(seed);
        for (int i = 0; i < theta.length; i++) {
            Philox4x32.block(i, 0, 0, StreamLayout.INITIAL, k0, k1, w);
            Gaussian.pair(StreamLayout.uniform53(w[0], w[1]), StreamLayout.uniform53(w[2], w[3]), z);
            double scale = i < model.offsetW2() ? 1 / Math.sqrt(model.inputs()) : 1 / Math.sqrt(model.hidden());
            theta[i] = scale * z[0];
        }
        return theta;
    }

    /** Trains from the seeded initial weights (no cache). */
    public static MlpMinimum train(MlpObjective f, long seed) {
        MlpModel model = f.model();
        Lbfgs.Result r = Lbfgs.minimise((x, g) -> f.lossAndGradient(x, g), initialWeights(model, seed),
            GRADIENT_TOLERANCE, MAX_ITERATIONS, MEMORY);
        return new MlpMinimum(SCHEMA_VERSION, model.hidden(), seed, f.penalty(), f.data().size(), checksum(f.data()),
            r.x(), r.value(), r.gradientNorm(), r.iterations(), r.converged(), f.accuracy(r.x()));
    }

    /**
     * The cached minimum under {@code cacheDir} when one matches (same schema, H, seed, penalty, training set and
     * converged), else trains and caches it. A missing or unreadable cache file is not an error: it is rebuilt.
     */
    public static MlpMinimum cachedOrTrain(MlpObjective f, long seed, Path cacheDir) throws IOException {
        long sum = checksum(f.data());
        Path file = cacheDir.resolve(String.format(Locale.ROOT, "mlp-minimum-H%d-seed%d-penalty%s-n%d.json",
            f.model().hidden(), seed, Double.toString(f.penalty()), f.data().size()));
        if (Files.isRegularFile(file)) {
            try {
                MlpMinimum m = Json.read(file, MlpMinimum.class);
                if (m.schemaVersion == SCHEMA_VERSION && m.hidden == f.model().hidden() && m.seed == seed
                    && m.penalty == f.penalty() && m.dataChecksum == sum && m.converged
                    && m.theta != null && m.theta.length == f.model().parameters())
                    return m;
            } catch (IOException | RuntimeException e) {
                // unreadable or from another version: retrain and overwrite
            }
        }
        MlpMinimum m = train(f, seed);
        if (m.converged) Json.write(file, m);
        return m;
    }

    /** A 64-bit FNV-1a hash of the training set's features and labels. */
    public static long checksum(MlpData data) {
        long h = 0xcbf29ce484222325L;
        for (double v : data.features()) h = (h ^ Double.doubleToLongBits(v)) * 0x100000001b3L;
        for (int v : data.labels()) h = (h ^ v) * 0x100000001b3L;
        return h;
    }

    @JsonIgnore
    public int parameters() { return theta.length; }
}
