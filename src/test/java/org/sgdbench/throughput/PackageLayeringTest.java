package org.sgdbench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code results/} is a leaf (result records and their files): it imports no other package of the suite, so that
 * every layer above may use it without an import cycle. jmh.json has exactly one reader ({@link JmhResults}).
 */
class PackageLayeringTest {
    static final Path MAIN = Path.of("src/main/java/org/sgdbench");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.sgdbench\\.(\\w+)", Pattern.MULTILINE);

    @Test
    void resultsImportsNoOtherPackageOfTheSuite() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("results"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = IMPORT.matcher(src);
                while (m.find()) assertThat(m.group(1)).as(f + " imports org.sgdbench." + m.group(1)).isEqualTo("results");
                assertThat(src).as(f.toString()).doesNotContainPattern("org\\.sgdbench\\.(?!results\\b)\\w+\\.[A-Z]");
            }
        }
    }

    @Test
    void jmhJsonHasOneReader() throws IOException {
        List<Path> readers;
        try (Stream<Path> files = Files.walk(MAIN)) {
            readers = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String s = Files.readString(p);
                    return s.contains("primaryMetric");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(readers).containsExactly(MAIN.resolve("throughput/JmhResults.java"));
    }
}
