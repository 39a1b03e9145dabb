package org.sgdbench.problem;

/** Validation helpers for compact constructors: each throws {@link InvalidSpecException} naming the field. */
public final class Check {
    private Check() {}

    public static double finite(String field, double v) {
        if (!Double.isFinite(v)) throw new InvalidSpecException(field, v, "a finite number");
        return v;
    }

    public static double positive(String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new InvalidSpecException(field, v, "(0, +inf)");
        return v;
    }

    public static double nonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new InvalidSpecException(field, v, "[0, +inf)");
        return v;
    }

    public static int atLeast(String field, int v, int min) {
        if (v < min) throw new InvalidSpecException(field, v, "[" + min + ", " + Integer.MAX_VALUE + "]");
        return v;
    }

    public static int inRange(String field, int v, int min, int max) {
        if (v < min || v > max) throw new InvalidSpecException(field, v, "[" + min + ", " + max + "]");
        return v;
    }

    public static double inRange(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) throw new InvalidSpecException(field, v, "[" + min + ", " + max + "]");
        return v;
    }

    public static <T> T notNull(String field, T v) {
        if (v == null) throw new InvalidSpecException(field, "null", "a value");
        return v;
    }
}
