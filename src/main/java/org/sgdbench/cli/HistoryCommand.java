package org.sgdbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sgdbench.report.ChangePoints;
import org.sgdbench.report.History;
import org.sgdbench.results.AtomicFiles;
import org.sgdbench.results.ReportInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgdbench history [PROFILE]}: every run of a hardware profile in time order, per benchmark a trend table
 * (and with {@code --html} a plot) and the change points of its throughput series.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"Every run of a hardware profile in time order: per benchmark the throughput trend and its "
        + "change points (E-divisive means with a permutation test).",
        "PROFILE is a profile id under <root>/results/ or a results/<profile-id>/ folder; without it, the only "
            + "profile under <root>/results/."})
public final class HistoryCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE", description = "Profile id or results/<profile-id>/ folder.")
    String profile;

    @Option(names = "--root", defaultValue = ".", paramLabel = "DIR", description = "The folder holding results/ (default: .).")
    Path root;

    @Option(names = "--alpha", defaultValue = "0.01", paramLabel = "A",
        description = "Significance level of a change point's permutation test, in (0, 1) (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--min-shift", defaultValue = "5", paramLabel = "PCT",
        description = "Smallest relative change of the mean reported, percent in [0, 100) (default ${DEFAULT-VALUE}).")
    String minShift;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML page with a trend plot per benchmark.")
    Path html;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the Markdown to a file.")
    Path markdown;

    @Override
    public Integer call() throws IOException {
        ChangePoints.Settings d = ChangePoints.Settings.defaults();
        ChangePoints.Settings s = new ChangePoints.Settings(alpha, d.permutations(), d.minSize(), d.seed(),
            percent("min-shift", minShift));
        try {
            History.Result h = History.of(History.runs(profileDir()), s);
            if (h.runs().isEmpty()) throw new BadInputException(profileDir() + ": no runs (no run.json in any subfolder)");
            String md = History.markdown(h, s);
            System.out.print(md);
            if (markdown != null) AtomicFiles.writeString(markdown, md);
            if (html != null) AtomicFiles.writeString(html, History.html(h, s));
        } catch (ReportInputException e) {
            throw new BadInputException(e.getMessage());
        }
        return ExitCodes.OK;
    }

    static double percent(String field, String s) {
        double v;
        try {
            v = Double.parseDouble(s.trim().replace("%", "").trim());
        } catch (NumberFormatException e) {
            throw new org.sgdbench.problem.InvalidSpecException(field, s, "a percentage in [0, 100)");
        }
        if (!(v >= 0 && v < 100)) throw new org.sgdbench.problem.InvalidSpecException(field, s, "a percentage in [0, 100)");
        return v / 100;
    }

    private Path profileDir() throws IOException {
        if (profile != null) {
            Path asDir = Path.of(profile);
            if (Files.isDirectory(asDir) && !profile.equals(".")) return asDir;
            if (!profile.matches("[A-Za-z0-9._-]+") || profile.startsWith("."))
                throw new BadInputException("profile: '" + profile + "' is neither a folder nor a profile id");
            return root.resolve("results").resolve(profile);
        }
        Path results = root.resolve("results");
        if (!Files.isDirectory(results)) throw new BadInputException(results + ": missing (use --root or give PROFILE)");
        List<Path> profiles;
        try (Stream<Path> l = Files.list(results)) {
            profiles = l.filter(Files::isDirectory).sorted().toList();
        }
        if (profiles.size() != 1)
            throw new BadInputException(results + ": " + profiles.size() + " profile folders; name one of "
                + profiles.stream().map(p -> p.getFileName().toString()).toList());
        return profiles.get(0);
    }
}
