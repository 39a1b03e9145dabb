package org.sgdbench.hardware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The profile id: {@code <vendor>-<model-slug>-<cores>c<threads>t-<memGiB>g-<hash>}, where hash is the first 8 hex
 * digits of a SHA-256 over the hardware fields only (CPU identity, topology, caches, memory rounded to GiB,
 * SIMD flags). It is a pure function of those fields: the host name, OS, JVM and time never enter it, so the same
 * machine gets the same id in every run and JVM, and two machines with the same hardware share it.
 */
public final class ProfileIds {
    /** What a valid id looks like; also what makes it safe as a file name. */
    public static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_MODEL_SLUG = 40;
    private static final Pattern NOISE = Pattern.compile(
        "\\((r|tm|c)\\)|®|™|\\bcpu\\b|\\bprocessor\\b|\\b\\d+-core\\b|@\\s*[\\d.]+\\s*[gm]hz|\\bwith\\b.*$");

    private ProfileIds() {}

    /** The id of {@code cpu} with {@code totalMemoryBytes} of memory and SIMD flags {@code isaFlags}. */
    public static String of(HardwareProfile.Cpu cpu, long totalMemoryBytes, List<String> isaFlags) {
        return readablePart(cpu, totalMemoryBytes) + "-" + hash(cpu, totalMemoryBytes, isaFlags);
    }

    /** Everything before the hash: vendor, model, cores/threads, memory. */
    public static String readablePart(HardwareProfile.Cpu cpu, long totalMemoryBytes) {
        String vendor = vendorSlug(cpu.vendor());
        String model = modelSlug(cpu.model(), vendor);
        StringBuilder sb = new StringBuilder(vendor);
        if (!model.isEmpty()) sb.append('-').append(model);
        sb.append('-').append(cpu.physicalCores()).append('c').append(cpu.logicalCores()).append('t');
        sb.append('-').append(memoryGiB(totalMemoryBytes)).append('g');
        return sb.toString();
    }

    /** Memory rounded to whole GiB: the kernel's reserved memory varies between boots and kernel versions. */
    static long memoryGiB(long bytes) { return Math.round(bytes / (double) (1L << 30)); }

    static String vendorSlug(String vendor) {
        String v = vendor == null ? "" : vendor.trim();
        return switch (v) {
            case "GenuineIntel" -> "intel";
            case "AuthenticAMD" -> "amd";
            case "HygonGenuine" -> "hygon";
            case "CentaurHauls", "Shanghai" -> "zhaoxin";
            default -> {
                String s = slug(v);
                yield s.isEmpty() ? "unknown" : s;
            }
        };
    }

    /** Lower-case model name without trademarks, "CPU", "Processor", clock and the vendor repeated. */
    static String modelSlug(String model, String vendorSlug) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        m = NOISE.matcher(m).replaceAll(" ");
        String s = slug(m);
        if (s.equals(vendorSlug)) s = "";
        else if (s.startsWith(vendorSlug + "-")) s = s.substring(vendorSlug.length() + 1);
        if (s.length() > MAX_MODEL_SLUG) {
            s = s.substring(0, MAX_MODEL_SLUG);
            s = s.replaceAll("-+$", "");
        }
        return s;
    }

    /** Lower case, runs of anything but [a-z0-9] become one '-', none at either end. */
    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    /** First 8 hex digits of SHA-256 over a canonical text of the hardware fields. */
    static String hash(HardwareProfile.Cpu cpu, long totalMemoryBytes, List<String> isaFlags) {
        StringBuilder canon = new StringBuilder();
        canon.append("vendor=").append(cpu.vendor()).append('\n')
            .append("model=").append(cpu.model()).append('\n')
            .append("family=").append(cpu.family()).append('\n')
            .append("modelNumber=").append(cpu.modelNumber()).append('\n')
            .append("stepping=").append(cpu.stepping()).append('\n')
            .append("physicalCores=").append(cpu.physicalCores()).append('\n')
            .append("logicalCores=").append(cpu.logicalCores()).append('\n')
            .append("sockets=").append(cpu.sockets()).append('\n')
            .append("memoryGiB=").append(memoryGiB(totalMemoryBytes)).append('\n');
        for (HardwareProfile.Cache c : cpu.caches()) {
            canon.append("cache=L").append(c.level()).append(' ').append(c.type()).append(' ').append(c.sizeBytes())
                .append(' ').append(c.lineSizeBytes()).append(' ').append(c.associativity()).append('\n');
        }
        canon.append("isa=").append(String.join(",", isaFlags)).append('\n');
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canon.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
