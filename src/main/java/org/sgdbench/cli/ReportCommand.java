package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgdbench.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.sgdbench.results.ReportInputException;

/** {@code sgdbench report <run-dir>}: writes the run's self-contained report.html. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write report.html (tables and plots, self-contained) into a run directory.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN-DIR", description = "results/<profile-id>/<run-id>/")
    Path runDir;

    @Override
    public Integer call() throws IOException {
        Path written;
        try {
            written = ReportWriter.write(runDir);
        } catch (ReportInputException e) {
            throw new BadInputException(e.getMessage());
        }
        System.out.println(written);
        return ExitCodes.OK;
    }
}
