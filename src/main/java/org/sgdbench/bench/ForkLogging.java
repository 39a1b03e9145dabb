package org.sgdbench.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * java.util.logging configuration of the JMH forks ({@code -Djava.util.logging.config.class}, set by
 * {@link BenchmarkRunner}): one handler that writes to the process's standard error file descriptor. A JMH fork's
 * {@code System.err} is a link to the host, which writes what comes through it to the host's own stderr, the user's
 * console, whatever the run's output file; what the fork's process writes to its descriptor 2 (the JVM's warnings,
 * OpenCL's messages) goes into the job's {@code logs/jmh-<k>.log}. The JDK's default ConsoleHandler writes to
 * {@code System.err}, so Aparapi's "ClassModel$AttributePool" warnings (one per kernel class) reached the console
 * during every run; with this handler they land in the job's log with the rest of the fork's output.
 */
public final class ForkLogging {
    /** The system property that makes the JDK instantiate this class when logging starts. */
    public static final String FLAG = "-Djava.util.logging.config.class=" + ForkLogging.class.getName();

    public ForkLogging() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        root.setLevel(Level.INFO);
        root.addHandler(new StderrDescriptorHandler());
    }

    /** Formats like the JDK's ConsoleHandler, into file descriptor 2 (not {@code System.err}). */
    static final class StderrDescriptorHandler extends Handler {
        private final PrintStream out;

        StderrDescriptorHandler() { this(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)); }

        StderrDescriptorHandler(PrintStream out) {
            this.out = out;
            setFormatter(new SimpleFormatter());
            setLevel(Level.INFO);
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) return;
            out.print(getFormatter().format(r));
        }

        @Override
        public void flush() { out.flush(); }

        @Override
        public void close() { flush(); }
    }
}
