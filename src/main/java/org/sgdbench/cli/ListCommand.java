package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sgdbench.accuracy.VerdictCase;
import org.sgdbench.bench.BenchmarkCatalog;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.results.ReportInputException;
import org.sgdbench.report.RunData;
import org.sgdbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sgdbench list}: backends with their availability and reason, the benchmark kernels with their sizes
 * (quick and full runs), the accuracy cases, and the runs already under {@code --out} with their status (a run killed
 * outright shows as INCOMPLETE (interrupted)). {@code --json} prints the same as one JSON object.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List backends (with availability), benchmark kernels and their sizes, accuracy cases, and runs.")
public final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
        description = "Output root whose results/ runs are listed (default: the current directory).")
    Path out;

    record BackendInfo(String id, boolean available, String reason) {}

    /** {@code fullParams}: every value a full run measures; {@code fullGrids}: how they combine (one JMH job each). */
    record KernelInfo(String id, String benchmarkClass, Map<String, List<String>> quickParams,
                      Map<String, List<String>> fullParams, List<Map<String, List<String>>> fullGrids) {}

    record CaseInfo(String id, String description, double eta, double lambda, double sigmaH, double sigmaG,
                    String noise, int steps, int walkersQuick, int walkersFull, boolean quickSubset) {}

    record RunInfo(String dir, String profileId, String runId, String status, int accuracyRows, int throughputRows,
                   String problem) {}

    @Override
    public Integer call() throws IOException {
        List<BackendInfo> backends = new ArrayList<>();
        for (Backend b : Backend.values()) {
            Availability a = b.availability();
            backends.add(new BackendInfo(b.id(), a.available(), a.reason()));
        }
        int threads = Runtime.getRuntime().availableProcessors();
        List<KernelInfo> kernels = new ArrayList<>();
        for (BenchmarkCatalog.Entry e : BenchmarkCatalog.all())
            kernels.add(new KernelInfo(e.kernelId(), e.benchmarkClass().getName(),
                e.params(new BenchmarkCatalog.Sizing(true, threads, false)),
                e.params(new BenchmarkCatalog.Sizing(false, threads, true)),
                e.grids().apply(new BenchmarkCatalog.Sizing(false, threads, true))));
        List<CaseInfo> cases = new ArrayList<>();
        List<VerdictCase> full = VerdictCase.standard(1 << 20);
        for (VerdictCase c : VerdictCase.standard(1 << 16)) {
            int fullWalkers = full.stream().filter(f -> f.id().equals(c.id())).findFirst().orElseThrow().walkers();
            cases.add(new CaseInfo(c.id(), c.description(), c.eta(), c.mode().lambda(), c.mode().sigmaH(),
                c.mode().sigmaG(), c.noise().label(), c.steps(), c.walkers(), fullWalkers,
                c.quick()));
        }
        List<RunInfo> runs = runs(out.resolve("results"));
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("schemaVersion", Json.SCHEMA_VERSION);
            all.put("backends", backends);
            all.put("kernels", kernels);
            all.put("cases", cases);
            all.put("runs", runs);
            System.out.println(Json.MAPPER.writeValueAsString(all));
            return ExitCodes.OK;
        }
        System.out.println("Backends:");
        for (BackendInfo b : backends)
            System.out.printf("  %-8s %-11s %s%n", b.id(), b.available() ? "available" : "unavailable", b.reason());
        System.out.println("Benchmark kernels (run --kernel REGEX; sizes of a quick run / a full run):");
        for (KernelInfo k : kernels)
            System.out.printf("  %-16s %-28s quick %s  full %s%n", k.id(), k.benchmarkClass().replaceAll(".*\\.", ""),
                k.quickParams(), String.join(" + ", k.fullGrids().stream().map(Object::toString).toList()));
        System.out.println("Accuracy cases (run --case NAME; * = also on every backend in a quick run):");
        for (CaseInfo c : cases)
            System.out.printf(Locale.ROOT, "  %-26s %s %5d steps, %d / %d walkers  %s%n", c.id(), c.quickSubset() ? "*" : " ",
                c.steps(), c.walkersQuick(), c.walkersFull(), c.description());
        System.out.println("Runs under " + out.resolve("results") + ":" + (runs.isEmpty() ? " none" : ""));
        for (RunInfo r : runs)
            System.out.printf("  %-60s %-25s %s%n", r.dir(), r.status(), r.problem() != null ? r.problem()
                : r.accuracyRows() + " accuracy rows, " + r.throughputRows() + " throughput rows");
        return ExitCodes.OK;
    }

    /** Every run directory under {@code results/<profile>/}, newest last; an unreadable one is listed with its problem. */
    static List<RunInfo> runs(Path results) throws IOException {
        List<RunInfo> runs = new ArrayList<>();
        if (!Files.isDirectory(results)) return runs;
        List<Path> dirs;
        try (Stream<Path> profiles = Files.list(results)) {
            dirs = profiles.filter(Files::isDirectory).flatMap(p -> {
                try (Stream<Path> s = Files.list(p)) {
                    return s.filter(Files::isDirectory).toList().stream();
                } catch (IOException e) {
                    return Stream.empty();
                }
            }).sorted().toList();
        }
        for (Path d : dirs) {
            try {
                RunData r = RunData.load(d);
                runs.add(new RunInfo(d.toString(), r.profileId(), r.runId(), r.status(), r.accuracy().size(),
                    r.throughput().size(), null));
            } catch (ReportInputException e) {
                runs.add(new RunInfo(d.toString(), d.getParent().getFileName().toString(), d.getFileName().toString(),
                    "UNREADABLE", 0, 0, e.getMessage()));
            }
        }
        return runs;
    }
}
