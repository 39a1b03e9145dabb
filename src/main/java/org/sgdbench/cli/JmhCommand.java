package org.sgdbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code sgdbench jmh [JMH options] [benchmark regex]}: JMH's own command line over the suite's benchmarks, for
 * targeted measurements (e.g. {@code sgdbench jmh SgdEnsembleBenchmark -p backend=scalar,simd -p precision=F32}).
 * Every fork gets the suite's JVM flags through the benchmarks' {@code @Fork(jvmArgsAppend)}.
 */
@Command(name = "jmh", description = "Run JMH directly on the suite's benchmarks (JMH's options; -h for JMH's help).",
    mixinStandardHelpOptions = false)
public final class JmhCommand implements Callable<Integer> {
    /** Everything after {@code jmh}, JMH's options included, goes to JMH untouched. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return ExitCodes.OK;
    }
}
