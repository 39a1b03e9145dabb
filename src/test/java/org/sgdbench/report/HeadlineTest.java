package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.results.Json;
import org.sgdbench.results.Outcome;
import org.sgdbench.results.ReportInputException;
import org.sgdbench.results.ThroughputRow;

/** The headline table and chart from a synthetic run directory whose winners, sizes and ratios are known. */
class HeadlineTest {
    @TempDir
    Path root;

    private static final String UNIT = "walker-mode-steps";

    /** A row with 5 per-iteration samples spread ±1 % around {@code score}. */
    private static ThroughputRow row(String kernel, String backend, String precision, int threads, Map<String, String> size,
                                     double score, double ceilingPct) {
        Map<String, String> p = new LinkedHashMap<>(size);
        p.put("backend", backend);
        p.put("precision", precision);
        if (!kernel.startsWith("fokker")) p.put("threads", Integer.toString(threads));
        double[] samples = {score * 0.99, score * 0.995, score, score * 1.005, score * 1.01};
        return new ThroughputRow(kernel, backend, precision, threads, backend, p, UNIT, score, score * 0.01, Double.NaN,
            1, 1, ceilingPct, "FMA peak (all threads)", Outcome.OK, "", samples);
    }

    private Path run(List<ThroughputRow> rows) throws Exception {
        Path dir = RunFixture.copy(root, RunFixture.RUN);
        Json.writeRows(dir.resolve("throughput.json"), rows);
        return dir;
    }

    private static List<ThroughputRow> rows() {
        List<ThroughputRow> rows = new ArrayList<>();
        for (String p : List.of("F32", "F64")) {
            double f = p.equals("F32") ? 2 : 1;
            for (String w : List.of("65536", "1048576")) {
                Map<String, String> size = Map.of("walkers", w, "modes", "4");
                rows.add(row("sgd-ensemble", "scalar", p, 1, size, 1e8 * f, 10));
                rows.add(row("sgd-ensemble", "scalar", p, 2, size, 1.9e8 * f, 19));
                rows.add(row("sgd-ensemble", "simd", p, 1, size, 4e8 * f, 40));
                // at the larger size simd wins with a 1.5× scaling; at the smaller, nd4j would win but is not the headline
                rows.add(row("sgd-ensemble", "simd", p, 2, size, (w.equals("1048576") ? 6e8 : 7e8) * f, 60));
                rows.add(row("sgd-ensemble", "nd4j", p, 2, size, (w.equals("1048576") ? 3e8 : 9e8) * f, 30));
                rows.add(row("sgd-ensemble", NativeReference.BACKEND, p, 2, size, 8e8 * f, Double.NaN));
            }
            // measured at all threads only: the largest size is the headline
            for (String c : List.of("16384", "2097152")) {
                Map<String, String> size = Map.of("cells", c);
                rows.add(row("transfer-1d", "scalar", p, 2, size, c.equals("16384") ? 5e9 : 1e9, 50));
                rows.add(row("transfer-1d", "nd4j", p, 2, size, c.equals("16384") ? 4e9 : 2e9, 80));
            }
            // a failed row never wins, however large its score
            rows.add(new ThroughputRow("transfer-1d", "aparapi", p, 2, "-", Map.of("cells", "2097152"), UNIT, 1e12, 0,
                Double.NaN, 1, 1, Double.NaN, "", Outcome.FAILED, "JMH reported an error"));
        }
        rows.add(row("fokker-planck-1d", "scalar", "F64", 1, Map.of("cells", "4096"), 3e7, Double.NaN));
        rows.add(row("fokker-planck-1d", "scalar", "F64", 1, Map.of("cells", "1048576"), 2e7, Double.NaN));
        return rows;
    }

    @Test
    void eachKernelAndPrecisionShowsItsFastestBackendAtItsHeadlineSize() {
        List<Headline.Line> lines = Headline.lines(rows());
        assertThat(lines).extracting(l -> l.kernel() + " " + l.precision()).containsExactly("sgd-ensemble F32",
            "sgd-ensemble F64", "transfer-1d F32", "transfer-1d F64", "fokker-planck-1d F64");
        Headline.Line sgd = lines.get(1);
        assertThat(sgd.size()).isEqualTo("modes=4 walkers=1048576");
        assertThat(sgd.best().backend()).isEqualTo("simd");
        assertThat(sgd.best().threads()).isEqualTo(2);
        assertThat(sgd.one().threads()).isEqualTo(1);
        assertThat(sgd.one().backend()).isEqualTo("simd");
        assertThat(sgd.others()).extracting(ThroughputRow::backend).containsExactly("simd", "nd4j", "scalar");
        Headline.Line transfer = lines.get(3);
        assertThat(transfer.size()).isEqualTo("cells=2097152");
        assertThat(transfer.best().backend()).isEqualTo("nd4j");
        assertThat(transfer.one()).isNull();
        assertThat(lines.get(4).size()).isEqualTo("cells=1048576");
    }

    @Test
    void theMarkdownCarriesTheIntervalCeilingNativeShareAndScaling() throws Exception {
        Path dir = run(rows());
        String md = Headline.markdown(RunData.load(dir));
        String sgdF64 = md.lines().filter(l -> l.startsWith("| sgd-ensemble | F64 |")).findFirst().orElseThrow();
        assertThat(sgdF64).contains("| simd (of 3) |", "600 M " + UNIT + "/s ± 6.00 M", "60.0 % (FMA peak (all threads))",
            "| 75 % |", "1.50× (", "at N = 2");
        String transferF32 = md.lines().filter(l -> l.startsWith("| transfer-1d | F32 |")).findFirst().orElseThrow();
        assertThat(transferF32).contains("nd4j (of 2)", "| – |"); // no native row, no 1-thread row
        assertThat(md).contains("Run " + RunFixture.RUN + " on ").contains("sgdbench report --headline");
    }

    @Test
    void writeLeavesTheTableAndAChartBesideTheRun() throws Exception {
        Path dir = run(rows());
        String md = Headline.write(dir);
        assertThat(Files.readString(dir.resolve(Headline.MARKDOWN))).isEqualTo(md);
        var image = ImageIO.read(dir.resolve(Headline.PNG).toFile());
        assertThat(image.getWidth()).isPositive();
        // the chart's bars: every backend relative to scalar, none for a backend without a scalar partner
        var chart = Headline.chart(RunData.load(dir));
        assertThat(chart.getSeriesMap()).containsOnlyKeys("simd", "nd4j", "scalar");
    }

    @Test
    void aRunWithoutAnyBenchmarkThatRanIsBadInput() throws Exception {
        Path dir = run(List.of(new ThroughputRow("sgd-ensemble", "simd", "F32", 2, "-", Map.of(), UNIT, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", Outcome.UNAVAILABLE, "no module")));
        assertThatThrownBy(() -> Headline.write(dir)).isInstanceOf(ReportInputException.class)
            .hasMessageContaining("throughput.json").hasMessageContaining("no benchmark that ran");
        assertThat(dir.resolve(Headline.PNG)).doesNotExist();
    }
}
