package org.sgdbench.cli;

import java.util.concurrent.Callable;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import picocli.CommandLine.Command;

/** {@code sgdbench list}: backends with their availability and reason, and the benchmark kernels. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List backends (with availability) and kernels.")
public final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Backends:");
        for (Backend b : Backend.values()) {
            Availability a = b.availability();
            System.out.printf("  %-8s %-11s %s%n", b.id(), a.available() ? "available" : "unavailable", a.reason());
        }
        System.out.println("Benchmark kernels:");
        for (BenchmarkCatalog.Entry e : BenchmarkCatalog.all())
            System.out.printf("  %-16s %s%n", e.kernelId(), e.benchmarkClass().getSimpleName());
        return ExitCodes.OK;
    }
}
