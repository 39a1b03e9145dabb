package org.sgdbench.kernel.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sgdbench.problem.InvalidSpecException;

/** The layout switch of the Aparapi MLP ensemble: default, a named layout, and a bad name as bad input. */
class AparapiMlpLayoutTest {
    private static final String KEY = "sgdbench.aparapi.mlpLayout";

    private static AparapiMlpEnsemble.Layout choiceWith(String value) {
        String before = System.getProperty(KEY);
        try {
            if (value == null) System.clearProperty(KEY);
            else System.setProperty(KEY, value);
            return AparapiMlpEnsemble.layoutChoice();
        } finally {
            if (before == null) System.clearProperty(KEY);
            else System.setProperty(KEY, before);
        }
    }

    @Test
    void theDefaultIsParameterMajorAndANameChoosesAnother() {
        assertThat(choiceWith(null)).isEqualTo(AparapiMlpEnsemble.Layout.PARAMETER_MAJOR);
        assertThat(choiceWith("group")).isEqualTo(AparapiMlpEnsemble.Layout.GROUP);
        assertThat(choiceWith("WALKER_MAJOR")).isEqualTo(AparapiMlpEnsemble.Layout.WALKER_MAJOR);
    }

    @Test
    void anUnknownNameIsBadInputNamingTheSwitchAndTheChoices() {
        assertThatThrownBy(() -> choiceWith("diagonal")).isInstanceOf(InvalidSpecException.class)
            .hasMessageContaining(KEY).hasMessageContaining("GROUP");
    }
}
