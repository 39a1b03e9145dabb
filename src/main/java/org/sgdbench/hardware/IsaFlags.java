package org.sgdbench.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reduces a CPU's feature flags to those that say what SIMD code can use. */
public final class IsaFlags {
    /**
     * x86: SSE…SSE4.2 (Linux calls SSE3 "pni"), AVX, AVX2, AVX-512*, AVX-VNNI, FMA/FMA4, F16C, AMX. ARM: NEON
     * (Linux "asimd*"), SVE/SVE2, SME, i8mm, bf16, fp16 ("fphp"). POWER: altivec, vsx. RISC-V: the V extension
     * as "rvv".
     */
    private static final Pattern SIMD = Pattern.compile(
        "sse\\d?(_\\d|a)?|ssse3|pni|avx.*|fma4?|f16c|amx.*|neon|asimd.*|sve.*|sme(?!p$).*|i8mm|bf16|fphp|altivec|vsx.*|rvv");
    /** macOS sysctl names, e.g. {@code hw.optional.avx2_0} or {@code hw.optional.arm.FEAT_BF16}. */
    private static final Pattern MAC_PREFIX = Pattern.compile("^hw\\.optional\\.(arm\\.)?(feat_)?");

    /** A "name: 0" line (macOS sysctl style) names a feature that is absent. */
    private static final Pattern DISABLED = Pattern.compile("^[^:=]+[:=]\\s*0\\s*$");

    private IsaFlags() {}

    /**
     * The SIMD-relevant flags in {@code featureLines}, sorted and distinct. Each line may be a bare flag or an OSHI
     * feature line such as {@code "flags : fpu sse sse2 …"}; tokens are split on blanks and colons.
     */
    public static List<String> simdRelevant(Collection<String> featureLines) {
        TreeSet<String> out = new TreeSet<>();
        for (String line : featureLines) {
            if (line == null || DISABLED.matcher(line).matches()) continue;
            for (String raw : line.toLowerCase(Locale.ROOT).split("[\\s:=]+")) {
                String token = MAC_PREFIX.matcher(raw).replaceFirst("");
                if (token.endsWith("_0") && token.startsWith("avx")) token = token.substring(0, token.length() - 2);
                if (token.isEmpty() || !SIMD.matcher(token).matches()) continue;
                out.add(token.equals("pni") ? "sse3" : token);
            }
        }
        return List.copyOf(out);
    }

    /** The "flags"/"Features" lines of {@code /proc/cpuinfo}, the fallback when OSHI returns none. */
    static List<String> procCpuinfoFeatureLines(Path cpuinfo) {
        List<String> lines = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(cpuinfo)) {
                String key = l.split(":", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (key.equals("flags") || key.equals("features")) lines.add(l.substring(l.indexOf(':') + 1));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return lines;
    }
}
