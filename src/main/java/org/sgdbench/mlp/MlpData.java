package org.sgdbench.mlp;

import java.util.Arrays;
import org.sgdbench.problem.InvalidSpecException;

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
}
