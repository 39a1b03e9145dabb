package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgdbench.report.Baselines;
import org.sgdbench.report.RunData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.sgdbench.results.ReportInputException;

/**
 * {@code sgdbench baseline set <run-dir>} records the run as its profile's baseline (results/&lt;profile-id&gt;/baseline.json,
 * a pointer to the run id); {@code sgdbench baseline show <run-dir>} prints the baseline of that run's profile.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = "Record or show the baseline run of a hardware profile (used by compare with one argument).",
    subcommands = {BaselineCommand.Set.class, BaselineCommand.Show.class})
public final class BaselineCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
        description = "Make RUN-DIR the baseline of its profile (writes results/<profile-id>/baseline.json).")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN-DIR")
        Path runDir;

        @Override
        public Integer call() throws IOException {
            try {
                Path file = Baselines.set(runDir);
                RunData run = RunData.load(runDir);
                System.out.println("baseline of " + run.profileId() + " = run " + run.runId() + " (" + file + ")");
                return ExitCodes.OK;
            } catch (ReportInputException e) {
                throw new BadInputException(e.getMessage());
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the baseline run directory of RUN-DIR's profile.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN-DIR", description = "any run directory of the profile")
        Path runDir;

        @Override
        public Integer call() {
            try {
                System.out.println(Baselines.baselineRunFor(runDir));
                return ExitCodes.OK;
            } catch (ReportInputException e) {
                throw new BadInputException(e.getMessage());
            }
        }
    }
}
