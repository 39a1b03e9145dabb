package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgdbench.report.Exports;
import org.sgdbench.report.RunData;
import org.sgdbench.results.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.sgdbench.results.ReportInputException;

/** {@code sgdbench export --format github-action-benchmark|bencher <run-dir>}: the run's throughput for CI trackers. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write the run's throughput as github-action-benchmark (customBiggerIsBetter) or Bencher (BMF) JSON.")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "github-action-benchmark or bencher")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    Path output;

    @Parameters(index = "0", paramLabel = "RUN-DIR")
    Path runDir;

    @Override
    public Integer call() throws IOException {
        Exports.Format f = Exports.Format.parse(format);
        RunData run;
        try {
            run = RunData.load(runDir);
        } catch (ReportInputException e) {
            throw new BadInputException(e.getMessage());
        }
        if (!Files.exists(runDir.resolve("throughput.json")))
            throw new BadInputException(runDir.resolve("throughput.json") + ": missing (the run measured no throughput)");
        String json = Exports.export(run.throughput(), f);
        if (output != null) AtomicFiles.writeString(output, json);
        else System.out.print(json);
        return ExitCodes.OK;
    }
}
