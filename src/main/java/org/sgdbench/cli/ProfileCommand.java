package org.sgdbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sgdbench profile}: capture the hardware profile and measure the machine ceilings. */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Capture this machine's hardware profile and measured ceilings into hardware-profiles/<id>.json.")
public final class ProfileCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Short ceiling measurements.")
    boolean quick;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "Where hardware-profiles/ goes.")
    Path out;

    @Option(names = "--remeasure", description = "Measure the ceilings again even when the profile file has "
        + "trustworthy ones (they are reused otherwise; flagged ones are always measured again).")
    boolean remeasure;

    @Override
    public Integer call() throws Exception {
        OutputCheck.require(out);
        Profiling.Result r = Profiling.captureAndWrite(out, quick, remeasure, true, new Progress(0));
        System.out.println(r.file());
        return ExitCodes.OK;
    }
}
