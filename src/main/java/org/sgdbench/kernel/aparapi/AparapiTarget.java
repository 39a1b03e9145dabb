package org.sgdbench.kernel.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.kernel.KernelPreferences;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sgdbench.kernel.Backend;
import org.sgdbench.kernel.BackendUnavailableException;
import org.sgdbench.problem.InvalidSpecException;

/**
 * The one device an Aparapi kernel of sgdbench runs on, and the guard that makes Aparapi's silent fallback an error.
 *
 * <p>Aparapi 3 keeps its device preferences per kernel <em>class</em> and, when a device fails (translation,
 * build, launch), marks it failed and re-runs the kernel on the next preferred device, by default its Java thread
 * pool, logging only a warning. Every launch here therefore (1) binds the kernel class to exactly this device,
 * (2) launches, (3) checks that the device is still the kernel's target and not among its failed devices, and
 * otherwise throws {@link AparapiKernelException} with the reason Aparapi logged. Kernels of one class must not
 * run concurrently on different devices from different threads (the binding is per class).
 */
public final class AparapiTarget {
    /** Accepted values of {@code KernelOptions.device()} for this backend. */
    public static final List<String> DEVICE_CHOICES = List.of("gpu", "cpu", "any", "jtp");

    private final Device device;
    private final String description;

    private AparapiTarget(Device device, String description) {
        this.device = device;
        this.description = description;
    }

    /**
     * Resolves a device selector: gpu (first OpenCL GPU), cpu (first OpenCL CPU device), any (first GPU, else
     * accelerator, else CPU device), jtp (Aparapi's Java thread pool). Throws {@link InvalidSpecException} for an
     * unknown selector and {@link BackendUnavailableException} when no such device exists here.
     */
    public static AparapiTarget select(String selector) {
        String s = selector == null ? "" : selector.trim().toLowerCase(Locale.ROOT);
        if (!DEVICE_CHOICES.contains(s)) throw new InvalidSpecException("device", selector, "one of " + DEVICE_CHOICES);
        if (s.equals("jtp")) return javaThreadPool();
        OpenCLInventory inv = OpenCLInventory.get();
        if (!inv.available())
            throw new BackendUnavailableException(Backend.APARAPI, "no OpenCL platform (" + inv.reason() + ")");
        OpenCLDevice chosen = switch (s) {
            case "gpu" -> inv.first(Device.TYPE.GPU);
            case "cpu" -> inv.first(Device.TYPE.CPU);
            default -> {
                OpenCLDevice d = inv.first(Device.TYPE.GPU);
                if (d == null) d = inv.first(Device.TYPE.ACC);
                if (d == null) d = inv.first(Device.TYPE.CPU);
                if (d == null && !inv.devices().isEmpty()) d = inv.devices().get(0);
                yield d;
            }
        };
        if (chosen == null)
            throw new BackendUnavailableException(Backend.APARAPI,
                "no OpenCL " + s.toUpperCase(Locale.ROOT) + " device; devices here: " + inv.summary());
        return of(chosen);
    }

    static AparapiTarget of(OpenCLDevice d) {
        return new AparapiTarget(d, describe(d));
    }

    static AparapiTarget javaThreadPool() {
        return new AparapiTarget(JavaDevice.THREAD_POOL, "Java thread pool (JTP)");
    }

    /**
     * PoCL environment variables that change how its CPU drivers compile or schedule kernels (work-group method,
     * barrier handling, group size limit, build flags, target CPU, threads). sgdbench sets none of them; when the
     * user has, they belong to the result: the vectorisation of the Aparapi kernels depends on them.
     */
    static final List<String> POCL_SETTINGS = List.of("POCL_WORK_GROUP_METHOD", "POCL_VECTORIZER_REMOVE_BARRIERS",
        "POCL_MAX_WORK_GROUP_SIZE", "POCL_EXTRA_BUILD_FLAGS", "POCL_LLVM_CPU_NAME", "POCL_KERNELLIB_NAME",
        "POCL_FORCE_PARALLEL_OUTER_LOOP", "POCL_WORK_GROUP_SPECIALIZATION", "POCL_WILOOPS_MAX_UNROLL_COUNT",
        "POCL_MAX_PTHREAD_COUNT", "POCL_CPU_MAX_CU_COUNT", "POCL_AFFINITY", "POCL_DEVICES");

    /** The {@link #POCL_SETTINGS} set in {@code env}, in that order. */
    static Map<String, String> poclSettings(Map<String, String> env) {
        Map<String, String> set = new LinkedHashMap<>();
        for (String k : POCL_SETTINGS) {
            String v = env.get(k);
            if (v != null) set.put(k, v);
        }
        return set;
    }

    /**
     * E.g. "OpenCL CPU: pthread-skylake-avx512-… (The pocl project)", followed on PoCL by the PoCL settings of the
     * environment in brackets when any is set, e.g. " [POCL_WORK_GROUP_METHOD=cbs]".
     */
    static String describe(OpenCLDevice d) {
        String vendor = d.getOpenCLPlatform().getVendor().trim();
        String s = "OpenCL " + d.getType() + ": " + d.getName().trim() + " (" + vendor + ")";
        return vendor.toLowerCase(Locale.ROOT).contains("pocl") ? s + settingsSuffix(poclSettings(System.getenv())) : s;
    }

    /** " [K=V, K2=V2]", or "" when there are none. */
    static String settingsSuffix(Map<String, String> settings) {
        if (settings.isEmpty()) return "";
        StringBuilder b = new StringBuilder(" [");
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (b.length() > 2) b.append(", ");
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.append(']').toString();
    }

    public Device device() { return device; }

    /**
     * The largest work-group {@code kernel} (compiled for this target) may be launched with: the kernel's own limit
     * from the driver, or the device's when the driver cannot say; at least 1.
     */
    public int maxWorkGroup(Kernel kernel) {
        try {
            return Math.max(1, kernel.getKernelMaxWorkGroupSize(device));
        } catch (com.aparapi.exception.QueryFailedException e) {
            return Math.max(1, device.getMaxWorkGroupSize());
        }
    }

    public boolean isOpenCL() { return device instanceof OpenCLDevice; }

    /** What runs the kernels, for {@code device()} of every kernel and every result. */
    public String description() { return description; }

    /** Compute units of an OpenCL device; 0 for the thread pool. */
    public int computeUnits() { return device instanceof OpenCLDevice d ? d.getMaxComputeUnits() : 0; }

    /** Makes {@code device} the only preferred device of the kernel's class (clears earlier failures). */
    void bind(Kernel kernel) {
        KernelPreferences prefs = KernelManager.instance().getPreferences(kernel);
        if (prefs.getPreferredDevice(kernel) != device || !prefs.getFailedDevices().isEmpty()) {
            LinkedHashSet<Device> only = new LinkedHashSet<>();
            only.add(device);
            KernelManager.instance().setPreferredDevices(kernel, only);
        }
        if (kernel.getExecutionMode() != Kernel.EXECUTION_MODE.AUTO)
            throw new AparapiKernelException(kernel.getClass().getSimpleName(), description,
                "Aparapi execution mode is " + kernel.getExecutionMode()
                    + " (system property com.aparapi.executionMode set?); sgdbench needs AUTO to choose the device itself");
    }

    /** Translates and builds the kernel for this device; a failure is an {@link AparapiKernelException}. */
    void compile(Kernel kernel) {
        bind(kernel);
        if (!isOpenCL()) return;
        try {
            kernel.compile(device);
        } catch (CompileFailedException e) {
            throw new AparapiKernelException(kernel.getClass().getSimpleName(), description, rootMessage(e));
        }
    }

    /** A 1-D range of {@code global} work-items in groups of {@code local} (global is a multiple of local). */
    Range range(int global, int local) {
        Range r = Range.create(device, global, local);
        if (!r.isValid())
            throw new IllegalStateException("invalid Aparapi range " + global + "/" + local + " for " + description);
        return r;
    }

    /** Launches {@code passes} passes and fails loudly if Aparapi ran them anywhere but on this device. */
    void execute(Kernel kernel, Range range, int passes) {
        bind(kernel);
        FallbackLog.clear();
        try {
            kernel.execute(range, passes);
        } catch (RuntimeException | AssertionError e) {
            // Aparapi 3.0.0 cannot re-run a kernel whose range names a device: after logging the device's failure
            // its fallback trips an assertion ("user supplied Device incompatible…"). Report the logged cause.
            String reason = FallbackLog.last();
            throw new AparapiKernelException(kernel.getClass().getSimpleName(), description,
                (reason == null ? rootMessage(e) : reason + "; then: " + e.getMessage()));
        }
        verify(kernel);
    }

    /** The fallback check: the device must still be the kernel's target and must not have been marked failed. */
    void verify(Kernel kernel) {
        KernelPreferences prefs = KernelManager.instance().getPreferences(kernel);
        List<Device> failed = prefs.getFailedDevices();
        Device target = kernel.getTargetDevice();
        if (!failed.isEmpty() || target != device) {
            String reason = FallbackLog.last();
            throw new AparapiKernelException(kernel.getClass().getSimpleName(), description,
                (reason == null ? "Aparapi marked the device failed" : reason)
                    + " (Aparapi re-ran the kernel on " + (target == null ? "its Java thread pool" : target.getShortDescription())
                    + "; that result is discarded)");
        }
    }

    void put(Kernel kernel, float[] a) { bind(kernel); kernel.put(a); }

    void put(Kernel kernel, double[] a) { bind(kernel); kernel.put(a); }

    void put(Kernel kernel, int[] a) { bind(kernel); kernel.put(a); }

    void get(Kernel kernel, float[] a) { bind(kernel); kernel.get(a); }

    void get(Kernel kernel, double[] a) { bind(kernel); kernel.get(a); }

    /**
     * Releases the kernel's OpenCL context and buffers (Aparapi only does so while the class is bound to OpenCL).
     * Aparapi 3.0.0 crashes the JVM (SIGSEGV in JNIContext::dispose) when disposing a context that was built but
     * never launched, so such a kernel ({@code launched} false: its build or first launch failed) is left to the
     * process exit instead: a small, one-off leak instead of a crash.
     */
    void dispose(Kernel kernel, boolean launched) {
        if (!launched && isOpenCL()) return;
        bind(kernel);
        kernel.dispose();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        return root == e ? String.valueOf(m) : e.getMessage() + " <- " + root.getClass().getSimpleName() + ": " + m;
    }

    @Override
    public String toString() { return description; }
}
