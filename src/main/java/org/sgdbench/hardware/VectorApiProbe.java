package org.sgdbench.hardware;

import java.lang.module.ModuleFinder;
import java.util.Optional;

/**
 * Whether the JDK Vector API is present and its preferred width, found by reflection so that this package never
 * links against the incubator module (it must load on a JVM started without {@code --add-modules}).
 */
public final class VectorApiProbe {
    public static final String MODULE = "jdk.incubator.vector";

    private VectorApiProbe() {}

    /** The JDK ships the module (so a JVM started with {@code --add-modules} can use it). */
    public static boolean moduleInJdk() { return ModuleFinder.ofSystem().find(MODULE).isPresent(); }

    /** The module is resolved in this JVM's boot layer. */
    public static boolean moduleResolved() { return ModuleLayer.boot().findModule(MODULE).isPresent(); }

    public static HardwareProfile.VectorApi probe() {
        boolean inJdk = moduleInJdk();
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        if (module.isEmpty()) {
            return new HardwareProfile.VectorApi(inJdk, false, null, inJdk
                ? "module in the JDK but not resolved: start the JVM with --add-modules " + MODULE
                : "this JDK has no " + MODULE + " module");
        }
        try {
            Class<?> shapeClass = Class.forName(module.get(), MODULE + ".VectorShape");
            if (shapeClass == null) throw new ClassNotFoundException(MODULE + ".VectorShape");
            Object shape = shapeClass.getMethod("preferredShape").invoke(null);
            int bits = (Integer) shapeClass.getMethod("vectorBitSize").invoke(shape);
            return new HardwareProfile.VectorApi(true, true, bits,
                "VectorShape.preferredShape() = " + shape + " (" + bits + " bits)");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new HardwareProfile.VectorApi(inJdk, true, null,
                "module resolved but VectorShape.preferredShape() failed: " + e);
        }
    }
}
