package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.results.Json;
import org.sgdbench.results.VarianceTrajectory;
import org.sgdbench.results.ReportInputException;

/** report.html of a real quick run: self-contained, decodable plots, the tables, the physics panels. */
class ReportWriterTest {
    @TempDir
    Path root;

    static final Pattern IMG = Pattern.compile("<img (?:class=\"fallback\" )?alt=\"([^\"]+)\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");

    @Test
    void theReportIsSelfContainedWithDecodablePngPlotsAndBothTables() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        Path html = ReportWriter.write(run);
        assertThat(html).isEqualTo(run.resolve("report.html"));
        String s = Files.readString(html);
        // nothing fetched from anywhere: no external URL in src/href, no external script or stylesheet
        assertThat(s).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContainPattern("<script[^>]*src=")
            .doesNotContain("<link");
        List<String> ids = new ArrayList<>();
        Matcher m = IMG.matcher(s);
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertThat(img).as(m.group(1)).isNotNull();
            assertThat(img.getWidth()).isGreaterThan(300);
            ids.add(m.group(1));
        }
        assertThat(s.split("<img ", -1).length - 1).isEqualTo(ids.size()); // every image matched the data-URI form
        assertThat(ids).contains("throughput-sgd-ensemble", "throughput-transfer-1d", "roofline",
            "variance-confined-eta-half", "variance-flat-diffusive", "langevin-error");
        assertThat(ids.size()).isGreaterThanOrEqualTo(4);
        assertThat(s).contains("<h2>Throughput</h2>").contains("<h2>Accuracy</h2>").contains("walker-mode-steps")
            .contains("confined-small-eta").contains(RunFixture.PROFILE);
        // no temporary file left beside it (atomic write)
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void recordedTrajectoriesReplaceTheTheoryOnlyPanels() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        Json.write(run.resolve("trajectories.json"), List.of(new VarianceTrajectory("confined-eta-half", "confined",
            "transfer-operator", "scalar", List.of(0L, 10L, 60L), List.of(0.0, 0.3, 0.333))));
        RunData data = RunData.load(run);
        List<ReportWriter.Figure> figs = ReportWriter.figures(data);
        assertThat(figs).extracting(ReportWriter.Figure::id).contains("variance-confined-eta-half")
            .doesNotContain("variance-flat-diffusive");
        ReportWriter.Figure f = figs.stream().filter(x -> x.id().equals("variance-confined-eta-half")).findFirst().orElseThrow();
        assertThat(((org.knowm.xchart.XYChart) f.chart()).getSeriesMap().keySet())
            .containsExactly("exact", "transfer-operator scalar", "langevin-ou");
    }

    @Test
    void theRooflineHasTheProfilesRoofsAndOneSeriesPerKernelBackendPrecisionThreads() throws Exception {
        RunData data = RunData.load(RunFixture.copy(root, RunFixture.RUN));
        var roof = (org.knowm.xchart.XYChart) ReportWriter.figures(data).stream()
            .filter(x -> x.id().equals("roofline")).findFirst().orElseThrow().chart();
        assertThat(roof.getSeriesMap().keySet()).contains("roof F64, 1 thread: min(FMA peak, memory)",
            "roof F32, 2 threads: min(FMA peak, memory)", "sgd-ensemble scalar 1t", "sgd-ensemble scalar 2t",
            "transfer-1d scalar 2t", "fokker-planck-1d scalar 1t");
        // the SGD ensemble sits at its declared intensity: flops/bytes per walker-mode-step (F32: 64 / 1, F64: 88 / 2)
        var sgd = roof.getSeriesMap().get("sgd-ensemble scalar 1t");
        assertThat(java.util.Arrays.stream(sgd.getXData()).anyMatch(x -> Math.abs(x - 88.0 / 2.0) < 1e-9)).isTrue();
        // a roof is the minimum of the FMA peak and bandwidth × intensity: flat at the peak far right
        var f64 = roof.getSeriesMap().get("roof F64, 1 thread: min(FMA peak, memory)");
        double peak = data.profile().ceilings().peakGflops(org.sgdbench.problem.Precision.F64, false);
        double bw = data.profile().ceilings().bandwidthGBs(true, false);
        assertThat(f64.getYData()[f64.getYData().length - 1]).isEqualTo(peak);
        assertThat(f64.getYData()[0]).isCloseTo(bw * f64.getXData()[0], org.assertj.core.data.Offset.offset(1e-9));
        // thread counts get distinct marks
        assertThat(roof.getSeriesMap().get("sgd-ensemble scalar 2t").getMarker())
            .isNotEqualTo(roof.getSeriesMap().get("sgd-ensemble scalar 1t").getMarker());
    }

    @Test
    void aCorruptThroughputJsonIsAnErrorNamingIt() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        Files.writeString(run.resolve("throughput.json"), "[{\"kernel\": ");
        assertThatThrownBy(() -> ReportWriter.write(run)).isInstanceOf(ReportInputException.class)
            .hasMessageStartingWith(run.resolve("throughput.json").toString());
        assertThat(run.resolve("report.html")).doesNotExist();
    }
}
