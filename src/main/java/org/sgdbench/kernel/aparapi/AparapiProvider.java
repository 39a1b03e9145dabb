package org.sgdbench.kernel.aparapi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.LinearRegressionKernel;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.LinearRegression;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * Aparapi 3: Java bytecode translated to OpenCL, run on a GPU, an accelerator or a CPU OpenCL driver (PoCL,
 * Intel, AMD). Available when the Aparapi classes, its JNI library, the system's OpenCL loader and at least one
 * OpenCL device are all present. Without OpenCL the backend is unavailable ("no OpenCL platform (reason)"),
 * except that Aparapi's Java thread pool can be asked for explicitly: device=jtp in the kernel options, and for
 * {@link Backend#availability()} the system property {@value #DEVICE_PROPERTY}=jtp.
 *
 * <p>Device selection from {@code KernelOptions.device()}: gpu | cpu | any | jtp (see {@link AparapiTarget}).
 */
public final class AparapiProvider implements BackendProvider {
    /** Device selector honoured by the probe (jtp makes the backend available without OpenCL) and by the tests. */
    public static final String DEVICE_PROPERTY = "sgdbench.aparapi.device";
    /** The Aparapi version this backend is built and tested against. */
    public static final String APARAPI_VERSION = "3.0.0";

    @Override
    public Backend backend() { return Backend.APARAPI; }

    /**
     * OpenCL F64 divide and square root are correctly rounded, so F64 reproduces the reference exactly; F32 ÷ and √
     * may be off by 2.5 and 3 ulp on drivers that are not told otherwise (GPUs): 64 ulp of 1 (2⁻¹⁷) after the
     * pass's steps, a reasoned bound (PoCL measured 0). Aparapi's Java thread pool does not fuse fma: 2⁻¹⁷ / 2⁻⁴⁶.
     */
    @Override
    public double trajectoryTolerance(Precision precision) {
        boolean jtp = "jtp".equals(System.getProperty(DEVICE_PROPERTY, "").trim().toLowerCase(java.util.Locale.ROOT))
            || "jtp".equals(System.getProperty("sgdbench.device", "").trim().toLowerCase(java.util.Locale.ROOT));
        if (precision == Precision.F64) return jtp ? 0x1.0p-46 : 0;
        return 0x1.0p-17;
    }

    @Override
    public Availability probe() {
        try {
            Class.forName("com.aparapi.Kernel");
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.no("Aparapi classes missing (com.aparapi:aparapi:" + APARAPI_VERSION + " not on the class path)");
        }
        boolean jtpAsked = "jtp".equals(System.getProperty(DEVICE_PROPERTY, "").trim().toLowerCase(Locale.ROOT));
        OpenCLInventory inv;
        try {
            inv = OpenCLInventory.get();
        } catch (LinkageError e) {
            return Availability.no("no OpenCL platform (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (jtpAsked)
            return Availability.yes("Java thread pool (JTP) as requested by -D" + DEVICE_PROPERTY + "=jtp; OpenCL devices: "
                + inv.summary());
        if (!inv.available()) return Availability.no("no OpenCL platform (" + inv.reason() + ")");
        return Availability.yes("OpenCL devices: " + inv.summary());
    }

    /**
     * Aparapi version and every OpenCL platform and device (name, vendor, type, compute units, max work-group
     * size, memory sizes, fp64 support), and the PoCL environment variables in effect ({@code pocl.settings}). Building the fp64 probe kernel costs a fraction of a second per device,
     * once per JVM.
     */
    @Override
    public Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("aparapi.version", APARAPI_VERSION);
        try {
            m.putAll(OpenCLInventory.get().describe());
            Map<String, String> pocl = AparapiTarget.poclSettings(System.getenv());
            m.put("pocl.settings", pocl.isEmpty() ? "none set" : AparapiTarget.settingsSuffix(pocl).trim());
        } catch (LinkageError e) {
            m.put("opencl.available", "false");
            m.put("opencl.reason", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return m;
    }

    /** Device-resident ensemble on the device {@code options.device()} selects. */
    @Override
    public SgdEnsembleKernel sgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        return new AparapiSgdEnsemble(spec, precision, seed, options);
    }

    /** The ensemble with an explicit residency (device-resident or round-trip), for the benchmarks. */
    public AparapiSgdEnsemble sgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options,
                                          AparapiSgdEnsemble.Residency residency) {
        return new AparapiSgdEnsemble(spec, precision, seed, options, residency, 0);
    }

    /** One work-item per walker, minibatch draws in the kernel ({@link AparapiLinearRegression}). */
    @Override
    public LinearRegressionKernel linearRegression(LinearRegression spec, Precision precision, long seed,
                                                   KernelOptions options) {
        return new AparapiLinearRegression(spec, precision, seed, options);
    }

    @Override
    public TransferOperatorKernel transferOperator(CsrMatrix operator, Precision precision, KernelOptions options) {
        return new AparapiTransferOperator(operator, precision, options);
    }

    /** One work-item per walker; tolerance in {@link AparapiMlpEnsemble}. */
    @Override
    public org.sgdbench.kernel.MlpEnsembleKernel mlpEnsemble(org.sgdbench.problem.MlpSpec spec,
                                                             org.sgdbench.problem.MlpData train, double[] theta0,
                                                             Precision precision, KernelOptions options) {
        return new AparapiMlpEnsemble(spec, train, theta0, precision, options);
    }
}
