package org.sgdbench.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.sgdbench.problem.InvalidSpecException;

/**
 * The backends of sgdbench. Each names its provider class, which is loaded only when asked for: probing a
 * backend whose library or module is missing yields an unavailable {@link Availability} with the reason,
 * never an error and never a silent substitute.
 */
public enum Backend {
    SCALAR("org.sgdbench.kernel.scalar.ScalarProvider"),
    SIMD("org.sgdbench.kernel.simd.SimdProvider"),
    ND4J("org.sgdbench.kernel.nd4j.Nd4jProvider"),
    APARAPI("org.sgdbench.kernel.aparapi.AparapiProvider");

    private static final ConcurrentMap<Backend, Object> PROVIDERS = new ConcurrentHashMap<>();

    private final String providerClass;

    Backend(String providerClass) { this.providerClass = providerClass; }

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Parses a CLI name ("scalar", "simd", ...) or throws an {@link InvalidSpecException} listing the choices. */
    public static Backend parse(String field, String s) {
        for (Backend b : values()) if (b.id().equalsIgnoreCase(s.trim())) return b;
        throw new InvalidSpecException(field, s, "one of " + Arrays.toString(ids()));
    }

    public static String[] ids() { return Arrays.stream(values()).map(Backend::id).toArray(String[]::new); }

    /** The provider, or empty when the backend cannot run here (see {@link #availability()}). */
    public Optional<BackendProvider> provider() {
        Object p = PROVIDERS.computeIfAbsent(this, Backend::load);
        return p instanceof BackendProvider bp && bp.probe().available() ? Optional.of(bp) : Optional.empty();
    }

    /** The provider or an exception carrying the reason it is unavailable. */
    public BackendProvider require() {
        return provider().orElseThrow(() -> new BackendUnavailableException(this, availability().reason()));
    }

    public Availability availability() {
        Object p = PROVIDERS.computeIfAbsent(this, Backend::load);
        if (p instanceof BackendProvider bp) return bp.probe();
        return (Availability) p;
    }

    /**
     * The provider, or why not: "unavailable" only for a missing class or library or an unsupported platform
     * ({@link ClassNotFoundException}, {@link LinkageError}, {@link UnsupportedOperationException}); any other
     * exception from the provider is a failure carrying its message.
     */
    static Object load(Backend b) {
        String forced = System.getProperty("sgdbench.disable", "");
        if (Arrays.asList(forced.toLowerCase(Locale.ROOT).split(",")).contains(b.id()))
            return Availability.no("disabled by -Dsgdbench.disable=" + forced);
        try {
            Class<?> c = Class.forName(b.providerClass);
            return check((BackendProvider) c.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return Availability.no("not built into this jar (" + b.providerClass + " missing)");
        } catch (java.lang.reflect.InvocationTargetException e) {
            return classify(e.getCause() != null ? e.getCause() : e);
        } catch (Throwable e) {
            return classify(e);
        }
    }

    /** A constructed provider: itself when its probe says available, else the probe's answer (or its failure). */
    static Object check(BackendProvider bp) {
        try {
            Availability a = bp.probe();
            return a.available() ? bp : a;
        } catch (Throwable e) {
            return classify(e);
        }
    }

    private static Availability classify(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String why = root.getClass().getSimpleName() + ": " + root.getMessage();
        if (e instanceof UnsupportedOperationException || e instanceof LinkageError
            || root instanceof UnsupportedOperationException || root instanceof LinkageError
            || root instanceof ClassNotFoundException)
            return Availability.no(why);
        if (e instanceof Error err && !(e instanceof AssertionError)) throw err;
        return Availability.failure("provider failed: " + why);
    }
}
