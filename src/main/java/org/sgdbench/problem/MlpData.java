package org.sgdbench.problem;

import java.util.Arrays;

/**
 * Samples of a classification data set in the flat layout the MLP code reads: {@code features[n·inputs + m]} and
 * {@code labels[n]} in [0, classes). Immutable (the arrays are private copies; callers get read-only access through
 * the accessors, which return the internal arrays for speed and must not be written).
 */
public final class MlpData {
    private final int inputs, classes, n;
    private final double[] features;
    private final int[] labels;

    public MlpData(int inputs, int classes, double[] features, int[] labels) {
        if (inputs < 1) throw new InvalidSpecException("inputs", inputs, "[1, " + Integer.MAX_VALUE + "]");
        if (classes < 2) throw new InvalidSpecException("classes", classes, "[2, " + Integer.MAX_VALUE + "]");
        if (labels.length < 1) throw new InvalidSpecException("samples", 0, "[1, " + Integer.MAX_VALUE + "]");
        if (features.length != (long) labels.length * inputs)
            throw new InvalidSpecException("features", features.length + " values",
                labels.length + " samples × " + inputs + " inputs = " + (long) labels.length * inputs + " values");
        for (int i = 0; i < labels.length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new InvalidSpecException("labels[" + i + "]", labels[i], "[0, " + (classes - 1) + "]");
        for (int i = 0; i < features.length; i++)
            if (!Double.isFinite(features[i]))
                throw new InvalidSpecException("features[" + i / inputs + "][" + i % inputs + "]", features[i], "a finite number");
        this.inputs = inputs;
        this.classes = classes;
        this.n = labels.length;
        this.features = features.clone();
        this.labels = labels.clone();
    }

    public int inputs() { return inputs; }

    public int classes() { return classes; }

    public int size() { return n; }

    /** Flat features, row-major n × inputs. Read only. */
    public double[] features() { return features; }

    /** Labels in [0, classes). Read only. */
    public int[] labels() { return labels; }

    /** The rows {@code rows[0..k)} of this set, in that order. */
    public MlpData subset(int[] rows) {
        double[] f = new double[rows.length * inputs];
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * inputs, f, i * inputs, inputs);
            l[i] = labels[rows[i]];
        }
        return new MlpData(inputs, classes, f, l);
    }

    /** Inputs that are exactly 0 in every sample: their first-layer weights receive no gradient from the data. */
    public boolean[] alwaysZeroInputs() {
        boolean[] zero = new boolean[inputs];
        Arrays.fill(zero, true);
        for (int i = 0; i < n; i++)
            for (int m = 0; m < inputs; m++)
                if (features[i * inputs + m] != 0) zero[m] = false;
        return zero;
    }

    /**
     * The digits (64 pixels in [0, 1], 10 classes) split by a seeded permutation: the permutation is the one random
     * reshuffling draws for walker 0, epoch 0 under {@code seed} ({@code rng.MinibatchStreams}, forward Fisher–Yates);
     * its first {@code trainSize} entries, in that order, are the training set, the rest the test set.
     *
     * @return {train, test}; test is null when trainSize = n
     */
    public static MlpData[] digitsSplit(int trainSize, long seed) {
        Dataset d = Datasets.digits();
        Check.inRange("trainSize", trainSize, 1, d.n());
        int[] labels = new int[d.n()];
        for (int i = 0; i < d.n(); i++) labels[i] = (int) d.y(i);
        MlpData all = new MlpData(d.d(), 10, d.x(), labels);
        int[] perm = new int[d.n()], order = new int[d.n()], words = new int[4];
        org.sgdbench.rng.MinibatchStreams.reshuffled(org.sgdbench.rng.StreamLayout.key0(seed),
            org.sgdbench.rng.StreamLayout.key1(seed), 0, 0, d.n(), d.n(), perm, 0, order, 0, words);
        MlpData train = all.subset(java.util.Arrays.copyOf(order, trainSize));
        MlpData test = trainSize == d.n() ? null : all.subset(java.util.Arrays.copyOfRange(order, trainSize, d.n()));
        return new MlpData[] {train, test};
    }
}
