package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.hardware.Ceilings;
import org.sgdbench.problem.Precision;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ThroughputRow;

/**
 * report.html's interactive plots: the inlined library, the data of every plotted row, nothing fetched, a series and a
 * mark per thread count, roofs as minimum envelopes, engineering tick labels. The drawing itself is checked in a real
 * browser by scripts/render-check.sh (ReportRenderCheckTest).
 */
class InteractivePlotsTest {
    @TempDir
    Path root;

    static final Pattern DATA = Pattern.compile(
        "<script type=\"application/json\" id=\"sgdbench-plots\">(.*?)</script>", Pattern.DOTALL);
    static final Pattern ENGINEERING = Pattern.compile("-?\\d{1,3}(\\.\\d{1,2})?( [fpnµmkMGTPE])?");

    static List<InteractivePlots.Plot> plotsOf(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the plots' JSON element").isTrue();
        return new ObjectMapper().readValue(m.group(1), new TypeReference<List<InteractivePlots.Plot>>() {});
    }

    @Test
    void theReportInlinesUplotAndItsStyleAndFetchesNothing() throws Exception {
        String html = Files.readString(ReportWriter.write(RunFixture.copy(root, RunFixture.RUN)));
        // the library's own code and stylesheet, from the WebJar, inside the page
        assertThat(html).contains(InteractivePlots.uplotJs().strip()).contains(InteractivePlots.uplotCss().strip())
            .contains("(v" + InteractivePlots.UPLOT_VERSION + ")").contains(InteractivePlots.script().strip());
        // no src or href pointing anywhere (a script src, a stylesheet link, an image URL)
        assertThat(html).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?(https?:)?//").doesNotContain("<link")
            .doesNotContainPattern("<script[^>]*\\ssrc=");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?https?:");
    }

    @Test
    void theSignificanceSummaryComesFirstAndTheTablesAndFallbackImagesNeedNoScript() throws Exception {
        String html = Files.readString(ReportWriter.write(RunFixture.copy(root, RunFixture.RUN)));
        int summary = html.indexOf("<h2>Summary"), meta = html.indexOf("<th>field</th>"), plots = html.indexOf("<h2>Plots");
        assertThat(summary).isPositive().isLessThan(meta);
        assertThat(meta).isLessThan(plots);
        assertThat(html.indexOf("<table")).isGreaterThan(summary);
        // every interactive plot has its PNG in the same figure: what a reader without JavaScript sees
        for (InteractivePlots.Plot p : plotsOf(html))
            assertThat(html).containsPattern("<figure id=\"" + Pattern.quote(p.id()) + "\" class=\"interactive\"><div "
                + "class=\"chart\" data-plot=\"" + Pattern.quote(p.id()) + "\"></div><img class=\"fallback\" alt=\""
                + Pattern.quote(p.id()) + "\" src=\"data:image/png;base64,");
        // the tables are plain HTML before any script
        int firstScript = html.indexOf("<script");
        assertThat(html.indexOf("<h2>Throughput</h2>")).isBetween(0, firstScript);
        assertThat(html.indexOf("<h2>Accuracy</h2>")).isBetween(0, firstScript);
    }

    @Test
    void everyPlottedRowIsInThePagesDataWithItsInterval() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        String html = Files.readString(ReportWriter.write(run));
        Map<String, InteractivePlots.Plot> plots = new java.util.HashMap<>();
        for (InteractivePlots.Plot p : plotsOf(html)) plots.put(p.id(), p);
        List<ThroughputRow> ok = RunData.load(run).throughput().stream().filter(r -> r.outcome() == Outcome.OK).toList();
        assertThat(ok).isNotEmpty();
        for (ThroughputRow r : ok) {
            InteractivePlots.Plot p = plots.get("throughput-" + r.kernel());
            assertThat(p).as(r.kernel()).isNotNull();
            String label = r.backend() + " " + r.precision() + " · " + InteractivePlots.threadsLabel(r.threads());
            InteractivePlots.Series s = p.series().stream().filter(x -> x.label().equals(label)).findFirst().orElseThrow();
            int i = s.y().indexOf(r.score());
            assertThat(i).as(label + " has " + r.score()).isNotNegative();
            assertThat(s.hi().get(i)).isCloseTo(r.score() + r.scoreError(), within(1e-6 * r.score()));
            assertThat(s.tips().get(i)).contains(Engineering.format(r.score())).contains("99.9 % CI");
            // and on the roofline, at its intensity
            InteractivePlots.Plot roof = plots.get("roofline");
            String roofLabel = r.kernel() + " " + r.backend() + " · " + InteractivePlots.threadsLabel(r.threads());
            InteractivePlots.Series rs = roof.series().stream().filter(x -> x.label().equals(roofLabel)).findFirst().orElseThrow();
            int j = roof.xs().indexOf(r.gflops() / r.gbytes());
            assertThat(j).isNotNegative();
            assertThat(rs.y().get(j)).isNotNull();
        }
    }

    @Test
    void eachThreadCountHasItsOwnSeriesAndMark() throws Exception {
        List<InteractivePlots.Plot> plots = plotsOf(Files.readString(ReportWriter.write(RunFixture.copy(root, RunFixture.RUN))));
        InteractivePlots.Plot sgd = plots.stream().filter(p -> p.id().equals("throughput-sgd-ensemble")).findFirst().orElseThrow();
        InteractivePlots.Series one = sgd.series().stream().filter(s -> s.label().equals("scalar F64 · 1 thread ●")).findFirst().orElseThrow();
        InteractivePlots.Series two = sgd.series().stream().filter(s -> s.label().equals("scalar F64 · 2 threads ◆")).findFirst().orElseThrow();
        assertThat(one.marker()).isEqualTo("circle");
        assertThat(two.marker()).isEqualTo("diamond");
        // side by side within a size, never on top of each other
        assertThat(sgd.series().stream().map(InteractivePlots.Series::dx).distinct().count()).isEqualTo(sgd.series().size());
        for (InteractivePlots.Plot p : plots)
            for (InteractivePlots.Series s : p.series())
                if (s.kind().equals("points"))
                    assertThat(s.label()).matches(".*· (1 thread ●|\\d+ threads [◆▲■])");
        assertThat(List.of(1, 2, 4, 8, 16, 6).stream().map(t -> InteractivePlots.MARKERS[InteractivePlots.markerIndex(t)]))
            .containsExactly("circle", "diamond", "triangle", "square", "diamond", "square");
    }

    @Test
    void everyVarianceCurveIsInThePagesDataPointForPoint() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        org.sgdbench.results.Json.write(run.resolve("trajectories.json"), List.of(new org.sgdbench.results.VarianceTrajectory(
            "confined-eta-half", "confined", "transfer-operator", "scalar", List.of(0L, 10L, 60L), List.of(0.0, 0.3, 0.333))));
        List<InteractivePlots.Plot> plots = plotsOf(Files.readString(ReportWriter.write(run)));
        InteractivePlots.Plot p = plots.stream().filter(x -> x.id().equals("variance-confined-eta-half")).findFirst().orElseThrow();
        InteractivePlots.Series s = p.series().stream().filter(x -> x.label().equals("transfer-operator scalar")).findFirst().orElseThrow();
        assertThat(s.marker()).isEqualTo("circle"); // three points: marked, and each has its hover text
        for (int k = 0; k < 3; k++) {
            int i = p.xs().indexOf(List.of(0.0, 10.0, 60.0).get(k));
            assertThat(s.y().get(i)).isEqualTo(List.of(0.0, 0.3, 0.333).get(k));
            assertThat(s.tips().get(i)).contains("step t = " + List.of(0, 10, 60).get(k));
        }
        // the theory curves of the same panel are there too, and the x values are shared and sorted
        assertThat(p.series()).extracting(InteractivePlots.Series::label).contains("exact", "langevin-ou");
        assertThat(p.xs()).isSorted();
    }

    static Ceilings.ThreadPair pair(double one, double all, String unit) {
        return new Ceilings.ThreadPair(new Ceilings.Measurement(one, null, unit, 1, "b", 1, 1, "x"),
            new Ceilings.Measurement(all, null, unit, 2, "b", 1, 1, "x"));
    }

    static final String GPU = "OpenCL GPU: Test Device (vendor)";
    static final Ceilings C = new Ceilings("quick", 2, "2026-01-01T00:00:00Z", "1.37", "s", pair(10, 15, "GB/s"),
        pair(12, 20, "GB/s"), new Ceilings.FmaPeak(pair(60, 120, "GFLOP/s"), pair(8, 16, "GFLOP/s")),
        new Ceilings.FmaPeak(pair(120, 240, "GFLOP/s"), pair(8, 16, "GFLOP/s")), List.of(
            new Ceilings.CacheLevel("L1", 48 << 10, false, pair(200, 400, "GB/s")),
            new Ceilings.CacheLevel("L2", 2 << 20, false, pair(100, 200, "GB/s"))))
        .withDevices(List.of(new Ceilings.Device(GPU, 5000, 300.0, 800, "2026-01-01T00:00:00Z", "x"),
            new Ceilings.Device("OpenCL GPU: another one", 9000, null, 900, "2026-01-01T00:00:00Z", "x")));

    static ThroughputRow row(String backend, String device, int threads, double gflops, double gbytes) {
        return new ThroughputRow("transfer-1d", backend, "F32", threads, device, Map.of("cells", "16384"), "cell-steps",
            gflops * 1e9 / 4, gflops * 1e9 / 40, Double.NaN, gflops, gbytes, Double.NaN, "–", Outcome.OK, "");
    }

    @Test
    void theRoofsAreMinimumEnvelopesOfEveryCeilingTheTableUsesWithTheDevicesRowsRanOn() {
        List<ThroughputRow> rows = List.of(row("scalar", "Java scalar", 1, 2, 8), row("simd", "AVX-512", 2, 9, 3),
            row("aparapi", GPU, 2, 40, 20));
        InteractivePlots.Plot p = InteractivePlots.roofline(rows, C);
        List<InteractivePlots.Series> roofs = p.series().stream().filter(s -> s.kind().equals("roof")).toList();
        assertThat(roofs).extracting(InteractivePlots.Series::label).containsExactly(
            "roof F32, 1 thread: min(FMA peak, memory × I)", "roof F64, 1 thread: min(FMA peak, memory × I)",
            "L1 roof, 1 thread: min(FMA peak, L1 × I)", "L2 roof, 1 thread: min(FMA peak, L2 × I)",
            "roof F32, 2 threads: min(FMA peak, memory × I)", "roof F64, 2 threads: min(FMA peak, memory × I)",
            "L1 roof, 2 threads: min(FMA peak, L1 × I)", "L2 roof, 2 threads: min(FMA peak, L2 × I)",
            "device F32: " + GPU + ": min(FMA peak, read × I)", "device F64: " + GPU + ": min(FMA peak, read × I)");
        double[][] flatAndBandwidth = {{120, 12}, {60, 12}, {120, 200}, {120, 100}, {240, 20}, {120, 20}, {240, 400},
            {240, 200}, {5000, 800}, {300, 800}};
        for (int k = 0; k < roofs.size(); k++)
            for (int i = 0; i < p.xs().size(); i++) {
                double x = p.xs().get(i), expected = Math.min(flatAndBandwidth[k][0], flatAndBandwidth[k][1] * x);
                assertThat(roofs.get(k).y().get(i)).as(roofs.get(k).label() + " at " + x).isCloseTo(expected, within(1e-9 * expected));
            }
        // every knee within the plotted range is one of the x values, so that straight segments draw the envelope exactly
        for (double[] fb : flatAndBandwidth) {
            double knee = fb[0] / fb[1];
            if (knee > p.xs().get(0) && knee < p.xs().get(p.xs().size() - 1))
                assertThat(p.xs()).anySatisfy(x -> assertThat(x).isCloseTo(knee, within(1e-12 * knee)));
        }
        // no OpenCL row: no device roof
        assertThat(InteractivePlots.roofline(rows.subList(0, 2), C).series()).noneMatch(s -> s.label().startsWith("device"));
    }

    @Test
    void tickLabelsAreInEngineeringNotation() throws Exception {
        assertThat(Engineering.tick(1e9)).isEqualTo("1 G");
        assertThat(Engineering.tick(1.15e9)).isEqualTo("1.15 G");
        assertThat(Engineering.tick(35.6e6)).isEqualTo("35.6 M");
        assertThat(Engineering.tick(2.5e6)).isEqualTo("2.5 M");
        assertThat(Engineering.tick(500e3)).isEqualTo("500 k");
        assertThat(Engineering.tick(0.1)).isEqualTo("100 m");
        assertThat(Engineering.tick(0)).isEqualTo("0");
        assertThat(Engineering.tick(40)).isEqualTo("40");
        InteractivePlots.Axis lin = InteractivePlots.linearAxis("cell-steps/s", 0, 3.3e8);
        assertThat(lin.tickLabels()).containsExactly("0", "100 M", "200 M", "300 M", "400 M");
        assertThat(lin.max()).isEqualTo(4e8);
        InteractivePlots.Axis log = InteractivePlots.logAxis("FLOP/s", 3e7, 4e11);
        assertThat(log.tickLabels()).containsExactly("10 M", "100 M", "1 G", "10 G", "100 G", "1 T");
        assertThat(InteractivePlots.logAxis("x", 0.3, 8).tickLabels())
            .containsExactly("100 m", "200 m", "500 m", "1", "2", "5", "10");
        for (InteractivePlots.Plot p : plotsOf(Files.readString(ReportWriter.write(RunFixture.copy(root, RunFixture.RUN)))))
            for (InteractivePlots.Axis a : p.id().equals("roofline") ? List.of(p.x(), p.y()) : List.of(p.y())) {
                assertThat(a.tickLabels()).hasSameSizeAs(a.ticks()).allMatch(l -> ENGINEERING.matcher(l).matches(), "engineering");
                for (int i = 0; i < a.ticks().size(); i++)
                    assertThat(a.ticks().get(i)).isBetween(a.min() * (1 - 1e-9), a.max() * (1 + 1e-9));
            }
    }
}
