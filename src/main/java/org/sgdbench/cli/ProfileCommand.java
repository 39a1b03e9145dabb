package org.sgdbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sgdbench.hardware.CeilingProbeException;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.hardware.NativeCeilings;
import org.sgdbench.report.NativeCheckReport;
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

    @Option(names = "--native-check", description = "Measure the ceilings again, each between two runs of the same "
        + "loop in native C (scripts/native-ceilings.c, built with gcc -O3 -march=native -fopenmp; needs the "
        + "repository's scripts/ and gcc), so that both see the same clock; prints suite ÷ C per ceiling and "
        + "records it in the profile (ceilings.nativeCheck). Exit code 1 when a ceiling is more than 10 %% from C (the "
        + "profile is written all the same) or the C loops cannot be built.")
    boolean nativeCheck;

    @Override
    public Integer call() throws Exception {
        OutputCheck.require(out);
        NativeCeilings natives = null;
        Path build = null;
        if (nativeCheck) {
            build = Files.createTempDirectory("sgdbench-native-ceilings");
            try {
                natives = NativeCeilings.build(Path.of(System.getProperty("sgdbench.home", ".")), build);
            } catch (CeilingProbeException e) {
                System.err.println("sgdbench profile: " + e.getMessage());
                return ExitCodes.RUN_FAILED;
            }
        }
        try {
            Profiling.Result r = Profiling.captureAndWrite(out, quick, remeasure, true, new Progress(0), natives);
            System.out.println(r.file());
            Ceilings.NativeCheck check = r.profile().ceilings() == null ? null : r.profile().ceilings().nativeCheck();
            if (!nativeCheck || check == null) return ExitCodes.OK;
            System.out.println();
            System.out.print(NativeCheckReport.markdown(check));
            return check.outside().isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        } finally {
            if (build != null) NativeStep.deleteTree(build);
        }
    }
}
