package org.sgdbench.kernel.simd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sgdbench.kernel.Availability;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendProvider;
import org.sgdbench.kernel.BackendUnavailableException;
import org.sgdbench.kernel.CsrMatrix;
import org.sgdbench.kernel.KernelOptions;
import org.sgdbench.kernel.NoiseFiller;
import org.sgdbench.kernel.SgdEnsembleKernel;
import org.sgdbench.kernel.TransferOperatorKernel;
import org.sgdbench.problem.Check;
import org.sgdbench.problem.Precision;
import org.sgdbench.problem.QuadraticModes;

/**
 * The JDK Vector API backend. This class itself references no {@code jdk.incubator.vector} type: the probe
 * first asks the boot layer for the module and only then touches {@link SimdLanes} (the first class that links
 * against it), so a JVM started without {@code --add-modules jdk.incubator.vector} gets a reason, not a
 * NoClassDefFoundError.
 */
public final class SimdProvider implements BackendProvider {
    static final String MODULE = "jdk.incubator.vector";

    private volatile Availability probed;

    @Override
    public Backend backend() { return Backend.SIMD; }

    @Override
    public Availability probe() {
        Availability a = probed;
        if (a == null) probed = a = doProbe();
        return a;
    }

    private static Availability doProbe() {
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        if (module.isEmpty())
            return Availability.no(MODULE + " not enabled: start the JVM with --add-modules " + MODULE);
        if (!SimdProvider.class.getModule().canRead(module.get()))
            return Availability.no(MODULE + " is in the boot layer but not readable by "
                + SimdProvider.class.getModule());
        try {
            if (SimdLanes.PROBLEM != null) return Availability.no(SimdLanes.PROBLEM);
            String detail = "FloatVector.SPECIES_PREFERRED = " + SimdLanes.PREFERRED_BITS + " bits";
            if (SimdLanes.FORCED != null)
                detail += ", forced to " + SimdLanes.BITS + " bits by -D" + SimdLanes.PROPERTY + "=" + SimdLanes.FORCED;
            return Availability.yes(detail);
        } catch (LinkageError e) {
            return Availability.no(MODULE + " could not be linked: " + e);
        }
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        Availability a = probe();
        env.put("simd.available", Boolean.toString(a.available()));
        env.put("simd.probe", a.reason());
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) return env;
        try {
            env.put("simd.preferredBits", Integer.toString(SimdLanes.PREFERRED_BITS));
            env.put("simd.bits", Integer.toString(SimdLanes.BITS));
            env.put("simd.bitsOverride", SimdLanes.FORCED == null ? "none" : SimdLanes.FORCED);
            env.put("simd.f32Lanes", Integer.toString(SimdLanes.FLOAT.length()));
            env.put("simd.i32Lanes", Integer.toString(SimdLanes.INT.length()));
            env.put("simd.f64Lanes", Integer.toString(SimdLanes.DOUBLE.length()));
            env.put("simd.i64Lanes", Integer.toString(SimdLanes.LONG.length()));
        } catch (LinkageError e) {
            env.put("simd.linkError", e.toString());
        }
        return env;
    }

    private void requireAvailable() {
        Availability a = probe();
        if (!a.available()) throw new BackendUnavailableException(Backend.SIMD, a.reason());
    }

    @Override
    public SgdEnsembleKernel sgdEnsemble(QuadraticModes spec, Precision precision, long seed, KernelOptions options) {
        requireAvailable();
        return precision == Precision.F64
            ? new SimdSgdEnsembleF64(spec, seed, options)
            : new SimdSgdEnsembleF32(spec, seed, options);
    }

    /** {@link SimdNoiseFiller}: the ensembles' vector Philox and Box–Muller, on {@code options.threads()} threads. */
    @Override
    public Optional<NoiseFiller> noiseFiller(QuadraticModes spec, Precision precision, long seed,
                                             KernelOptions options) {
        Check.notNull("precision", precision);
        requireAvailable();
        return Optional.of(new SimdNoiseFiller(spec, seed, Check.notNull("options", options).threads()));
    }

    /** One walker per lane, bit-identical to the scalar reference. */
    @Override
    public org.sgdbench.kernel.LinearRegressionKernel linearRegression(org.sgdbench.problem.LinearRegression spec,
                                                                       Precision precision, long seed,
                                                                       KernelOptions options) {
        Check.notNull("spec", spec);
        Check.notNull("options", options);
        requireAvailable();
        return Check.notNull("precision", precision) == Precision.F64
            ? new SimdLinearRegressionF64(spec, seed, options)
            : new SimdLinearRegressionF32(spec, seed, options);
    }

    @Override
    public TransferOperatorKernel transferOperator(CsrMatrix operator, Precision precision, KernelOptions options) {
        requireAvailable();
        return new SimdTransferOperator(operator, precision, options);
    }

    /** Matrix-shaped per walker, vectorised over hidden units: within each precision's stated tolerance of scalar. */
    @Override
    public org.sgdbench.kernel.MlpEnsembleKernel mlpEnsemble(org.sgdbench.problem.MlpSpec spec,
                                                             org.sgdbench.problem.MlpData train, double[] theta0,
                                                             Precision precision, KernelOptions options) {
        requireAvailable();
        return precision == Precision.F64
            ? new SimdMlpEnsembleF64(spec, train, theta0, options)
            : new SimdMlpEnsembleF32(spec, train, theta0, options);
    }
}
