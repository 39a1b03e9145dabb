package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sgdbench.report.RunFixture;

/**
 * An empty or truncated run.json, accuracy.json, throughput.json or jmh.json, for every command that reads run files:
 * exit 2 with one line naming the file (or, for {@code list}, the run shown as unreadable) — never a stack trace,
 * never exit 1, never a file written into the damaged run. jmh.json is read by compare alone.
 */
class DamagedRunFilesTest {
    static Stream<Arguments> damage() {
        List<Arguments> a = new ArrayList<>();
        for (String file : List.of("run.json", "accuracy.json", "throughput.json", "jmh.json"))
            for (String how : List.of("empty", "truncated"))
                for (String command : List.of("report", "compare", "baseline", "export", "list"))
                    a.add(Arguments.of(file, how, command));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("damage")
    void aDamagedFileIsBadInputNamingIt(String file, String how, String command, @TempDir Path root) throws Exception {
        Path good = RunFixture.copy(root, "20260101T000000Z"), bad = RunFixture.copy(root, "20260102T000000Z");
        Path f = bad.resolve(file);
        byte[] whole = Files.readAllBytes(f);
        Files.write(f, how.equals("empty") ? new byte[0] : java.util.Arrays.copyOf(whole, whole.length / 2));
        List<String> before;
        try (Stream<Path> s = Files.list(bad)) {
            before = s.map(Path::toString).sorted().toList();
        }
        CliRun r = switch (command) {
            case "report" -> CliRun.of("report", bad.toString());
            case "compare" -> CliRun.of("compare", good.toString(), bad.toString());
            case "baseline" -> CliRun.of("baseline", "set", bad.toString());
            case "export" -> CliRun.of("export", "--format", "bencher", bad.toString());
            default -> CliRun.of("list", "--out", root.toString());
        };
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:");
        // jmh.json is read by compare alone (report, baseline and export work from throughput.json)
        if (command.equals("list")) {
            assertThat(r.code()).isZero();
            if (file.equals("jmh.json")) return;
            assertThat(r.out().lines().filter(l -> l.contains(bad.toString()))).singleElement().asString()
                .contains("UNREADABLE").contains(file);
            return;
        }
        boolean reads = !file.equals("jmh.json") || command.equals("compare");
        if (reads) {
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.errLines()).doesNotContain("\n").contains(f.toString());
        } else {
            assertThat(r.code()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.BAD_INPUT);
        }
        if (r.code() != ExitCodes.OK)
            try (Stream<Path> s = Files.list(bad)) {
                assertThat(s.map(Path::toString).sorted().toList()).as("nothing written into the damaged run").isEqualTo(before);
            }
    }
}
