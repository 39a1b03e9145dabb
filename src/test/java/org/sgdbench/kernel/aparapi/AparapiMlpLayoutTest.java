package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sgdbench.problem.InvalidSpecException;

/** The layout switch of the Aparapi MLP ensemble: default per device type, a named layout, a bad name as bad input. */
class AparapiMlpLayoutTest {
    private static final String KEY = "sgdbench.aparapi.mlpLayout";

    private static AparapiMlpEnsemble.Layout choiceWith(String value) { return choiceWith(value, false); }

    private static AparapiMlpEnsemble.Layout choiceWith(String value, boolean gpu) {
        String before = System.getProperty(KEY);
        try {
            if (value == null) System.clearProperty(KEY);
            else System.setProperty(KEY, value);
            return AparapiMlpEnsemble.layoutChoice(gpu);
        } finally {
            if (before == null) System.clearProperty(KEY);
            else System.setProperty(KEY, before);
        }
    }

    @Test
    void theDefaultIsWalkerMajorOnCpuDevicesParameterMajorOnGpusAndANameChoosesAnother() {
        assertThat(choiceWith(null, false)).isEqualTo(AparapiMlpEnsemble.Layout.WALKER_MAJOR);
        assertThat(choiceWith(null, true)).isEqualTo(AparapiMlpEnsemble.Layout.PARAMETER_MAJOR);
        assertThat(choiceWith("parameter_major", false)).isEqualTo(AparapiMlpEnsemble.Layout.PARAMETER_MAJOR);
        assertThat(choiceWith("WALKER_MAJOR", true)).isEqualTo(AparapiMlpEnsemble.Layout.WALKER_MAJOR);
    }

    @Test
    void anUnknownNameIsBadInputNamingTheSwitchAndTheChoices() {
        assertThatThrownBy(() -> choiceWith("diagonal")).isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining(KEY).hasMessageContaining("WALKER_MAJOR");
    }
}
