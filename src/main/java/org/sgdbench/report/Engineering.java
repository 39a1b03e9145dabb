package org.sgdbench.report;

import java.util.Locale;

/** Numbers in engineering notation: three significant digits and an SI prefix, e.g. 1.15 G, 35.6 M, 612 k, 4.20 m. */
public final class Engineering {
    private static final String[] PREFIXES = {"f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final int UNIT_INDEX = 5;

    private Engineering() {}

    /** Three significant digits and a prefix; "–" for NaN, "∞" for infinities, "0" for zero. */
    public static String format(double v) {
        if (Double.isNaN(v)) return "–";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        int exp3 = (int) Math.floor(Math.log10(a) / 3);
        exp3 = Math.max(-UNIT_INDEX, Math.min(PREFIXES.length - 1 - UNIT_INDEX, exp3));
        double m = v / Math.pow(1000, exp3);
        // rounding to three digits may carry into the next prefix (999.7 k → 1.00 M)
        if (Math.abs(Double.parseDouble(digits(m))) >= 1000 && exp3 + UNIT_INDEX + 1 < PREFIXES.length) {
            exp3++;
            m = v / Math.pow(1000, exp3);
        }
        String p = PREFIXES[exp3 + UNIT_INDEX];
        return digits(m) + (p.isEmpty() ? "" : " " + p);
    }

    /** An axis tick label: engineering notation without trailing zeros (1 G, 2.5 M, 500 k, 100 m). */
    public static String tick(double v) {
        String f = format(v);
        int space = f.indexOf(' ');
        String mantissa = space < 0 ? f : f.substring(0, space), prefix = space < 0 ? "" : f.substring(space);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + prefix;
    }

    /** A value with its unit, e.g. {@code 1.15 G walker-mode-steps/s}. */
    public static String withUnit(double v, String unit) {
        String n = format(v);
        return unit == null || unit.isEmpty() || Double.isNaN(v) ? n : n + " " + unit;
    }

    private static String digits(double m) {
        double a = Math.abs(m);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, f, m);
    }
}
