package org.sgdbench.kernel.nd4j;

import org.junit.jupiter.api.Assumptions;
import org.sgdbench.kernel.Availability;

/** Skips (never fails) a test when the ND4J natives cannot load here, with the probe's reason. */
final class Nd4jAvailable {
    private Nd4jAvailable() {}

    static void assume() {
        Availability a = new Nd4jProvider().probe();
        Assumptions.assumeTrue(a.available(), () -> "ND4J unavailable: " + a.reason());
    }
}
