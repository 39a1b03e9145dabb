package org.sgdbench.problem;

import java.util.Arrays;
import java.util.List;

/**
 * A regression or classification dataset as the kernels see it: n samples, d features (row-major, after any
 * standardisation and intercept column), a target per sample, and where it came from. Immutable: the accessors
 * that hand out arrays return copies, so kernels take their own flat copy once, at creation.
 *
 * @param name         short id ("diabetes", "digits", or the file name of a user CSV)
 * @param features     the d column names, in order
 * @param target       the target's name
 * @param provenance   one line: file, standardisation, intercept
 */
public record Dataset(String name, List<String> features, String target, String provenance, int n, int d,
                      double[] x, double[] y) {
    public Dataset {
        Check.notNull("dataset.name", name);
        features = List.copyOf(Check.notNull("dataset.features", features));
        Check.atLeast("dataset.rows", n, 1);
        Check.atLeast("dataset.features", d, 1);
        if (features.size() != d) throw new InvalidSpecException("dataset.features", features.size(), "exactly d = " + d + " names");
        if (x == null || x.length != (long) n * d) throw new InvalidSpecException("dataset.x", x == null ? "null" : x.length, "n·d = " + (long) n * d + " values");
        if (y == null || y.length != n) throw new InvalidSpecException("dataset.y", y == null ? "null" : y.length, "n = " + n + " values");
        x = x.clone();
        y = y.clone();
        for (int i = 0; i < x.length; i++)
            if (!Double.isFinite(x[i])) throw new InvalidSpecException("dataset.x[" + i / d + "][" + i % d + "]", x[i], "a finite number");
        for (int i = 0; i < n; i++)
            if (!Double.isFinite(y[i])) throw new InvalidSpecException("dataset.y[" + i + "]", y[i], "a finite number");
    }

    /** Feature j of sample i. */
    public double x(int i, int j) { return x[i * d + j]; }

    public double y(int i) { return y[i]; }

    /** A copy of the row-major n×d feature matrix. */
    @Override
    public double[] x() { return x.clone(); }

    /** A copy of the targets. */
    @Override
    public double[] y() { return y.clone(); }

    /** The first {@code rows} samples (a train split taken after a seeded shuffle is the caller's business). */
    public Dataset head(int rows) {
        Check.inRange("rows", rows, 1, n);
        return new Dataset(name, features, target, provenance + ", first " + rows + " rows", rows, d,
            Arrays.copyOf(x, rows * d), Arrays.copyOf(y, rows));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset e && name.equals(e.name) && features.equals(e.features) && target.equals(e.target)
            && n == e.n && d == e.d && Arrays.equals(x, e.x) && Arrays.equals(y, e.y);
    }

    @Override
    public int hashCode() { return 31 * name.hashCode() + Arrays.hashCode(y); }

    @Override
    public String toString() { return "Dataset[" + name + ", n=" + n + ", d=" + d + ", " + provenance + "]"; }
}
