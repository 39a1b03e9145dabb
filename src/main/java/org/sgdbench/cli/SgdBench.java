package org.sgdbench.cli;

import java.io.PrintWriter;
import org.sgdbench.kernel.BackendUnavailableException;
import org.sgdbench.problem.InvalidSpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sgdbench} command. Subcommands: run, profile, list. Exit codes live in {@link ExitCodes}: bad
 * input is one line on stderr and exit 2, with nothing written.
 */
@Command(name = "sgdbench", mixinStandardHelpOptions = true, versionProvider = SgdBench.Version.class,
    description = "Benchmarks the dynamics of discrete SGD (ensembles and master-equation solvers) across backends.",
    subcommands = {RunCommand.class, ProfileCommand.class, ListCommand.class, ReportCommand.class, CompareCommand.class,
        BaselineCommand.class, ExportCommand.class, HistoryCommand.class, JmhCommand.class, OperatorCommand.class,
        CommandLine.HelpCommand.class})
public final class SgdBench implements Runnable {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        ConsoleNoise.install();
        CommandLine cl = new CommandLine(new SgdBench());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("sgdbench: " + ex.getMessage()
                + " (see: sgdbench " + ex.getCommandLine().getCommandName() + " --help)");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            if (ex instanceof InvalidSpecException ise) {
                err.println("sgdbench: invalid " + ise.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof BadInputException bie) {
                err.println("sgdbench: " + bie.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof BackendUnavailableException bue) {
                err.println("sgdbench: " + bue.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof java.nio.file.FileSystemException fse) {
                // a results directory made read-only, a full disk: one line naming the path, no stack trace
                err.println("sgdbench: run failed: cannot write " + fse.getFile()
                    + (fse.getReason() == null ? " (" + fse.getClass().getSimpleName() + ")" : " (" + fse.getReason() + ")")
                    + "; what finished is kept, the run is marked INCOMPLETE");
                return ExitCodes.RUN_FAILED;
            }
            err.println("sgdbench: run failed: " + ex);
            if (Boolean.getBoolean("sgdbench.debug")) ex.printStackTrace(err);
            return ExitCodes.RUN_FAILED;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Version from the jar manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return new String[] {"sgdbench " + suiteVersion()}; }
    }

    public static String suiteVersion() {
        String v = SgdBench.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
