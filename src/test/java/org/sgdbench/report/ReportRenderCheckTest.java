package org.sgdbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/render-check.sh (headless Chromium) on a generated report: every image decodes in a real browser.
 * Skipped where Chromium is not installed.
 */
class ReportRenderCheckTest {
    @TempDir
    Path root;

    static boolean chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"})
                if (Files.isExecutable(Path.of(dir, name))) return true;
        return false;
    }

    @Test
    void everyImageOfTheReportDecodesInHeadlessChromium() throws Exception {
        Assumptions.assumeTrue(chromium(), "Chromium not installed");
        Path html = ReportWriter.write(RunFixture.copy(root, RunFixture.RUN));
        Process p = new ProcessBuilder("bash", "scripts/render-check.sh", html.toString(), "6").redirectErrorStream(true).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("RENDER-CHECK images=(\\d+) decoded=\\1 failed=\\[\\]");
    }
}
