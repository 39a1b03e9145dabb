package org.sgdbench.accuracy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sgdbench.problem.InvalidSpecException;
import org.sgdbench.problem.Mode;
import org.sgdbench.problem.NoiseLaw;
import org.sgdbench.problem.NoiseLaws;

/**
 * A user's own accuracy cases, read from a JSON case file (the format is documented in docs/case-file.md, with
 * a JSON schema beside it). The file holds one case (an object) or a list of them (an array). A case is a
 * quadratic model: its modes (λ, σ_h, σ_g and each mode's initial mean and spread), the noise law of the Hessian
 * and of the gradient, η, the horizon and the ensemble size. Each mode becomes one {@link VerdictCase} (the modes
 * are independent, so the verdict per mode is the verdict of the model), named {@code id} for a one-mode case and
 * {@code id-mode<k>} otherwise.
 *
 * <p>Everything is checked before anything is run: unknown or missing fields, wrong types, values out of range,
 * unknown laws, empty lists, duplicate ids, files that are unreadable or not JSON. Every failure is an
 * {@link InvalidSpecException} whose field is the JSON path of the offending value ({@code modes[1].sigmaH},
 * {@code [2].eta} in a list) and whose message gives the allowed range, on one line.
 */
public final class CaseFile {
    public static final int MAX_CASES = 256;
    public static final int MAX_MODES = 64;
    public static final int MAX_STEPS = 100_000;
    public static final int MIN_WALKERS = 1024;
    public static final int MAX_WALKERS = org.sgdbench.problem.Limits.WALKERS_MAX;
    public static final double MAX_ABS = 1e6;
    public static final int MAX_DESCRIPTION = 200;
    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    static final Set<String> CASE_FIELDS = new LinkedHashSet<>(List.of("id", "description", "modes", "hessianNoise",
        "gradientNoise", "eta", "steps", "walkers", "quick"));
    static final Set<String> MODE_FIELDS = new LinkedHashSet<>(List.of("lambda", "sigmaH", "sigmaG", "initMean",
        "initSpread"));

    /** What each required field accepts (the text of a "missing" error). */
    private static final java.util.Map<String, String> REQUIRED = java.util.Map.of(
        "id", "a string of 1-64 letters, digits, '.', '_', '-'",
        "modes", "an array of 1 to " + MAX_MODES + " modes",
        "hessianNoise", "one of gaussian, rademacher, none",
        "gradientNoise", "one of gaussian, rademacher, none",
        "eta", "a number in (0, 100]",
        "steps", "an integer in [2, " + MAX_STEPS + "]",
        "walkers", "an integer in [" + MIN_WALKERS + ", " + MAX_WALKERS + "]",
        "lambda", "a number in [-1000000, 1000000]",
        "sigmaH", "a number in [0, 1000000]",
        "sigmaG", "a number in [0, 1000000]");

    private static final ObjectMapper READER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private CaseFile() {}

    /** The verdict cases of the case file at {@code file}. */
    public static List<VerdictCase> read(Path file) {
        if (file == null) throw new InvalidSpecException("case-file", null, "a readable JSON file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
            throw new InvalidSpecException("case-file", file, "a readable JSON file (see docs/case-file.md)");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            throw new InvalidSpecException("case-file", file + " (" + oneLine(e.getMessage()) + ")",
                "a readable UTF-8 JSON file (see docs/case-file.md)");
        }
        return parse(text);
    }

    /** The verdict cases of a case file's text. */
    public static List<VerdictCase> parse(String json) {
        JsonNode root;
        try (JsonParser p = READER.createParser(json)) {
            root = READER.readTree(p);
            if (root != null && p.nextToken() != null) throw new InvalidSpecException("case-file",
                "trailing content at line " + p.currentLocation().getLineNr(), "one JSON value");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidSpecException("case-file", "not valid JSON" + where + ": " + oneLine(e.getOriginalMessage()),
                "a JSON object (one case) or array of objects (see docs/case-file.md)");
        } catch (IOException e) {
            throw new InvalidSpecException("case-file", oneLine(e.getMessage()), "a readable JSON file");
        }
        if (root == null || root.isMissingNode())
            throw new InvalidSpecException("case-file", "empty", "a JSON object (one case) or array of objects");
        List<VerdictCase> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (root.isArray()) {
            if (root.isEmpty() || root.size() > MAX_CASES)
                throw new InvalidSpecException("[]", root.size() + " cases", "[1, " + MAX_CASES + "] cases");
            for (int i = 0; i < root.size(); i++) readCase(root.get(i), "[" + i + "]", ids, out);
        } else if (root.isObject()) {
            readCase(root, "", ids, out);
        } else {
            throw new InvalidSpecException("case-file", "a JSON " + kind(root),
                "a JSON object (one case) or array of objects");
        }
        return List.copyOf(out);
    }

    private static void readCase(JsonNode node, String at, Set<String> ids, List<VerdictCase> out) {
        if (!node.isObject()) throw new InvalidSpecException(at.isEmpty() ? "case" : at, "a JSON " + kind(node), "an object");
        checkFields(node, at, CASE_FIELDS);
        String id = text(node, at, "id", true);
        if (!id.matches(ID_PATTERN))
            throw new InvalidSpecException(path(at, "id"), quote(id), "1-64 letters, digits, '.', '_', '-', starting with a letter or digit");
        String description = node.has("description") ? text(node, at, "description", false) : "";
        if (description.length() > MAX_DESCRIPTION || description.chars().anyMatch(Character::isISOControl))
            throw new InvalidSpecException(path(at, "description"), description.length() + " characters",
                "one line of at most " + MAX_DESCRIPTION + " characters");
        NoiseLaw h = NoiseLaw.parse(path(at, "hessianNoise"), text(node, at, "hessianNoise", true));
        NoiseLaw g = NoiseLaw.parse(path(at, "gradientNoise"), text(node, at, "gradientNoise", true));
        double eta = number(node, at, "eta", true, 0, "a number in (0, 100]");
        if (!(eta > 0 && eta <= org.sgdbench.problem.Limits.ETA_MAX))
            throw new InvalidSpecException(path(at, "eta"), eta, "(0, " + (int) org.sgdbench.problem.Limits.ETA_MAX + "]");
        int steps = integer(node, at, "steps", 2, MAX_STEPS);
        int walkers = integer(node, at, "walkers", MIN_WALKERS, MAX_WALKERS);
        boolean quick = true;
        if (node.has("quick")) {
            JsonNode q = node.get("quick");
            if (!q.isBoolean()) throw new InvalidSpecException(path(at, "quick"), "a JSON " + kind(q), "true or false");
            quick = q.booleanValue();
        }
        JsonNode modes = node.get("modes");
        if (modes == null) throw missing(at, "modes");
        if (!modes.isArray())
            throw new InvalidSpecException(path(at, "modes"), "a JSON " + kind(modes), "an array of 1 to " + MAX_MODES + " modes");
        if (modes.isEmpty() || modes.size() > MAX_MODES)
            throw new InvalidSpecException(path(at, "modes"), modes.size() + " modes", "[1, " + MAX_MODES + "] modes");
        NoiseLaws laws = new NoiseLaws(h, g);
        for (int k = 0; k < modes.size(); k++) {
            String mAt = path(at, "modes") + "[" + k + "]";
            JsonNode m = modes.get(k);
            if (!m.isObject()) throw new InvalidSpecException(mAt, "a JSON " + kind(m), "an object");
            checkFields(m, mAt, MODE_FIELDS);
            double lambda = inRange(m, mAt, "lambda", true, -MAX_ABS, MAX_ABS);
            double sigmaH = inRange(m, mAt, "sigmaH", true, 0, MAX_ABS);
            double sigmaG = inRange(m, mAt, "sigmaG", true, 0, MAX_ABS);
            double initMean = inRange(m, mAt, "initMean", false, -MAX_ABS, MAX_ABS);
            double initSpread = inRange(m, mAt, "initSpread", false, 0, MAX_ABS);
            // a σ on an axis without noise would be silently ignored: say so instead
            if (h == NoiseLaw.NONE && sigmaH != 0)
                throw new InvalidSpecException(path(mAt, "sigmaH"), sigmaH, "0 when hessianNoise is none");
            if (g == NoiseLaw.NONE && sigmaG != 0)
                throw new InvalidSpecException(path(mAt, "sigmaG"), sigmaG, "0 when gradientNoise is none");
            String caseId = modes.size() == 1 ? id : id + "-mode" + k;
            if (!ids.add(caseId))
                throw new InvalidSpecException(path(at, "id"), quote(caseId) + " (duplicate)", "ids unique within the file");
            String desc = (description.isEmpty() ? "case file" : description)
                + (modes.size() == 1 ? "" : String.format(Locale.ROOT, " [mode %d: λ=%s, σ_h=%s, σ_g=%s]", k,
                    num(lambda), num(sigmaH), num(sigmaG)));
            out.add(new VerdictCase(caseId, desc, Mode.of(lambda, sigmaH, sigmaG), laws, eta, steps, walkers,
                initMean, initSpread, quick));
        }
    }

    private static void checkFields(JsonNode node, String at, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f))
                throw new InvalidSpecException(path(at, f), "(unknown field)", "the fields " + String.join(", ", allowed));
        }
    }

    private static String text(JsonNode node, String at, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) throw missing(at, field);
            return "";
        }
        if (!v.isTextual()) throw new InvalidSpecException(path(at, field), "a JSON " + kind(v), "a string");
        return v.textValue();
    }

    private static double number(JsonNode node, String at, String field, boolean required, double absent,
                                 String allowed) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) throw missing(at, field);
            return absent;
        }
        if (!v.isNumber()) throw new InvalidSpecException(path(at, field), "a JSON " + kind(v), allowed);
        double d = v.doubleValue();
        if (!Double.isFinite(d)) throw new InvalidSpecException(path(at, field), v.asText(), allowed);
        return d;
    }

    private static double inRange(JsonNode node, String at, String field, boolean required, double lo, double hi) {
        String allowed = "a number in [" + num(lo) + ", " + num(hi) + "]";
        double d = number(node, at, field, required, 0, allowed);
        if (!(d >= lo && d <= hi)) throw new InvalidSpecException(path(at, field), num(d), allowed);
        return d;
    }

    private static int integer(JsonNode node, String at, String field, int lo, int hi) {
        JsonNode v = node.get(field);
        if (v == null) throw missing(at, field);
        String range = "an integer in [" + lo + ", " + hi + "]";
        if (!v.isNumber()) throw new InvalidSpecException(path(at, field), "a JSON " + kind(v), range);
        double d = v.doubleValue();
        if (d != Math.rint(d) || !(d >= lo && d <= hi)) throw new InvalidSpecException(path(at, field), v.asText(), range);
        return (int) d;
    }

    private static InvalidSpecException missing(String at, String field) {
        return new InvalidSpecException(path(at, field), "(missing)", "a required field: " + REQUIRED.get(field));
    }

    private static String path(String at, String field) { return at.isEmpty() ? field : at + "." + field; }

    private static String kind(JsonNode n) {
        return n.isNull() ? "null" : n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "boolean"
            : n.isArray() ? "array" : n.isObject() ? "object" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String quote(String s) { return '"' + s.replace("\"", "\\\"") + '"'; }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}
