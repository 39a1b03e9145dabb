package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.sgdbench.results.AtomicFiles;

/**
 * Keeps messages that are not the user's business off the console and preserves them in a run's logs/:
 * <ul>
 *   <li>java.util.logging records of the libraries (Aparapi's "SEVERE: Check your environment" when OpenCL is simply
 *   absent): held in memory from the start of the CLI, written to {@code logs/java-logging.log};</li>
 *   <li>the JVM's own warnings (incubator module, {@code sun.misc.Unsafe}, native access), which the JVM prints to
 *   its stderr before any Java code could catch them: the {@code sgdbench} launcher diverts lines starting with
 *   {@code WARNING: } into a temporary file and names it in {@code -Dsgdbench.jvmWarnings}; it is copied to
 *   {@code logs/jvm-warnings.log}.</li>
 * </ul>
 * The JMH forks' output (their warnings included) goes to {@code logs/jmh-<k>.log} through JMH's own output file;
 * their java.util.logging records too ({@code org.sgdbench.bench.ForkLogging}).
 */
final class ConsoleNoise {
    /** System property set by the launcher: the file that collects the JVM's warning lines. */
    static final String JVM_WARNINGS_PROPERTY = "sgdbench.jvmWarnings";
    private static final List<String> LIBRARY_LOGGERS = List.of("com.aparapi", "org.nd4j", "org.bytedeco", "oshi");
    private static final List<Logger> HELD = new ArrayList<>(); // strong references: j.u.l. keeps weak ones
    private static final List<String> RECORDS = new ArrayList<>();
    private static boolean installed;

    private ConsoleNoise() {}

    /** Routes the libraries' java.util.logging records into memory (idempotent). */
    static synchronized void install() {
        if (installed) return;
        installed = true;
        SimpleFormatter fmt = new SimpleFormatter();
        Handler memory = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (ConsoleNoise.class) {
                    RECORDS.add(fmt.format(r));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        memory.setLevel(Level.ALL);
        for (String name : LIBRARY_LOGGERS) {
            Logger l = Logger.getLogger(name);
            l.setUseParentHandlers(false);
            l.addHandler(memory);
            HELD.add(l);
        }
    }

    /** Writes what was held back so far into {@code logsDir} (best effort: logs never fail a run). */
    static void saveTo(Path logsDir) {
        try {
            List<String> records;
            synchronized (ConsoleNoise.class) {
                records = List.copyOf(RECORDS);
            }
            if (!records.isEmpty()) AtomicFiles.writeString(logsDir.resolve("java-logging.log"), String.join("", records));
            String warnings = System.getProperty(JVM_WARNINGS_PROPERTY);
            if (warnings != null && Files.isRegularFile(Path.of(warnings)) && Files.size(Path.of(warnings)) > 0)
                AtomicFiles.write(logsDir.resolve("jvm-warnings.log"), Files.readAllBytes(Path.of(warnings)));
        } catch (IOException | RuntimeException e) {
            System.err.println("     (could not save logs: " + e.getMessage() + ")");
        }
    }
}
