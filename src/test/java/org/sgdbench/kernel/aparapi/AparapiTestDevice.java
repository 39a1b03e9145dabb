package org.sgdbench.kernel.aparapi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aparapi.device.OpenCLDevice;
import org.sgdbench.kernel.BackendUnavailableException;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.problem.Precision;

/**
 * The device the Aparapi tests run on: -Dsgdbench.aparapi.device=gpu|cpu|any (default any). Where that device
 * does not exist the tests are skipped with the probe's reason (JUnit assumption), not failed; so are F64 cases on
 * a device without cl_khr_fp64.
 */
final class AparapiTestDevice {
    private AparapiTestDevice() {}

    static String selector() {
        String s = System.getProperty(AparapiProvider.DEVICE_PROPERTY, "any").trim();
        return s.isEmpty() ? "any" : s;
    }

    /** The OpenCL target under test, or the test is skipped with the reason there is none. */
    static AparapiTarget openCL() {
        String sel = selector();
        assumeTrue(!sel.equalsIgnoreCase("jtp"), "OpenCL tests skipped: device forced to jtp");
        try {
            return AparapiTarget.select(sel);
        } catch (BackendUnavailableException e) {
            assumeTrue(false, "Aparapi OpenCL tests skipped: " + e.getMessage());
            throw e;
        }
    }

    static KernelOptions options(KernelOptions base) {
        return new KernelOptions(base.threads(), selector());
    }

    /** Skips an F64 case on a device without double precision, with Aparapi's reason. */
    static void assumePrecision(AparapiTarget t, Precision p) {
        if (p == Precision.F64 && t.device() instanceof OpenCLDevice d)
            assumeTrue(OpenCLInventory.supportsFp64(d), () -> t.description() + " has no fp64: " + OpenCLInventory.fp64(d));
    }
}
