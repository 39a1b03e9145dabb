package org.sgdbench.problem;

import java.util.Locale;

/** What {@link Datasets} does to a regression dataset's columns before the kernels see them. */
public enum Standardization {
    /**
     * The default: every feature centred and divided by its population standard deviation, the target centred and
     * divided by its own, and a constant "intercept" column of ones appended (so d = features + 1). The least-squares
     * intercept is then exactly 0, but its curvature and its minibatch noise are real: minibatch means of centred
     * features are not 0, so the intercept couples to the other modes as it does in SGD as people run it.
     */
    ZSCORE("zscore"),
    /** The columns exactly as given: no centring, no scaling, no intercept column. */
    NONE("none");

    private final String id;

    Standardization(String id) { this.id = id; }

    public String id() { return id; }

    public static Standardization parse(String field, String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Standardization m : values()) if (m.id.equals(t)) return m;
        throw new InvalidSpecException(field, s, "one of zscore, none");
    }
}
