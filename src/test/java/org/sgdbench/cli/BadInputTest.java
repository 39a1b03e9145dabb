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
            Arguments.of(new String[] {"--standardize", "minmax"}, "standardize", "zscore, none"),
            Arguments.of(new String[] {"--sampling", "stratified"}, "sampling", "with-replacement, without-replacement, reshuffling"),
            Arguments.of(new String[] {"--batch", "0"}, "batch", "[1, 442]"),
            Arguments.of(new String[] {"--target", "y"}, "target", "--dataset"));
    }

    /** Malformed CSV files given to --dataset: the message names the file's line and column. */
    static Stream<Arguments> badCsvs() {
        return Stream.of(
            Arguments.of("", new String[0], "empty", "a header line"),
            Arguments.of("1,2,3\n4,5,6\n", new String[0], "line 1, column 1", "a header of column names"),
            Arguments.of("a,b,y\n1,2,3\n4,5\n", new String[0], "line 3", "3 cells"),
            Arguments.of("a,b,y\n1,2,3\n4,oops,6\n", new String[0], "line 3, column b (2)", "a finite decimal number"),
            Arguments.of("a,b,y\n1,2,3\n4,5,NaN\n", new String[0], "line 3, column y (3)", "a finite decimal number"),
            Arguments.of("a,b,y\n1,2,3\n1,5,6\n1,4,2\n", new String[0], "column a", "a column that varies"),
            Arguments.of("a,b,y\n1,2,3\n2,5,6\n3,4,2\n", new String[] {"--batch", "4"}, "batch", "[1, 3]"),
            Arguments.of("a,b,y\n1,2,3\n2,5,6\n3,4,2\n", new String[] {"--target", "c"}, "target", "a, b, y"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badCsvs")
    void aMalformedDatasetExitsTwoWithOneLineNamingWhere(String csv, String[] extra, String where, String allowed,
                                                         @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv"), out = dir.resolve("out");
        Files.writeString(file, csv);
        Files.createDirectories(out);
        String[] bad = Stream.concat(Stream.of("--dataset", file.toString()), Stream.of(extra)).toArray(String[]::new);
        exitsTwoWithOneLineNamingTheFieldAndWritesNothing(bad, where, allowed, out);
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
}
