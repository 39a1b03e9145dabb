package org.sgdbench.kernel.aparapi;

import com.aparapi.Config;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the reason Aparapi logs when it abandons a device ("Device failed for …: reason"). Aparapi logs on the
 * thread that called {@code execute}, so the last warning is kept per thread and read right after the launch.
 */
final class FallbackLog {
    /** Held strongly: a logger that nobody references may be collected together with its handler. */
    private static final Logger APARAPI_LOGGER = Logger.getLogger(Config.getLoggerName());
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    static {
        APARAPI_LOGGER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() < Level.WARNING.intValue()) return;
                String m = record.getMessage();
                if (m != null && (m.contains("failed") || m.contains("Failed") || m.contains("Reverting")))
                    LAST.set(record.getThrown() == null ? m : m + " (" + AparapiTarget.rootMessage(record.getThrown()) + ")");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    private FallbackLog() {}

    static void clear() { LAST.remove(); }

    /** The last failure Aparapi logged on this thread since {@link #clear}, or null. */
    static String last() { return LAST.get(); }
}
