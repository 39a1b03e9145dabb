package org.sgdbench.kernel.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.opencl.OpenCLLoader;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenCL platforms and devices Aparapi sees, listed once per JVM. Listing loads Aparapi's JNI library, which
 * links the system's libOpenCL (the ICD loader): a missing loader, no ICD and no device are all "unavailable"
 * with the reason, never an exception.
 */
final class OpenCLInventory {
    private static volatile OpenCLInventory instance;
    private static final Map<Long, String> FP64 = new ConcurrentHashMap<>();

    private final List<OpenCLPlatform> platforms;
    private final List<OpenCLDevice> devices;
    private final String reason;

    private OpenCLInventory(List<OpenCLPlatform> platforms, List<OpenCLDevice> devices, String reason) {
        this.platforms = platforms;
        this.devices = devices;
        this.reason = reason;
    }

    static OpenCLInventory get() {
        OpenCLInventory i = instance;
        if (i == null) {
            synchronized (OpenCLInventory.class) {
                if (instance == null) instance = scan();
                i = instance;
            }
        }
        return i;
    }

    private static OpenCLInventory scan() {
        try {
            if (!OpenCLLoader.isOpenCLAvailable())
                return new OpenCLInventory(List.of(), List.of(),
                    "Aparapi's JNI library or the system libOpenCL.so could not be loaded; install an OpenCL ICD loader and driver, e.g. ocl-icd-libopencl1 + pocl-opencl-icd");
            List<OpenCLPlatform> ps = OpenCLPlatform.getUncachedOpenCLPlatforms();
            List<OpenCLDevice> ds = new ArrayList<>();
            for (OpenCLPlatform p : ps) ds.addAll(p.getOpenCLDevices());
            if (ps.isEmpty())
                return new OpenCLInventory(List.of(), List.of(), "the OpenCL ICD loader found no platform (no driver in /etc/OpenCL/vendors)");
            if (ds.isEmpty())
                return new OpenCLInventory(List.copyOf(ps), List.of(), ps.size() + " platform(s) but no device");
            return new OpenCLInventory(List.copyOf(ps), List.copyOf(ds), null);
        } catch (LinkageError | RuntimeException e) {
            return new OpenCLInventory(List.of(), List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    boolean available() { return !devices.isEmpty(); }

    /** Why no device is usable; null when {@link #available}. */
    String reason() { return reason; }

    List<OpenCLPlatform> platforms() { return platforms; }

    List<OpenCLDevice> devices() { return devices; }

    OpenCLDevice first(Device.TYPE type) {
        for (OpenCLDevice d : devices) if (d.getType() == type) return d;
        return null;
    }

    String summary() {
        if (devices.isEmpty()) return "none";
        List<String> s = new ArrayList<>();
        for (OpenCLDevice d : devices) s.add(AparapiTarget.describe(d));
        return String.join("; ", s);
    }

    /**
     * Whether the device supports double precision: "yes" or "no (reason)". Aparapi reads the device's extension
     * string when it builds a kernel and refuses a double kernel unless cl_khr_fp64 is listed, so a tiny double
     * kernel is built once per device (cached) and its outcome is the answer.
     */
    static String fp64(OpenCLDevice d) {
        return FP64.computeIfAbsent(d.getDeviceId(), id -> {
            Fp64ProbeKernel k = new Fp64ProbeKernel();
            AparapiTarget t = AparapiTarget.of(d);
            boolean launched = false;
            try {
                t.bind(k);
                k.compile(d);
                // a launch makes the context disposable (see AparapiTarget.dispose) and proves the build runs
                t.execute(k, t.range(1, 1), 1);
                launched = true;
                return "yes";
            } catch (CompileFailedException e) {
                return "no (" + AparapiTarget.rootMessage(e) + ")";
            } catch (RuntimeException e) {
                return "unknown (" + AparapiTarget.rootMessage(e) + ")";
            } finally {
                t.dispose(k, launched);
            }
        });
    }

    static boolean supportsFp64(OpenCLDevice d) { return fp64(d).equals("yes"); }

    /** Every platform and device, for the hardware profile; keys are stable (opencl.platform.I.device.J.field). */
    Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("opencl.available", Boolean.toString(available()));
        if (reason != null) m.put("opencl.reason", reason);
        m.put("opencl.platforms", Integer.toString(platforms.size()));
        for (int i = 0; i < platforms.size(); i++) {
            OpenCLPlatform p = platforms.get(i);
            String pk = "opencl.platform." + i + ".";
            m.put(pk + "name", p.getName().trim());
            m.put(pk + "vendor", p.getVendor().trim());
            m.put(pk + "version", p.getVersion().trim());
            List<OpenCLDevice> ds = p.getOpenCLDevices();
            m.put(pk + "devices", Integer.toString(ds.size()));
            for (int j = 0; j < ds.size(); j++) {
                OpenCLDevice d = ds.get(j);
                String dk = pk + "device." + j + ".";
                m.put(dk + "name", d.getName().trim());
                // OpenCLDevice exposes no CL_DEVICE_VENDOR; the platform vendor is the driver's vendor
                m.put(dk + "vendor", p.getVendor().trim());
                m.put(dk + "type", String.valueOf(d.getType()));
                m.put(dk + "computeUnits", Integer.toString(d.getMaxComputeUnits()));
                m.put(dk + "maxWorkGroupSize", Integer.toString(d.getMaxWorkGroupSize()));
                m.put(dk + "globalMemBytes", Long.toString(d.getGlobalMemSize()));
                m.put(dk + "localMemBytes", Long.toString(d.getLocalMemSize()));
                m.put(dk + "maxMemAllocBytes", Long.toString(d.getMaxMemAllocSize()));
                m.put(dk + "fp64", fp64(d));
            }
        }
        return m;
    }
}
