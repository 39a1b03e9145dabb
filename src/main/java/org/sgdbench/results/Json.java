package org.sgdbench.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one Jackson configuration of sgdbench: pretty, stable field order, records supported natively.
 *
 * <p>Every JSON object the suite writes carries {@code "schemaVersion"} ({@link #SCHEMA_VERSION}) as its first
 * field, so that a reader can tell which layout it holds. Lists of rows (accuracy.json, throughput.json,
 * trajectories.json) are written as {@code {"schemaVersion": 1, "rows": [...]}}; {@link #readRows} also accepts the
 * bare array of runs written before the version field existed. Files in someone else's format (JMH's jmh.json, the
 * export formats) are written as that format defines them.
 */
public final class Json {
    /** Version of the layout of the suite's own JSON files; raised when a field changes meaning or disappears. */
    public static final int SCHEMA_VERSION = 1;

    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private Json() {}

    /** Serialises {@code value} and writes it atomically; an object gets {@code schemaVersion} first. */
    public static void write(Path target, Object value) throws IOException {
        AtomicFiles.write(target, MAPPER.writeValueAsBytes(versioned(value)));
    }

    /** Writes a list of rows as {@code {"schemaVersion": …, "rows": [...]}}, atomically. */
    public static void writeRows(Path target, List<?> rows) throws IOException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.set("rows", MAPPER.valueToTree(rows));
        AtomicFiles.write(target, MAPPER.writeValueAsBytes(o));
    }

    /** Reads a rows file written by {@link #writeRows}, or a bare JSON array (files from before the version field). */
    public static <T> List<T> readRows(Path source, TypeReference<List<T>> type) throws IOException {
        JsonNode root = MAPPER.readTree(source.toFile());
        if (root == null || root.isMissingNode()) throw new IOException("empty file");
        JsonNode rows = root.isObject() ? root.get("rows") : root;
        if (rows == null || !rows.isArray())
            throw new IOException("expected a list of rows (an object with \"rows\" or an array)");
        JavaType t = MAPPER.getTypeFactory().constructType(type);
        return MAPPER.convertValue(rows, t);
    }

    public static <T> T read(Path source, Class<T> type) throws IOException {
        return MAPPER.readValue(source.toFile(), type);
    }

    private static Object versioned(Object value) {
        JsonNode tree = MAPPER.valueToTree(value);
        if (!(tree instanceof ObjectNode obj) || obj.has("schemaVersion")) return tree;
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.setAll(obj);
        return o;
    }
}
