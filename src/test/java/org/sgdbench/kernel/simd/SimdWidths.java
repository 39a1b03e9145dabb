package org.sgdbench.kernel.simd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sgdbench.kernel.BackendProvider;

/**
 * A SIMD provider at a forced vector width, in this JVM. The width is a static constant of {@link SimdLanes}
 * (C2 needs constant species), fixed when that class initialises; to test another width in-process, the
 * production classes of this package are loaded a second time by a child-first class loader while
 * {@code -Dsgdbench.simd.bits} is set, exactly as a JVM started with that flag would load them. Everything
 * outside this package (interfaces, scalar reference) is shared with the parent loader.
 */
final class SimdWidths {
    private static final Map<String, BackendProvider> PROVIDERS = new ConcurrentHashMap<>();

    private SimdWidths() {}

    static int preferredBits() { return SimdLanes.PREFERRED_BITS; }

    static BackendProvider provider(int bits) { return provider(Integer.toString(bits)); }

    /** The provider as a JVM started with -Dsgdbench.simd.bits=value would see it (cached per value). */
    static synchronized BackendProvider provider(String value) {
        return PROVIDERS.computeIfAbsent(value, SimdWidths::load);
    }

    private static BackendProvider load(String value) {
        URL mainClasses = SimdProvider.class.getProtectionDomain().getCodeSource().getLocation();
        String old = System.getProperty(SimdLanes.PROPERTY);
        System.setProperty(SimdLanes.PROPERTY, value);
        try {
            @SuppressWarnings("resource") // lives as long as the test JVM, like the classes it defines
            ClassLoader loader = new ChildFirst(mainClasses, SimdProvider.class.getClassLoader());
            BackendProvider p = (BackendProvider) loader.loadClass(SimdProvider.class.getName())
                .getDeclaredConstructor().newInstance();
            p.probe(); // initialises SimdLanes while the property is set
            if (p.getClass() == SimdProvider.class) throw new IllegalStateException("provider not isolated");
            return p;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            if (old == null) System.clearProperty(SimdLanes.PROPERTY);
            else System.setProperty(SimdLanes.PROPERTY, old);
        }
    }

    /** Defines the classes of org.sgdbench.kernel.simd from the main output itself; delegates the rest. */
    private static final class ChildFirst extends URLClassLoader {
        private static final String PACKAGE = SimdProvider.class.getPackageName() + ".";

        ChildFirst(URL mainClasses, ClassLoader parent) { super(new URL[] {mainClasses}, parent); }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
