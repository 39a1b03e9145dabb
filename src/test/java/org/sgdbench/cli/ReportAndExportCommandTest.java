package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgdbench.report.RunFixture;
import org.sgdbench.results.Json;

/** sgdbench report / export / compare --across from the command line: exit codes, outputs, bad input. */
class ReportAndExportCommandTest {
    @TempDir
    Path root;

    @Test
    void reportWritesReportHtmlAndPrintsItsPath() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        CliRun r = CliRun.of("report", run.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().strip()).isEqualTo(run.resolve("report.html").toString());
        assertThat(Files.readString(run.resolve("report.html"))).startsWith("<!DOCTYPE html>");
    }

    @Test
    void reportOfANonRunDirectoryIsExitTwoWithOneLine() {
        Path nowhere = root.resolve("nope");
        CliRun r = CliRun.of("report", nowhere.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).isEqualTo("sgdbench: " + nowhere + ": not a run directory");
    }

    @Test
    void exportWritesEitherFormatAndRejectsAnUnknownOne() throws Exception {
        Path run = RunFixture.copy(root, RunFixture.RUN);
        Path out = root.resolve("gab.json");
        assertThat(CliRun.of("export", "--format", "github-action-benchmark", "-o", out.toString(), run.toString()).code())
            .isEqualTo(ExitCodes.OK);
        assertThat(Json.MAPPER.readTree(out.toFile()).isArray()).isTrue();
        CliRun bencher = CliRun.of("export", "--format", "bencher", run.toString());
        assertThat(bencher.code()).isEqualTo(ExitCodes.OK);
        assertThat(Json.MAPPER.readTree(bencher.out()).isObject()).isTrue();
        CliRun bad = CliRun.of("export", "--format", "csv", run.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.errLines()).contains("format").contains("github-action-benchmark, bencher");
    }

    @Test
    void compareAcrossNeedsTwoRunsAndPrintsOneColumnGroupPerMachine() throws Exception {
        Path a = RunFixture.copy(root, "20260101T000000Z"), b = RunFixture.copy(root, "20260102T000000Z");
        assertThat(CliRun.of("compare", "--across", a.toString()).code()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRun r = CliRun.of("compare", "--across", a.toString(), b.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("# Across machines").contains("(run 20260101T000000Z)").contains("(run 20260102T000000Z)");
    }
}
