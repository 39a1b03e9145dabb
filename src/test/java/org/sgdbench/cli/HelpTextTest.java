package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help renders: picocli reads descriptions as format strings, so a bare "10 %" breaks a help text
 * (picocli then prints a warning and the raw string).
 */
class HelpTextTest {
    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        CommandLine root = new CommandLine(new SgdBench());
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            assertThat(root.getUsageMessage()).contains("sgdbench");
            for (CommandLine sub : root.getSubcommands().values())
                assertThat(sub.getUsageMessage()).as(sub.getCommandName()).contains(sub.getCommandName());
        } finally {
            System.setErr(err);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
