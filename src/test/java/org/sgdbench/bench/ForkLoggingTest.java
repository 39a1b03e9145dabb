package org.sgdbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The forks' logging goes to their stderr descriptor (into the job's log), not through {@code System.err} (which JMH
 * links to the host's console), and every fork gets it.
 */
class ForkLoggingTest {
    @Test
    void everyForkIsConfiguredWithIt() {
        assertThat(List.of(BenchmarkRunner.forkArgs(Map.of()))).contains(ForkLogging.FLAG);
        assertThat(ForkLogging.FLAG).isEqualTo("-Djava.util.logging.config.class=org.sgdbench.bench.ForkLogging");
    }

    @Test
    void replacesTheRootHandlersWithOneOnTheStderrDescriptor() {
        Logger root = Logger.getLogger("");
        Handler[] before = root.getHandlers();
        Level level = root.getLevel();
        PrintStream err = System.err;
        ByteArrayOutputStream viaSystemErr = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(viaSystemErr, true, StandardCharsets.UTF_8));
            new ForkLogging();
            assertThat(root.getHandlers()).hasSize(1).hasOnlyElementsOfType(ForkLogging.StderrDescriptorHandler.class);
            Logger.getLogger("com.aparapi.logLevel").info("kernel class parsed");
            // what JMH's link would carry to the host's console: nothing
            assertThat(viaSystemErr.toString(StandardCharsets.UTF_8)).doesNotContain("kernel class parsed");
        } finally {
            System.setErr(err);
            for (Handler h : root.getHandlers()) root.removeHandler(h);
            for (Handler h : before) root.addHandler(h);
            root.setLevel(level);
        }
    }

    @Test
    void formatsRecordsLikeTheConsoleHandler() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var h = new ForkLogging.StderrDescriptorHandler(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        h.publish(new LogRecord(Level.WARNING, "Found unexpected Attribute (name = MethodParameters)"));
        h.publish(new LogRecord(Level.FINE, "below the level"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("WARNING: Found unexpected Attribute")
            .doesNotContain("below the level");
    }
}
