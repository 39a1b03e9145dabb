package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.report.AcrossMachines;
import org.sgdbench.report.Baselines;
import org.sgdbench.report.Comparison;
import org.sgdbench.report.RunData;
import org.sgdbench.results.AtomicFiles;
import org.sgdbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.sgdbench.results.ReportInputException;

/**
 * {@code sgdbench compare [BASELINE] CANDIDATE}: candidate against a baseline run (a run directory, a run id in the
 * candidate's profile folder, or — with one argument — the stored baseline of the candidate's profile). Exit 1 when
 * a benchmark is significantly slower beyond the threshold or an accuracy row that passed now fails; 0 otherwise;
 * 2 on bad input. {@code --across RUN RUN...}: runs of different machines side by side (exit 0); {@code --across}
 * alone reads {@code ./results}, where the repository keeps its reference runs.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compare a candidate run with a baseline (ratios, confidence intervals, Mann-Whitney U test); "
        + "exit 1 on a regression.", "With --across: runs from different machines side by side per kernel."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "0..*",
        description = "BASELINE CANDIDATE, or CANDIDATE alone (stored baseline of its profile), or with --across 2+ runs "
            + "or a results/ folder (the latest run of each profile in it); --across alone reads ./results (the "
            + "committed reference runs and your own).")
    List<Path> runs;

    @Option(names = "--across", description = "Runs from different hardware profiles side by side (no verdict).")
    boolean across;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "5",
        description = "Relative change that counts, in percent, in [0, 100) (default ${DEFAULT-VALUE}).")
    String threshold;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.01",
        description = "Significance level of the Mann-Whitney U test, in (0, 1) (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the comparison as JSON.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the Markdown to a file.")
    Path markdown;

    @Mixin
    AbCompare.Options ab = new AbCompare.Options();

    static double parseThreshold(String s) {
        String t = s.trim().replace("%", "").trim();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("threshold", s, "a percentage in [0, 100)");
        }
        if (!(v >= 0 && v < 100)) throw new InvalidSpecException("threshold", s, "a percentage in [0, 100)");
        return v / 100;
    }

    @Override
    public Integer call() throws IOException {
        try {
            return ab.enabled ? ab() : across ? across() : pair();
        } catch (ReportInputException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private int across() throws IOException {
        List<RunData> data = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path p : runs == null || runs.isEmpty() ? List.of(Path.of("results")) : runs) {
            List<RunData> found = Files.isRegularFile(p.resolve("run.json")) ? List.of(RunData.load(p))
                : AcrossMachines.latestRunPerProfile(p);
            // a run named beside the results/ folder that holds it is shown once
            for (RunData r : found) if (seen.add(r.dir().toAbsolutePath().normalize())) data.add(r);
        }
        if (data.size() < 2) throw new BadInputException("compare --across needs at least two runs (run directories, "
            + "or a results/ folder: its latest run of each profile)");
        String md = AcrossMachines.markdown(data);
        emit(md, AcrossMachines.rows(data));
        return ExitCodes.OK;
    }

    private int pair() throws IOException {
        Comparison.Settings settings = new Comparison.Settings(parseThreshold(threshold), alpha);
        if (runs == null || runs.isEmpty())
            throw new BadInputException("compare needs CANDIDATE, BASELINE CANDIDATE, or --across [RUN|results/]...");
        if (runs.size() > 2) throw new BadInputException("compare takes BASELINE CANDIDATE or CANDIDATE (got "
            + runs.size() + " runs; did you mean --across?)");
        Path candidateDir = runs.get(runs.size() - 1);
        Path baselineDir = runs.size() == 1 ? Baselines.baselineRunFor(candidateDir) : resolveBaseline(runs.get(0), candidateDir);
        RunData candidate = RunData.load(candidateDir), baseline = RunData.load(baselineDir);
        boolean bothComplete = candidate.complete() && baseline.complete();
        if (bothComplete && candidate.jmhJson() == null && baseline.jmhJson() != null)
            throw new BadInputException(candidateDir.resolve("jmh.json") + ": missing");
        if (bothComplete && baseline.jmhJson() == null && candidate.jmhJson() != null)
            throw new BadInputException(baselineDir.resolve("jmh.json") + ": missing");
        String note = incompleteNote("baseline", baseline) + incompleteNote("candidate", candidate);
        if (!note.isEmpty()) System.err.print(note.replace("> **", "sgdbench: ").replace("**", ""));
        Comparison.Result r = Comparison.compare(baseline, candidate, settings);
        emit(note + (note.isEmpty() ? "" : "\n") + Comparison.markdown(r), r);
        if (r.regression()) {
            System.err.println("sgdbench: regression: " + r.slower().size() + " slower, "
                + r.accuracyRegressions().size() + " accuracy rows now failing");
            return ExitCodes.RUN_FAILED;
        }
        return ExitCodes.OK;
    }

    /**
     * A line saying plainly that a side did not finish: only what both runs hold is compared; a row that one side
     * lacks is listed as new or missing and never counts as a regression.
     */
    static String incompleteNote(String side, RunData run) {
        if (run.complete()) return "";
        return "> **" + side + " run " + run.runId() + " is " + run.status() + "** (" + run.summary().substring(
            run.status().length() + 2) + "): only what both runs hold is compared.\n";
    }

    private int ab() throws IOException {
        if (runs == null || runs.size() != 2) throw new BadInputException("compare --ab takes two builds A B (jars or checkouts)");
        ab.validate();
        AbCompare.jarOf(runs.get(0));
        AbCompare.jarOf(runs.get(1));
        Path work = Files.createTempDirectory("sgdbench-ab-");
        var r = AbCompare.run(runs.get(0), runs.get(1), ab, new Comparison.Settings(parseThreshold(threshold), alpha),
            AbCompare.processes(ab, work));
        emit(org.sgdbench.report.AbComparison.markdown(r), r);
        System.err.println("sgdbench: fork results and logs in " + work);
        return r.regression() ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }

    /** A directory, or a run id (or "baseline") looked up in the candidate's profile folder. */
    static Path resolveBaseline(Path arg, Path candidateDir) {
        if (Files.isDirectory(arg)) return arg;
        String name = arg.toString();
        if (name.toLowerCase(Locale.ROOT).equals("baseline")) return Baselines.baselineRunFor(candidateDir);
        if (!name.contains("/") && !name.contains("..")) {
            Path sibling = candidateDir.toAbsolutePath().normalize().getParent().resolve(name);
            if (Files.isDirectory(sibling)) return sibling;
        }
        throw new BadInputException(arg + ": not a run directory, a run id of the candidate's profile or 'baseline'");
    }

    private void emit(String md, Object value) throws IOException {
        System.out.print(md);
        if (markdown != null) AtomicFiles.writeString(markdown, md);
        if (json != null) Json.write(json, value);
    }
}
