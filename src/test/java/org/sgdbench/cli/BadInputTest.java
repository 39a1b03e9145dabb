package org.sgdbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input exits 2 with one line naming the field and its allowed range, and writes nothing. */
class BadInputTest {
    static Stream<Arguments> badRuns() {
        return Stream.of(
            Arguments.of(new String[] {"--eta", "-1"}, "eta", "(0, 100]"),
            Arguments.of(new String[] {"--eta", "1000"}, "eta", "(0, 100]"),
            Arguments.of(new String[] {"--walkers", "0"}, "walkers", "[1, 268435456]"),
            Arguments.of(new String[] {"--backend", "nosuch"}, "backend", "scalar, simd, nd4j, aparapi"),
            Arguments.of(new String[] {"--precision", "F16"}, "precision", "F32, F64"),
            Arguments.of(new String[] {"--threads", "0"}, "threads", "[1, 4096]"),
            Arguments.of(new String[] {"--device", "tpu"}, "device", "gpu, cpu, any, jtp"),
            Arguments.of(new String[] {"--only", "everything"}, "only", "accuracy, throughput"),
            Arguments.of(new String[] {"--cells", "0"}, "cells", "[2, "),
            Arguments.of(new String[] {"--nodes", "-3"}, "nodes", "[1, 128]"),
            Arguments.of(new String[] {"--noise", "cauchy"}, "noise", "finite variance"),
            Arguments.of(new String[] {"--case", "nosuch"}, "case", "confined-eta-half"),
            Arguments.of(new String[] {"--kernel", "(unclosed"}, "kernel", "regular expression"),
            Arguments.of(new String[] {"--kernel", "nosuch"}, "kernel", "sgd-ensemble"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badRuns")
    void exitsTwoWithOneLineNamingTheFieldAndWritesNothing(String[] bad, String field, String range, @TempDir Path out)
            throws Exception {
        String[] args = Stream.concat(Stream.of("run", "--quick", "--out", out.toString()), Stream.of(bad))
            .toArray(String[]::new);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = SgdBench.execute(args);
        } finally {
            System.setErr(old);
        }
        String msg = err.toString(StandardCharsets.UTF_8).trim();
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(msg.lines().count()).as("one line: %s", msg).isEqualTo(1);
        assertThat(msg).contains(field).contains(range).doesNotContain("Exception").doesNotContain("\tat ");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).as("nothing written under --out").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableOutputs")
    void anUnusableOutputDirectoryIsBadInputNamingItBeforeAnythingIsMeasured(String what, @TempDir Path tmp) throws Exception {
        Path out = switch (what) {
            case "under /proc" -> Path.of("/proc/sgdbench-no-such-dir/x");
            case "a file" -> Files.writeString(tmp.resolve("file"), "x");
            default -> Files.writeString(tmp.resolve("file"), "x").resolve("below");
        };
        CliRun r = CliRun.of("run", "--only", "accuracy", "--backend", "scalar", "--out", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).doesNotContain("\n").startsWith("sgdbench: --out").doesNotContain("Exception:")
            .doesNotContain("hardware profile");
        assertThat(r.out()).isEmpty();
    }

    static Stream<String> unusableOutputs() { return Stream.of("under /proc", "a file", "below a file"); }
}
