package org.sgdbench.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A user's CSV: parsed as documented, and every malformed file rejected naming its line and column. */
class DatasetsCsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsFeaturesAndTheLastColumnAsTargetExactlyAsGivenWithNone() throws IOException {
        Path p = write("six.csv", "a,b,y\n1,0.5,0.9\n0.3,-1.2,-1\n-0.7,0.8,0.4\n\n1.5,1.1,2.1\n-0.2,-0.4,-0.3\n2,1e-1,+1.5\n");
        Dataset d = Datasets.csv(p, null, Standardization.NONE);
        assertThat(d.name()).isEqualTo("six");
        assertThat(d.n()).isEqualTo(6);
        assertThat(d.d()).isEqualTo(2);
        assertThat(d.features()).containsExactly("a", "b");
        assertThat(d.target()).isEqualTo("y");
        assertThat(d.x(5, 1)).isEqualTo(0.1);
        assertThat(d.y(5)).isEqualTo(1.5);
    }

    @Test
    void aNamedTargetAndZScoringAddTheInterceptColumn() throws IOException {
        Path p = write("t.csv", "\"y\", a ,b\n1,1,5\n2,2,3\n4,3,4\n3,5,1\n");
        Dataset d = Datasets.csv(p, "y", Standardization.ZSCORE);
        assertThat(d.features()).containsExactly("a", "b", "intercept");
        assertThat(d.target()).isEqualTo("y");
        double mean = 0, sq = 0;
        for (int i = 0; i < 4; i++) {
            mean += d.x(i, 0) / 4;
            sq += d.x(i, 0) * d.x(i, 0) / 4;
            assertThat(d.x(i, 2)).isEqualTo(1.0);
        }
        assertThat(mean).isCloseTo(0, within(1e-12));
        assertThat(sq).isCloseTo(1, within(1e-12));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("empty", "", "empty"),
            Arguments.of("blank lines only", "\n\n", "empty"),
            Arguments.of("no header", "1,2,3\n4,5,6\n", "line 1, column 1"),
            Arguments.of("header only", "a,b,y\n", "no rows"),
            Arguments.of("ragged row", "a,b,y\n1,2,3\n4,5\n", "line 3"),
            Arguments.of("non-numeric cell", "a,b,y\n1,2,3\n4,x5,6\n", "line 3, column b (2)"),
            Arguments.of("empty cell", "a,b,y\n1,,3\n", "line 2, column b (2)"),
            Arguments.of("NaN", "a,b,y\n1,2,3\n4,5,NaN\n", "line 3, column y (3)"),
            Arguments.of("infinity", "a,b,y\n1,Infinity,3\n", "line 2, column b (2)"),
            Arguments.of("overflow", "a,b,y\n1,1e999,3\n", "line 2, column b (2)"),
            Arguments.of("java float suffix", "a,b,y\n1,2d,3\n", "line 2, column b (2)"),
            Arguments.of("one column", "y\n1\n2\n", "line 1"),
            Arguments.of("constant column", "a,b,y\n1,2,3\n1,5,6\n1,4,2\n", "column a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedFileIsRejectedNamingWhere(String what, String text, String where) throws IOException {
        Path p = write("bad.csv", text);
        assertThatThrownBy(() -> Datasets.csv(p, null, Standardization.ZSCORE))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining(where).hasMessageContaining("allowed");
    }

    @Test
    void anUnknownTargetOrAMissingFileIsRejected() throws IOException {
        Path p = write("t.csv", "a,b,y\n1,2,3\n2,1,5\n");
        assertThatThrownBy(() -> Datasets.csv(p, "z", Standardization.NONE))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("target").hasMessageContaining("a, b, y");
        assertThatThrownBy(() -> Datasets.csv(dir.resolve("missing.csv"), null, Standardization.NONE))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("dataset");
    }

    @Test
    void fewerRowsThanTheBatchIsRejectedByTheSpecNamingTheBatch() throws IOException {
        Dataset d = Datasets.csv(write("t.csv", "a,y\n1,3\n2,5\n3,4\n"), null, Standardization.NONE);
        assertThatThrownBy(() -> new LinearRegression(d, 4, Sampling.WITHOUT_REPLACEMENT, 0.1, 10, 8, new double[] {0}, 0))
            .isInstanceOf(InvalidSpecException.class).hasMessageContaining("batch").hasMessageContaining("[1, 3]");
        assertThat(List.of(d.n())).containsExactly(3);
    }
}
