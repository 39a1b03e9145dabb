package org.sgdbench.report;

import java.util.List;
import java.util.Locale;
import org.sgdbench.hardware.Ceilings;

/** The profile's ceilings against native C, as `sgdbench profile --native-check` prints them. */
public final class NativeCheckReport {
    private NativeCheckReport() {}

    /** A Markdown table (one row per ceiling and thread count) and a one-line verdict. */
    public static String markdown(Ceilings.NativeCheck check) {
        Table t = new Table(List.of("ceiling", "threads", "native C before", "suite", "native C after",
            "C recheck", "suite / C", "C drift", "verdict"));
        for (Ceilings.NativeRow r : check.rows()) {
            boolean within = Math.abs(r.ratio() - 1) <= check.tolerance();
            t.add(List.of(r.ceiling(), Integer.toString(r.threads()), Engineering.withUnit(r.nativeBefore(), r.unit()),
                Engineering.withUnit(r.suite(), r.unit()), Engineering.withUnit(r.nativeAfter(), r.unit()),
                r.nativeRecheck() == null ? "–" : Engineering.withUnit(r.nativeRecheck(), r.unit()),
                String.format(Locale.ROOT, "%.2f", r.ratio()), String.format(Locale.ROOT, "%.0f %%", 100 * r.nativeDrift()),
                within ? "within" : (r.ratio() > 1 ? "**above C**" : "**below C**")));
        }
        int outside = check.outside().size();
        String verdict = outside == 0
            ? String.format(Locale.ROOT, "All %d ceilings within %.0f %% of native C (%s), measured around each.",
                check.rows().size(), 100 * check.tolerance(), check.compiler())
            : String.format(Locale.ROOT, "%d of %d ceilings more than %.0f %% from native C (%s). Where \"C drift\" is "
                + "as large as the gap the machine moved during the measurement: check again on a quiet machine.",
                outside, check.rows().size(), 100 * check.tolerance(), check.compiler());
        return t.markdown() + "\n" + verdict + "\n\nsuite / C: the suite's figure over the mean of the C figures "
            + "just before and just after it; where the suite came out above both, over the best of " 
            + "the C loop measured again at the end of the sitting (C recheck) when that is higher.\n";
    }
}
