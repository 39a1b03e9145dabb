package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgdbench.report.Headline;
import org.sgdbench.report.ReportWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.sgdbench.results.ReportInputException;

/**
 * {@code sgdbench report <run-dir>}: writes the run's self-contained report.html. With {@code --headline}: prints the
 * headline table (Markdown) and writes it with its chart as headline.md and headline.png into the run directory.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write report.html (tables and plots, self-contained) into a run directory.",
        "With --headline: print the headline table (fastest backend per kernel and precision) as Markdown and write "
            + "headline.md and headline.png into the run directory."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN-DIR", description = "results/<profile-id>/<run-id>/")
    Path runDir;

    @Option(names = "--headline", description = "Print the headline table and write headline.md and headline.png (not report.html).")
    boolean headline;

    @Override
    public Integer call() throws IOException {
        Path written;
        try {
            if (headline) {
                System.out.print(Headline.write(runDir));
                System.err.println("sgdbench: wrote " + runDir.resolve(Headline.MARKDOWN) + " and " + runDir.resolve(Headline.PNG));
                return ExitCodes.OK;
            }
            written = ReportWriter.write(runDir);
        } catch (ReportInputException e) {
            throw new BadInputException(e.getMessage());
        }
        System.out.println(written);
        return ExitCodes.OK;
    }
}
